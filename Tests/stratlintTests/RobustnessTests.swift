import Foundation
import Testing
import TestSupport

/// Hostile and broken input (issue 6): each case's report and exit code against a golden
/// file, and the other files still checked.
@Suite("Bad input and limits")
struct RobustnessTests {
    /// Each file of fixtures/invalid/inputs, checked beside the clean organisation.
    @Test func badInputCorpus() throws {
        let folder = Repository.fixture("invalid/inputs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 10)
        for name in names {
            let r = try CLI.run(["check", today, "fixtures/invalid/inputs/\(name)", "fixtures/clean"])
            #expect(r.stdout.contains("in 3 files"), "\(name): the clean files were not all checked")
            #expect(r.status == 0 || r.status == 1, "\(name): exit \(r.status)")
            expectGolden(r.stdout + r.stderr + "exit: \(r.status)\n",
                         at: folder.appendingPathComponent(name.replacingOccurrences(of: ".yaml", with: ".expected")))
        }
    }

    /// Each limit of fixtures/limits, lowered by the folder's configuration and exceeded.
    @Test(arguments: ["steps", "steps-let", "regex", "file-size", "depth"])
    func limit(_ name: String) throws {
        let folder = Repository.fixture("limits/\(name)")
        let ownRules = ["steps", "steps-let", "regex"].contains(name)
        let r = try CLI.run(["check", today] + (ownRules ? ["--no-builtin"] : []), in: folder)
        #expect(r.status == (ownRules ? 2 : 1))
        // The message names the limit, and for a rule says that it was stopped.
        #expect((r.stdout + r.stderr).contains("(limits.max-"))
        if ownRules { #expect(r.stderr.contains("was stopped")) }
        expectGolden(r.stdout + r.stderr + "exit: \(r.status)\n", at: folder.appendingPathComponent("expected.txt"))
    }

    /// A pack-level let and a metric run once over the whole workspace: work linear in it
    /// is never stopped, however small `max-steps` is beside the inventory (the built-in
    /// pack's `integration_links` takes 10 million steps at 300,000 integrations), while
    /// the cubic let above still is.
    @Test func workOverTheWholeWorkspaceGrowsWithIt() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        let systems = (0..<3_000).map { "  - { id: system-\($0), owner: cio }\n" }.joined()
        try ("kind: Inventory\nsystems:\n" + systems).write(to: dir.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        try """
            let:
              labels: "Inventory.systems.map(s, s.id + ' > ' + s.owner)"
            rules:
              - id: one-label-each
                title: One label each
                pitfall: model-integrity
                severity: warning
                at: Inventory
                when: "labels.size() != Inventory.systems.size()"
                message: "labels are missing"
            metrics:
              - id: owned
                title: Systems with an owner
                of: { s: "Inventory.systems.filter(x, x.owner != null)" }
                where: "s.owner != null"

            """.write(to: dir.appendingPathComponent("rules/labels.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\nrules: [rules/]\nlimits: { max-steps: 1000 }\n"
            .write(to: dir.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", today, "--no-builtin"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(!r.stderr.contains("stopped"))
        let audit = try CLI.run(["audit", today, "--no-builtin", "--format", "json"], in: dir)
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("\"holds\" : 3000") || audit.stdout.contains("\"holds\":3000"), "\(audit.stdout.prefix(2000))")
    }

    /// A document of a kind nothing reads is reported (with the nearest known kind); the
    /// kinds that a loaded rule reads or the configuration assigns are not.
    @Test func unknownKinds() throws {
        let folder = Repository.fixture("kinds")
        let r = try CLI.run(["check", today, "--no-builtin"], in: folder)
        #expect(r.status == 1)
        #expect(r.stdout.contains("vendor-typo.yaml:2:7: warning: No rule reads documents of kind 'Vendr'"))
        #expect(r.stdout.contains("did you mean 'Vendor'?"))
        #expect(r.stdout.contains("kind 'Systems', so this document is not checked; it holds `systems`, which an Inventory document holds: write `kind: Inventory`"))
        #expect(r.stdout.contains("kind 'Deployment'"))
        #expect(!r.stdout.contains("kind 'Vendor'") && !r.stdout.contains("kind 'Supplier'"))
        expectGolden(r.stdout + r.stderr + "exit: \(r.status)\n", at: folder.appendingPathComponent("expected.txt"))

        // Disabled like any rule.
        let dir = try temporaryFolder()
        try "kind: Vendr\n".write(to: dir.appendingPathComponent("v.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\ndisable: [unknown-kind]\n".write(to: dir.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
        let off = try CLI.run(["check", today], in: dir)
        #expect(off.status == 0)
        #expect(!off.stdout.contains("unknown-kind"))
    }

    /// The configuration's `max-file-size` holds for rule files too.
    @Test func ruleFilesObeyTheFileSizeLimit() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        let rules = try #require(Repository.read(Repository.root.appendingPathComponent("rules/vague-goals.yaml")))
        #expect(rules.utf8.count > 1024)
        try rules.write(to: dir.appendingPathComponent("rules/vague-goals.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\nrules: [rules/]\nlimits: { max-file-size: 1KiB }\n"
            .write(to: dir.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", today, "--no-builtin"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot read rule file rules/vague-goals.yaml: it is"))
        #expect(r.stderr.contains("over the limit of 1 KiB (limits.max-file-size)"))
    }

    @Test func limitsAreCheckedInTheConfiguration() throws {
        let dir = try temporaryFolder()
        try "version: 1\nlimits: { max-step: 10, max-depth: -1, max-file-size: lots }\n"
            .write(to: dir.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", today], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(".stratlint.yaml:2:11: error: unknown limit 'max-step'"))
        #expect(r.stderr.contains("did you mean 'max-steps'"))
        #expect(r.stderr.contains(".stratlint.yaml:2:36: error: 'max-depth' must be a positive whole number"))
        #expect(r.stderr.contains("'max-file-size' must be a positive whole number of bytes, or one with KiB, MiB or GiB"))
    }

    /// `max-expression-depth` cannot be raised to where a rule file overflows the stack:
    /// with 100,000 allowed, an expression of 5,000 nested lists crashed the check.
    @Test func expressionDepthHasACeiling() throws {
        let dir = try temporaryFolder()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        let nested = String(repeating: "[", count: 5_000) + "1" + String(repeating: "]", count: 5_000)
        try write("rules:\n  - id: deep\n    title: Deep\n    pitfall: model-integrity\n    severity: warning\n    at: Inventory\n"
                  + "    when: \"size(\(nested)) == 1\"\n    message: deep\n", "rules/deep.yaml", in: dir)
        try write("kind: Inventory\nsystems: [{ id: a, owner: cio }]\n", "inventory.yaml", in: dir)
        try write("version: 1\nrules: [rules/]\nlimits: { max-expression-depth: 100000 }\n", ".stratlint.yaml", in: dir)
        let r = try CLI.run(["check", today, "--no-builtin"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(".stratlint.yaml:3:33: error: 'max-expression-depth' may be at most 1000"), "\(r.stderr.prefix(600))")
        // At the ceiling the expression is refused, not crashed on.
        try write("version: 1\nrules: [rules/]\nlimits: { max-expression-depth: 1000 }\n", ".stratlint.yaml", in: dir)
        let atCeiling = try CLI.run(["check", today, "--no-builtin"], in: dir)
        #expect(atCeiling.status == 2)
        #expect(atCeiling.stderr.contains("nests deeper than 1000 levels"), "\(atCeiling.stderr.prefix(600))")
    }

    /// A single document of 100,000 lines is checked, in bounded time.
    @Test func hundredThousandLineDocument() throws {
        let dir = try temporaryFolder()
        var text = "kind: Inventory\nsystems:\n"
        for i in 0..<20_000 {
            text += "  - id: system-\(i)\n    owner: cio\n    lifecycle: active\n    hosting: on-prem\n    supports: []\n"
        }
        try text.write(to: dir.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", today, "--format", "json", "."], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"files\" : 1"))
        #expect(!r.stdout.contains("parse-error"))
    }

    /// Symbolic links that loop, that point nowhere, and a FIFO (which would block a
    /// naive read forever): each is reported or skipped, and the real files are checked.
    @Test func linksLoopsAndSpecialFiles() throws {
        let dir = try temporaryFolder()
        for name in ["strategy.yaml", "inventory.yaml"] {
            try FileManager.default.copyItem(at: Repository.fixture("clean/\(name)"), to: dir.appendingPathComponent(name))
        }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop").path, withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("self.yaml").path, withDestinationPath: "self.yaml")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("gone.yaml").path, withDestinationPath: "missing.yaml")
        #expect(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
        let r = try CLI.run(["check", today, "."], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("pipe.yaml: error: cannot read the file: it is not a regular file [parse-error]"))
        #expect(r.stdout.contains("self.yaml: error: cannot read the file: too many levels of symbolic links [parse-error]"))
        #expect(r.stdout.contains("gone.yaml: error: cannot read the file: no such file or directory [parse-error]"))
        #expect(!r.stdout.contains("strategy.yaml:"), "the clean files have no findings")
    }

    /// A folder bound inside itself (a loop no link makes, so "links are not followed"
    /// does not end it): the walk enters it once and ends, and each file is checked once.
    @Test(Needs.mountNamespace)
    func folderBoundInsideItself() throws {
        let dir = try temporaryFolder()
        for name in ["strategy.yaml", "inventory.yaml"] {
            try FileManager.default.copyItem(at: Repository.fixture("clean/\(name)"), to: dir.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub/loop"), withIntermediateDirectories: true)
        let script = #"mount --bind "$1" "$1/sub/loop" && exec "$2" check --today=2026-11-22 "$1""#
        let r = try CLI.run(["--mount", "sh", "-c", script, "sh", dir.path, CLI.binary.path],
                            binary: URL(fileURLWithPath: "/usr/bin/unshare"), in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout == "No findings in 2 files (46 rules).\n", "\(r.stdout)")
    }

    /// A file the user may not read (as root, the check runs as `nobody`).
    @Test(Needs.unprivilegedUser)
    func unreadableFile() throws {
        let dir = try temporaryFolder()
        let path = dir.appendingPathComponent("secret.yaml").path
        try "kind: Inventory\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(chmod(path, 0) == 0)
        let r = try CLI.runUnprivileged(["check", today, "."], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("secret.yaml: error: cannot read the file: permission denied [parse-error]"))
    }

    /// A run killed while it writes its report leaves the old report whole and no
    /// temporary file (the write pauses, by a test hook, between writing and renaming).
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func interruptedWriteLeavesTheOldFile(_ signal: Int32) throws {
        let dir = try temporaryFolder()
        let report = dir.appendingPathComponent("report.json")
        try "the previous report\n".write(to: report, atomically: true, encoding: .utf8)
        let pid = try spawnWithSignalsUnblocked(CLI.binary.path, [
            "check", today, "--format", "json", "--output", report.path, Repository.fixture("clean").path,
        ], environment: ["STRATLINT_TEST_PAUSE_WRITE=30"])
        // Wait for the temporary file: the report is written and not yet renamed.
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".tmp") }
        }
        let deadline = Date().addingTimeInterval(60)
        while temporaries().isEmpty, Date() < deadline { usleep(20_000) }
        #expect(temporaries().count == 1)
        kill(pid, signal)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        // Killed by the signal (the handler re-raises it), not exited.
        #expect(status & 0x7f == signal)
        #expect(try String(contentsOf: report, encoding: .utf8) == "the previous report\n")
        #expect(temporaries().isEmpty)
    }

    /// Starts a process with no signal blocked: the test runner's threads block signals,
    /// and `Process` would pass that mask on.
    private func spawnWithSignalsUnblocked(_ path: String, _ arguments: [String], environment: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + environment
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, nil, &attributes, argv, envp)
        try #require(result == 0, "posix_spawn failed: \(result)")
        return pid
    }

    /// `--output` over a file the run reads is refused: stratlint never writes a linted file.
    @Test func outputOverAnInputIsRefused() throws {
        let dir = try temporaryFolder()
        let strategy = dir.appendingPathComponent("strategy.yaml")
        let text = try #require(Repository.read(Repository.fixture("clean/strategy.yaml")))
        try text.write(to: strategy, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", today, "--output", "strategy.yaml", "."], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("refusing to write strategy.yaml: it is strategy.yaml, a file this run reads"))
        #expect(try String(contentsOf: strategy, encoding: .utf8) == text)
    }
}
