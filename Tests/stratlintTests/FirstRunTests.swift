import Foundation
import Testing
import TestSupport
@testable import stratlint

/// What a team adopting stratlint meets first (issue 15 §3): each surprise it reported,
/// as a test.
@Suite("First run")
struct FirstRunTests {
    /// The built-in pack's own folder can be tested and checked from this repository:
    /// its files, given again from disk, replace their embedded copies.
    @Test func builtinPackFolderTestsAndChecks() throws {
        let test = try CLI.run(["test", "rules", today])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.contains("rules tested:"))
        #expect(!test.stdout.contains(" 0 passed"))
        let check = try CLI.run(["rules", "check", "rules"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasSuffix("rules in rules compile.\n"))
    }

    /// A pack named in .stratlint.yaml and again with --rules is loaded once.
    @Test func packNamedTwiceLoadsOnce() throws {
        let org = Repository.fixture("config/org")
        let twice = try CLI.run([today, "--rules", "policies", "--rules", "./policies/"], in: org)
        let once = try CLI.run([today], in: org)
        #expect(twice.status == once.status)
        #expect(twice.stdout == once.stdout)
        #expect(!twice.stderr.contains("duplicate"))
    }

    /// `--config` only configures: the workspace stays the current folder, not the
    /// configuration's (236 unrelated files were checked).
    @Test func configElsewhereOnlyConfigures() throws {
        let base = try temporaryFolder()
        let work = base.appendingPathComponent("work"), elsewhere = base.appendingPathComponent("elsewhere")
        for dir in [work, elsewhere] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        for name in ["strategy.yaml", "inventory.yaml"] {
            try FileManager.default.copyItem(at: Repository.fixture("clean/\(name)"), to: work.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: Repository.fixture("acme-retail/strategy.yaml"), to: elsewhere.appendingPathComponent("strategy.yaml"))
        let config = base.appendingPathComponent("elsewhere.yaml")
        try "version: 1\ninclude: [\"**/*.yaml\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", today, "--config", config.path], in: work)
        #expect(run.status == 0)
        #expect(run.stdout == "No findings in 2 files (46 rules).\n")
    }

    @Test func missingPathIsReportedOnce() throws {
        let run = try CLI.run(["check", today, "no/such/folder"])
        #expect(run.status == 2)
        #expect(run.stderr.components(separatedBy: "no such file or directory: no/such/folder").count == 2)
    }

    @Test func oneRuleIsOneRule() throws {
        let run = try CLI.run(["check", today, "--no-builtin", "--rules", "fixtures/rule-tests/idle", "fixtures/clean"])
        #expect(run.stdout.hasSuffix("(1 rule).\n"))
    }

    /// An error the system gives a command (a folder that cannot be made) is reported
    /// like the commands' own, with the path, not as Foundation's error dump.
    @Test func systemErrorsSayStratlintError() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["rules", "docs", "--output", file.appendingPathComponent("pages").path])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("stratlint: error: \(file.path)"), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func testWithoutFixturesSaysStratlintError() throws {
        let dir = try temporaryFolder()
        let run = try CLI.run(["test", today], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("stratlint: error: no fixtures found"))
    }

    /// `init` where documents already are: the configuration only, no example entities
    /// to merge into the real model.
    @Test func initBesideRealDocumentsWritesOnlyTheConfiguration() throws {
        let dir = try temporaryFolder()
        try FileManager.default.copyItem(at: Repository.fixture("clean/strategy.yaml"), to: dir.appendingPathComponent("ours.yaml"))
        let run = try CLI.run(["init", today], in: dir)
        #expect(run.status == 0)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == [".stratlint.yaml", "ours.yaml"])
        #expect(run.stdout.contains("skipped strategy.yaml"))
    }

    /// A new repository's virtual environment is not documents: what .gitignore leaves
    /// out does not stop `init` writing the examples.
    @Test func initInARepositoryWithAnIgnoredVirtualEnvironment() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try "venv/\n".write(to: dir.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        let package = dir.appendingPathComponent("venv/lib/python3.12/site-packages/yamllint/conf")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try "extends: default\n".write(to: package.appendingPathComponent("relaxed.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["init", today], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("created strategy.yaml"))
    }
}

/// Commands run in process give what the binary gives (issue 15 §4): the same bytes on
/// standard output and error, the same exit code.
@Suite("In-process commands")
struct InProcessTests {
    @Test(arguments: [
        ["check", "fixtures/acme-retail", today], ["check", "fixtures/clean", today, "--format", "json"],
        ["check", "no/such/path", today], ["rules", "list"], ["--version"], ["check", "--today", "yesterday"],
    ])
    func sameAsTheBinary(_ arguments: [String]) throws {
        let console = Console(capturing: true)
        let status = Console.$current.withValue(console) { Stratlint.execute(arguments) }
        let spawned = try CLI.spawn(arguments)
        #expect(status == spawned.status)
        #expect(console.captured.out == spawned.stdout)
        #expect(console.captured.err == spawned.stderr)
    }

    /// `swift test` runs in the package's folder, so most CLI tests run in process.
    @Test func testsRunInThePackageFolder() {
        #expect(CLI.workingFolder == Repository.root.standardizedFileURL.path)
    }
}

/// The README's audit and map examples name the folder they check and run as written
/// (issue 15 §3: the audit example named no path, so it checked whatever folder it ran in).
@Suite("README examples")
struct ReadmeExampleTests {
    static func examples() throws -> [[String]] {
        let readme = try #require(Repository.read(Repository.root.appendingPathComponent("README.md")))
        return readme.split(separator: "\n").compactMap { line -> [String]? in
            let command = line.split(separator: "#", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard command.hasPrefix("stratlint audit ") || command.hasPrefix("stratlint graph ") else { return nil }
            return command.split(separator: " ").dropFirst().map(String.init)
        }
    }

    @Test func auditAndGraphExamplesNameAPathAndRun() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 3)
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("fixtures"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.fixture("acme-retail"), to: dir.appendingPathComponent("fixtures/acme-retail"))
        for arguments in examples {
            #expect(arguments.dropFirst().first.map { !$0.hasPrefix("-") } == true, "\(arguments) names no path")
            let run = try CLI.spawn(arguments + (arguments.contains { $0.hasPrefix("--today") } ? [] : [today]), in: dir)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
    }
}

/// Packs stand alone (issue 16 §4): the core pack compiles without the backstage pack,
/// which adds to core's lets through `extend:` instead of core naming its lets.
@Suite("Pack extension points")
struct PackExtensionTests {
    @Test func corePackLoadsAlone() throws {
        let run = try CLI.run(["rules", "check", "--no-builtin", "rules"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "46 rules in rules compile.\n")
    }

    func pack(_ text: String) throws -> CLI.Result {
        let dir = try temporaryFolder()
        try text.write(to: dir.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        try "kind: Strategy\ngoals: [{ id: g }]\n".write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return try CLI.run(["check", today, "--no-builtin", "--rules", "pack.yaml", "s.yaml"], in: dir)
    }

    static let rule = """
        rules:
          - id: sees-extension
            pitfall: weak-governance
            severity: warning
            title: The let holds the extension
            when: "size(ids) == 2 && 'extra' in ids"
            at: Strategy
            message: "ids: {{ids}}"
        """

    @Test func extensionAppendsToTheLet() throws {
        let run = try pack("let:\n  ids: Strategy.goals.id\nextend:\n  ids: \"['extra']\"\n" + Self.rule)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("ids: g, extra"))
    }

    /// Lets are ordered by what they read, not by where they are written.
    @Test func letMayReadALetWrittenLater() throws {
        let run = try pack("let:\n  ids: base + ['extra']\n  base: Strategy.goals.id\n" + Self.rule)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("ids: g, extra"))
    }

    /// Lets and extensions that cannot be computed are rule errors at their place.
    @Test(arguments: [
        ("let:\n  ids: Strategy.goals.id\nextend:\n  idz: \"['extra']\"\n",
         ["pack.yaml:4:3: error: 'extend' names 'idz', which no pack-level let defines", "did you mean 'ids'?"]),
        ("let:\n  ids: other\n  other: ids\n",
         ["pack.yaml:2:3: error: pack-level let 'ids' reads itself (through 'ids', 'other')"]),
        ("let:\n  ids: Strategy.goals.id\n  more: ids + ['x']\nextend:\n  ids: more\n",
         ["the extension of 'ids' reads 'ids' itself"]),
    ])
    func brokenLetsAreRuleErrors(_ lets: String, _ messages: [String]) throws {
        let run = try pack(lets + Self.rule)
        #expect(run.status == 2)
        for message in messages { #expect(run.stderr.contains(message), "\(run.stderr)") }
    }
    /// A missing value reads as "(missing)" in a message, not as `null`, and `orElse`
    /// says what to show instead (issue 17).
    @Test func missingValuesInMessages() throws {
        let run = try pack("""
            rules:
              - id: shows-missing
                pitfall: weak-governance
                title: Shows what is missing
                for: { goal: Strategy.goals }
                message: "Goal '{{goal.id}}' titled '{{ orElse(goal.title, 'untitled') }}' is owned by {{goal.owner}}"
            """)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("Goal 'g' titled 'untitled' is owned by (missing)"), "\(run.stdout)")
    }

    /// Each pack's lets live in its own namespace: a user's pack may name a let as core
    /// does (its rules see their own; core's rules keep theirs), reads core's lets, and
    /// does not see the backstage pack's.
    @Test func packsHaveTheirOwnLets() throws {
        let dir = try temporaryFolder()
        try ("let:\n  sensitive_data: \"['own']\"\n  ids: sensitive_data + goal_ids\n" + Self.rule.replacingOccurrences(of: "'extra'", with: "'own'"))
            .write(to: dir.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        try "kind: Strategy\ngoals: [{ id: g }]\n".write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", today, "--rules", "pack.yaml", "s.yaml"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("ids: own, g"), "\(run.stdout)")
        let hidden = try pack("let:\n  ids: catalog\n" + Self.rule)
        #expect(hidden.status == 2)
        #expect(hidden.stderr.contains("unknown name 'catalog'"), "\(hidden.stderr)")
    }
}
