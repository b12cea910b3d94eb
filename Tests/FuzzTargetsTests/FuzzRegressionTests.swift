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
        // Every target keeps its inputs here: a missing or empty folder fails, it does
        // not pass by replaying nothing.
        let folder = Repository.fixture("fuzz/\(target.rawValue)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { !$0.hasPrefix(".") && $0 != "README.md" }
        #expect(!names.isEmpty, "fixtures/fuzz/\(target.rawValue) holds no input")
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            target.run(Array(data))
        }
    }

    /// The targets read the fixtures they need from the repository, wherever they run.
    @Test func targetsFindTheRepository() {
        #expect(FileManager.default.fileExists(atPath: FuzzTarget.repositoryRoot + "/fixtures/clean/strategy.yaml"))
    }
}
