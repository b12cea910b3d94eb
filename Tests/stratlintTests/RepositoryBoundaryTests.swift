import Foundation
import Testing
import TestSupport

/// Rule packs and configured paths stay inside the repository (issue 6, "rules are
/// data"); only an absolute path on the command line may point elsewhere. The layout is
/// made at test time: `base/repo` (a repository, with `.git`) and `base/elsewhere/pack`.
@Suite("Repository boundary")
struct RepositoryBoundaryTests {
    let base: URL
    let repo: URL
    let pack: URL

    init() throws {
        base = try temporaryFolder()
        repo = base.appendingPathComponent("repo")
        pack = base.appendingPathComponent("elsewhere/pack")
        let fm = FileManager.default
        for dir in [repo.appendingPathComponent(".git"), repo.appendingPathComponent("rules"), pack] {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        let rule = try #require(Repository.read(Repository.fixture("kinds/rules/vendors.yaml")))
        try rule.write(to: pack.appendingPathComponent("vendors.yaml"), atomically: true, encoding: .utf8)
        try "kind: Vendor\nvendors:\n  - { id: payroll-bureau }\n"
            .write(to: repo.appendingPathComponent("vendors.yaml"), atomically: true, encoding: .utf8)
    }

    private func configure(_ text: String) throws {
        try text.write(to: repo.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func relativeRulesPathMayNotLeave() throws {
        let r = try CLI.run(["check", today, "--rules", "../elsewhere/pack"], in: repo)
        #expect(r.status == 2)
        #expect(r.stderr.contains("rule pack ../elsewhere/pack is outside the repository"))
        #expect(r.stderr.contains("give the absolute path"))
    }

    @Test func absoluteRulesPathMayLeave() throws {
        let r = try CLI.run(["check", today, "--no-builtin", "--rules", pack.path], in: repo)
        #expect(r.status == 1)
        #expect(r.stdout.contains("Vendor 'payroll-bureau' has no contract on file"))
    }

    @Test func configuredPackMayNotLeave() throws {
        try configure("version: 1\nrules: [../elsewhere/pack]\n")
        let r = try CLI.run(["check", today], in: repo)
        #expect(r.status == 2)
        #expect(r.stderr.contains(".stratlint.yaml:2:9: error: rule pack '../elsewhere/pack' is outside the repository"))
    }

    /// A pack inside the repository whose rule file is a link to a file outside it.
    @Test func linkedRuleFileMayNotLeave() throws {
        try FileManager.default.createSymbolicLink(
            at: repo.appendingPathComponent("rules/vendors.yaml"), withDestinationURL: pack.appendingPathComponent("vendors.yaml"))
        try configure("version: 1\nrules: [rules/]\n")
        let configured = try CLI.run(["check", today], in: repo)
        #expect(configured.status == 2)
        #expect(configured.stderr.contains(".stratlint.yaml:2:9: error: rule pack 'rules/' has a file outside the repository"))
        // The same pack named on the command line, relatively.
        try FileManager.default.removeItem(at: repo.appendingPathComponent(".stratlint.yaml"))
        let named = try CLI.run(["check", today, "--rules", "rules"], in: repo)
        #expect(named.status == 2)
        #expect(named.stderr.contains("rule pack rules has a file outside the repository"))
    }

    /// A linked folder: the pack's path is inside, its real place is not.
    @Test func linkedPackFolderMayNotLeave() throws {
        try FileManager.default.createSymbolicLink(at: repo.appendingPathComponent("shared"), withDestinationURL: pack)
        try configure("version: 1\nrules: [shared]\n")
        let r = try CLI.run(["check", today], in: repo)
        #expect(r.status == 2)
        #expect(r.stderr.contains("rule pack 'shared' is outside the repository"))
    }

    /// A workspace file that links out of the repository is reported, not read: its
    /// lines would otherwise appear in findings (a parse error shows the line).
    @Test func linkedWorkspaceFileIsNotFollowed() throws {
        let secret = base.appendingPathComponent("elsewhere/secret.yaml")
        try "password: [hunter2\n".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: repo.appendingPathComponent("leak.yaml"), withDestinationURL: secret)
        let r = try CLI.run(["check", today, "."], in: repo)
        #expect(r.status == 1)
        #expect(r.stdout.contains("leak.yaml: error: cannot read the file: it is a link to \(secret.path), outside the repository"))
        #expect(!r.stdout.contains("hunter2"))
        #expect(r.stdout.contains("in 2 files"))
    }

    @Test func packInsideIsUsed() throws {
        try FileManager.default.copyItem(at: pack.appendingPathComponent("vendors.yaml"), to: repo.appendingPathComponent("rules/vendors.yaml"))
        try configure("version: 1\nrules: [rules/]\n")
        let r = try CLI.run(["check", today], in: repo)
        #expect(r.status == 1)
        #expect(r.stdout.contains("Vendor 'payroll-bureau' has no contract on file"))
    }
}
