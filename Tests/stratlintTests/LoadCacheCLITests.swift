import Foundation
import Testing
import TestSupport

/// The load cache from the command line: `check` keeps it in the repository's `.git`
/// folder, `--no-cache` leaves no trace, and the output is the same either way.
@Suite("Load cache (command line)")
struct LoadCacheCLITests {
    @Test func checkKeepsItAndNoCacheLeavesNoTrace() throws {
        let repo = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: false)
        try FileManager.default.copyItem(at: Repository.fixture("acme-retail/inventory"), to: repo.appendingPathComponent("inventory"))
        try FileManager.default.copyItem(at: Repository.fixture("acme-retail/strategy.yaml"), to: repo.appendingPathComponent("strategy.yaml"))
        let cache = repo.appendingPathComponent(".git/stratlint-cache").path

        let bare = try CLI.run(["check", "--no-cache", today, "--format", "json", "."], in: repo)
        #expect(bare.status == 1)
        #expect(!FileManager.default.fileExists(atPath: cache))
        let cold = try CLI.run(["check", today, "--format", "json", "."], in: repo)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(entries.count == 1 + (try FileManager.default.contentsOfDirectory(atPath: repo.appendingPathComponent("inventory").path).count))
        #expect(entries.allSatisfy { $0.hasSuffix(".values") }, "\(entries)")
        let warm = try CLI.run(["check", today, "--format", "json", "."], in: repo)
        #expect(cold.stdout == bare.stdout && warm.stdout == bare.stdout)
        #expect(cold.status == 1 && warm.status == 1)
    }
}
