import Foundation
import FuzzTargets
import Testing
import TestSupport

/// Every input under fixtures/fuzz/<target>/ (what a fuzzer found, or a known way to
/// crash a parser: a chain of 20,000 operators) runs through its fuzz target and returns.
/// A crash kills the test run; a hang runs into the time limit.
@Suite("Fuzz regressions", .timeLimit(.minutes(1)))
struct FuzzRegressionTests {
    @Test(arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let folder = Repository.fixture("fuzz/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
        for name in names where !name.hasPrefix(".") && name != "README.md" {
            let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            target.run(Array(data))
        }
    }

    /// The targets read the fixtures they need from the repository, wherever they run.
    @Test func targetsFindTheRepository() {
        #expect(FileManager.default.fileExists(atPath: FuzzTarget.repositoryRoot + "/fixtures/clean/strategy.yaml"))
    }
}
