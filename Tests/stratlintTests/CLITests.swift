import Foundation
import Testing
import TestSupport
@testable import stratlint

/// Runs the built `stratlint` binary.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for dir in candidates {
            let url = dir.appendingPathComponent("stratlint")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return Repository.root.appendingPathComponent(".build/debug/stratlint")
    }

    /// Runs a command: in process (``Stratlint/execute(_:)``, output captured by a task-local
    /// ``Console``) where it can be, that is in the repository's folder, which is the tests'
    /// working folder, without extra environment; else the built binary, as a user would.
    static func run(_ arguments: [String], binary: URL = binary, in directory: URL = Repository.root, environment: [String: String] = [:]) throws -> Result {
        let result: Result
        if binary == Self.binary, environment.isEmpty, directory.standardizedFileURL.path == Self.workingFolder {
            let console = Console(capturing: true)
            let status = Console.$current.withValue(console) { Stratlint.execute(arguments) }
            result = Result(status: status, stdout: console.captured.out, stderr: console.captured.err)
        } else {
            result = try spawn(arguments, binary: binary, in: directory, environment: environment)
        }
        // Every JSON report a test makes holds to schemas/report.schema.json.
        if binary == Self.binary, writesJSONReport(arguments), result.status == 0 || result.status == 1 {
            let problems = (try? JSONSchemaSubset.report())?.problems(in: result.stdout) ?? ["schemas/report.schema.json cannot be read"]
            if !problems.isEmpty { Issue.record("the JSON report of \(arguments) breaks schemas/report.schema.json:\n\(problems.prefix(10).joined(separator: "\n"))") }
        }
        return result
    }

    /// The tests' working folder (`swift test` runs them in the package's folder).
    static let workingFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path

    /// Runs the built binary in its own process.
    static func spawn(_ arguments: [String], binary: URL = binary, in directory: URL = Repository.root, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is drained on another thread: read one after the other, a
        // child that fills the error pipe (64 KiB) before closing its output would
        // wait for us forever.
        nonisolated(unsafe) var stderr = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Whether `arguments` make `check` write its JSON report to standard output.
    static func writesJSONReport(_ arguments: [String]) -> Bool {
        let command = arguments.first { !$0.hasPrefix("-") }
        guard command == nil || !["audit", "graph", "test", "rules", "baseline", "init"].contains(command ?? "") else { return false }
        guard !arguments.contains(where: { $0 == "--output" || $0.hasPrefix("--output=") }) else { return false }
        return zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" } || arguments.contains("--format=json")
    }
}

extension CLI {
    /// Runs the binary as a user who cannot read what has no read permission: this
    /// user, or `nobody` (through setpriv) when the tests run as root. Tests that call it
    /// carry ``Needs/unprivilegedUser``.
    static func runUnprivileged(_ arguments: [String], in directory: URL) throws -> Result {
        guard getuid() == 0 else { return try run(arguments, in: directory) }
        guard let setpriv = Needs.Tools.setpriv else { throw MissingRequirement(description: "running as root without setpriv") }
        return try run(["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments,
                       binary: URL(fileURLWithPath: setpriv), in: directory)
    }
}

let today = "--today=2026-11-22"

@Suite("Command line")
struct CLITests {
    @Test func findingsExitOne() throws {
        let r = try CLI.run(["check", "fixtures/acme-retail", today])
        #expect(r.status == 1)
        #expect(r.stdout.contains("fixtures/acme-retail/strategy.yaml:68:35: error: `supports` of initiative 'click-and-collect' names 'omnichannel-growth', which is not a goal [dangling-goal-reference]"))
        #expect(r.stdout.hasSuffix("  missing-security         7\n  ignored-employee-input   6\n  one-time-implementation  4\n  no-business-case         3\n  it-digital-misalignment  2\n  model-integrity          1\n"))
    }

    @Test func cleanExitsZero() throws {
        let r = try CLI.run(["check", "fixtures/clean", today])
        #expect(r.status == 0)
        #expect(r.stdout == "No findings in 2 files (46 rules).\n")
    }

    @Test func checkIsTheDefaultCommand() throws {
        #expect(try CLI.run(["fixtures/clean", today]).status == 0)
    }

    @Test func failOnSetsTheThreshold() throws {
        // Only warnings here (and one parse error in broken.yaml, left out).
        let path = "fixtures/invalid/workspace/strategy.yaml"
        #expect(try CLI.run(["check", path, today]).status == 1)
        #expect(try CLI.run(["check", path, today, "--fail-on", "error"]).status == 0)
        #expect(try CLI.run(["check", "fixtures/acme-retail", today, "--fail-on", "error"]).status == 1)
    }

    @Test func brokenRuleFileExitsTwoBeforeReadingDocuments() throws {
        let r = try CLI.run(["check", "fixtures/clean", today, "--rules", "fixtures/invalid/rules/unknown-function.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("fixtures/invalid/rules/unknown-function.yaml:8:12: error: unknown function 'lenght'\n 8 |     when: \"lenght(goal.title) > 80\"\n   |            ^~~~~~~~~~~~~~~~~~"))
        #expect(r.stderr.contains("no document was checked"))
        #expect(r.stdout.isEmpty)
    }

    @Test func usageErrorsExitTwo() throws {
        let badFormat = try CLI.run(["check", "--format", "xml", "fixtures/clean"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("xml"))
        let badDate = try CLI.run(["check", "--today", "31/12/2026", "fixtures/clean"])
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--today must be a date written YYYY-MM-DD"))
        let missing = try CLI.run(["check", "no/such/folder", today])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or directory: no/such/folder"))
        #expect(try CLI.run(["check", "--no-builtin", "fixtures/clean"]).status == 2)
    }

    @Test func helpExitsZero() throws {
        let r = try CLI.run(["check", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("--fail-on"))
    }

    @Test func parseErrorIsAFindingAndTheRestIsChecked() throws {
        let r = try CLI.run(["check", "fixtures/invalid/workspace", today, "--format", "json"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"ruleId\" : \"parse-error\""))
        #expect(r.stdout.contains("\"ruleId\" : \"goal-without-deadline\""))
    }

    @Test func jsonIsDeterministic() throws {
        let a = try CLI.run(["check", "fixtures", today, "--format", "json"])
        let b = try CLI.run(["check", "fixtures", today, "--format", "json"])
        #expect(a.status == 1)
        #expect(!a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
        let text1 = try CLI.run(["check", "fixtures/acme-retail", today])
        let text2 = try CLI.run(["check", "fixtures/acme-retail", today])
        #expect(text1.stdout == text2.stdout)
    }

    @Test func outputFileAndNoColourWhenNotATerminal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.json")
        let r = try CLI.run(["check", "fixtures/acme-retail", today, "--format", "json", "--output", out.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(Repository.read(out)?.hasPrefix("{\n  \"findings\"") == true)
        let piped = try CLI.run(["check", "fixtures/acme-retail", today], environment: ["NO_COLOR": "1"])
        #expect(!piped.stdout.contains("\u{1B}["))
    }

    /// `STRATLINT_TIMINGS=1` prints each phase as `Benchmarks/bench.py` reads it: when it
    /// began, its wall time, the process's CPU time meanwhile, and (where `/proc` is)
    /// the resident memory; the report itself is unchanged.
    @Test func timingsSayEachPhasesTimeAndMemory() throws {
        let timed = try CLI.run(["check", "fixtures/acme-retail", today, "--format", "json"], environment: ["STRATLINT_TIMINGS": "1"])
        let plain = try CLI.run(["check", "fixtures/acme-retail", today, "--format", "json"], environment: ["NO_COLOR": "1"])
        #expect(timed.status == 1 && timed.stdout == plain.stdout)
        let lines = timed.stderr.split(separator: "\n").filter { $0.hasPrefix("timing: ") }
        let phase = /^timing: @[0-9]+\.[0-9] (?<name>.+?) [0-9]+\.[0-9] ms, cpu [0-9]+ ms(, rss [0-9]+ MB, peak [0-9]+ MB)?$/
        let names = lines.compactMap { (try? phase.wholeMatch(in: String($0)))?.output.name }.map(String.init)
        #expect(names.count == lines.count, "\(lines.filter { (try? phase.wholeMatch(in: String($0))) == nil })")
        for expected in ["load ", "document check (schemas)", "sort and fingerprint", "render json"] where !names.contains(where: { $0.hasPrefix(expected) }) {
            Issue.record("no timing of \(expected): \(names)")
        }
        if FileManager.default.fileExists(atPath: "/proc/self/status") {
            #expect(lines.allSatisfy { $0.contains(", rss ") })
        }
    }

    /// The built-in pack is inside the binary: a copy run from elsewhere still has it.
    @Test func copiedBinaryKeepsTheBuiltinPack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("stratlint")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        try FileManager.default.copyItem(at: Repository.fixture("acme-retail"), to: dir.appendingPathComponent("org"))
        let r = try CLI.run(["check", "org", today, "--format", "json"], binary: copy, in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"file\" : \"org/strategy.yaml\""))
        #expect(r.stdout.contains("\"rules\" : 46"))
    }
}

@Suite("Several reports from one run")
struct MultiFormatTests {
    @Test func pairsFormatsWithOutputs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-multi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sarif = dir.appendingPathComponent("r.sarif"), junit = dir.appendingPathComponent("r.xml")
        let r = try CLI.run(["check", "fixtures/acme-retail", today,
                             "--format", "sarif", "--output", sarif.path,
                             "--format", "junit", "--output", junit.path,
                             "--format", "github"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("::error file=fixtures/acme-retail/inventory/integrations.yaml,line=6,col=39"))
        #expect(Repository.read(sarif)?.contains("\"version\" : \"2.1.0\"") == true)
        #expect(Repository.read(junit)?.hasPrefix("<?xml") == true)
        // No temporary files are left beside the reports.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["r.sarif", "r.xml"])
    }

    @Test func refusesAmbiguousPairs() throws {
        let twoToStdout = try CLI.run(["check", "fixtures/clean", today, "--format", "json", "--format", "sarif"])
        #expect(twoToStdout.status == 2)
        #expect(twoToStdout.stderr.contains("only one report can go to standard output"))
        let orphanOutput = try CLI.run(["check", "fixtures/clean", today, "--output", "a", "--output", "b"])
        #expect(orphanOutput.status == 2)
    }
}

@Suite("Configuration on the command line")
struct ConfigurationCLITests {
    @Test func foundByWalkingUp() throws {
        let r = try CLI.run([today, "--format", "json"], in: Repository.fixture("config/org/legacy"))
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"ruleId\" : \"goal-without-sponsor\""))
        #expect(!r.stdout.contains("world-domination"))
    }

    @Test func failOnFromTheConfigurationAndTheFlagWins() throws {
        let org = Repository.fixture("config/org")
        // fail-on: error in the file; the org has errors.
        #expect(try CLI.run([today], in: org).status == 1)
        // Disabling the error rules through a flag-level threshold above them is not possible,
        // but --fail-on info still counts the warnings, and an explicit flag is honoured.
        #expect(try CLI.run([today, "--fail-on", "info"], in: org).status == 1)
    }

    @Test func badConfigurationExitsTwo() throws {
        let r = try CLI.run(["check", "fixtures/clean", today, "--config", "fixtures/config/invalid/unknown-key.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("fixtures/config/invalid/unknown-key.yaml:2:1: error: unknown key 'sevrity'"))
    }
}

/// A new temporary folder for one test.
func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `text` to the file `name` in `dir` (replacing it).
func write(_ text: String, _ name: String, in dir: URL) throws {
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
}

@Suite("baseline and init commands")
struct BaselineAndInitCLITests {
    @Test func baselineThenCheckReportsNothing() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("baseline.json")
        let written = try CLI.run(["baseline", "fixtures/acme-retail", today, "--output", file.path])
        #expect(written.status == 0)
        #expect(written.stderr.hasPrefix("Wrote 34 baseline entries to "))
        #expect(Repository.read(file) == Repository.read(Repository.fixture("baseline/acme-retail.baseline.json")))
        let checked = try CLI.run(["check", "fixtures/acme-retail", today, "--baseline", file.path])
        #expect(checked.status == 0)
        #expect(checked.stdout.hasPrefix("No findings"))
        // What the baseline hides is said: a clean run is not a clean model.
        #expect(checked.stdout.hasSuffix("(46 rules). 34 are accepted by the baseline.\n"), "\(checked.stdout)")
    }

    @Test func baselineNeedsAnOutput() throws {
        let r = try CLI.run(["baseline", "fixtures/clean", today])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--output FILE"))
        let missing = try CLI.run(["check", "fixtures/clean", today, "--baseline", "no/such/baseline.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the baseline no/such/baseline.json"))
    }

    @Test func initWritesAStarterThatPassesAndNeverOverwrites() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLI.run(["init", "--today", "2026-11-23"], in: dir)
        #expect(first.status == 0)
        #expect(first.stdout.contains("created strategy.yaml"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == [".stratlint.yaml", "inventory.yaml", "strategy.yaml"])
        let checked = try CLI.run(["check", "--today", "2026-11-23"], in: dir)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout == "No findings in 2 files (46 rules).\n")

        let strategy = dir.appendingPathComponent("strategy.yaml")
        try Data("kind: Strategy\n# mine\n".utf8).write(to: strategy)
        let again = try CLI.run(["init"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.contains("kept    strategy.yaml"))
        #expect(Repository.read(strategy) == "kind: Strategy\n# mine\n")
    }
}

@Suite("--new-since")
struct NewSinceCLITests {
    func git(_ arguments: [String], in dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.name=stratlint", "-c", "user.email=stratlint@example.invalid", "-c", "commit.gpgsign=false"] + arguments
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }

    /// A repository holding acme-retail at its first commit, then changed in the work tree.
    @Test func reportsOnlyWhatTheChangeBroughtIn() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try git(["init", "-q"], in: dir)
        try FileManager.default.copyItem(at: Repository.fixture("acme-retail"), to: dir.appendingPathComponent("org"))
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "base"], in: dir)
        let before = try CLI.run(["check", "org", today, "--new-since", "HEAD"], in: dir)
        #expect(before.status == 0, "\(before.stdout)\(before.stderr)")
        #expect(before.stdout.hasPrefix("No findings"))
        // What --new-since hid is said.
        #expect(before.stdout.hasSuffix(" 34 are already there at HEAD.\n"), "\(before.stdout)")

        // Lines move in one file, a new system breaks a rule in it, and a new file arrives.
        let systems = dir.appendingPathComponent("org/inventory/systems.yaml")
        let text = try #require(Repository.read(systems))
        try Data(("# moved\n#\n#\n" + text + "  - id: fax-server\n    owner: cio\n    supports: [omnichannel]\n").utf8).write(to: systems)
        try Data("kind: Strategy\ngoals:\n  - id: be-great\n    title: Be great\n".utf8)
            .write(to: dir.appendingPathComponent("org/new-goals.yaml"))
        let r = try CLI.run(["check", "org", today, "--new-since", "HEAD", "--format", "json"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let files = Set(findings.compactMap { $0["file"] as? String })
        #expect(files == ["org/inventory/systems.yaml", "org/new-goals.yaml"])
        #expect(findings.filter { $0["file"] as? String == "org/inventory/systems.yaml" }
            .allSatisfy { ($0["message"] as? String)?.contains("fax-server") == true })
        #expect(findings.contains { $0["ruleId"] as? String == "goal-without-deadline" && $0["file"] as? String == "org/new-goals.yaml" })
        // Without --new-since the old findings are all there too.
        let all = try CLI.run(["check", "org", today, "--format", "json"], in: dir)
        #expect(all.stdout.components(separatedBy: "\"ruleId\"").count > findings.count + 10)
    }

    @Test func clearErrorsOutsideGitAndForAnUnknownRevision() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Repository.fixture("clean"), to: dir.appendingPathComponent("org"))
        let outside = try CLI.run(["check", "org", today, "--new-since", "main"], in: dir, environment: ["GIT_CEILING_DIRECTORIES": dir.deletingLastPathComponent().path])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("error: --new-since needs a git repository"), "\(outside.stderr)")
        try git(["init", "-q"], in: dir)
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "base"], in: dir)
        let unknown = try CLI.run(["check", "org", today, "--new-since", "no-such-branch"], in: dir)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'no-such-branch' names no commit"), "\(unknown.stderr)")
    }
}

@Suite("stratlint test")
struct TestCommandCLITests {
    @Test func builtinPackPasses() throws {
        let r = try CLI.run(["test", today])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.hasSuffix("65 rules tested: 65 passed, 0 failed\n"))
    }

    /// The packs as files of this repository, each alone and together (the built-in
    /// files given again from disk are compiled from there).
    @Test func repositoryPacksPassFromDisk() throws {
        let core = try CLI.run(["test", today, "rules"])
        #expect(core.status == 0, "\(core.stdout)")
        #expect(core.stdout.hasSuffix("46 rules tested: 46 passed, 0 failed\n"))
        let both = try CLI.run(["test", today, "rules", "rules/backstage"])
        #expect(both.status == 0, "\(both.stdout)")
        #expect(both.stdout.hasSuffix("65 rules tested: 65 passed, 0 failed\n"))
    }

    /// A rule that cannot be evaluated on a fixture's item fails, at the item's line,
    /// as `check` reports it (issue 17): it must not pass because nothing fired.
    @Test func evaluationErrorsFailAtTheFixtureLine() throws {
        let r = try CLI.run(["test", today, "fixtures/rule-tests/failing"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("fixtures/rule-tests/failing/tests/goal-with-few-sponsors/fires.yaml:5: goal-with-few-sponsors could not be evaluated: cannot compare string with int (1 item)"),
                "\(r.stdout)")
    }

    /// A deliberately wrong fixture: exit 1 and a readable difference (golden).
    @Test func wrongFixtureExitsOneWithADiff() throws {
        let r = try CLI.run(["test", today, "--fixtures", "fixtures/rule-tests/wrong"])
        #expect(r.status == 1)
        expectGolden(r.stdout, at: Repository.fixture("rule-tests/wrong.expected"))
    }

    @Test func packWithFixturesBesideIt() throws {
        let r = try CLI.run(["test", today, "fixtures/rule-tests/pack"])
        #expect(r.status == 0)
        #expect(r.stdout == "PASS  goal-without-sponsor  (1 fixture)\n1 rule tested: 1 passed, 0 failed\n")
        let unknown = try CLI.run(["test", today, "--fixtures", "fixtures/rule-tests/unknown"])
        #expect(unknown.status == 2)
    }
}

@Suite("stratlint rules")
struct RulesCommandCLITests {
    @Test func listAsTextAndJSON() throws {
        let text = try CLI.run(["rules", "list"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 65)
        let line = try #require(lines.first { $0.hasPrefix("dangling-goal-reference ") })
        #expect(line.hasSuffix("  technology-first         error    Initiative supports a goal that does not exist"))
        let json = try CLI.run(["rules", "list", "--format", "json", "--rules", "fixtures/rule-tests/pack"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        #expect(rows.count == 66)
        #expect(rows.contains { $0 == ["id": "goal-without-sponsor", "pitfall": "weak-governance", "severity": "warning", "title": "Goal has no sponsor"] })
    }

    @Test func explainShowsDocsFixAndAFixtureExample() throws {
        let r = try CLI.run(["rules", "explain", "data-silo"])
        #expect(r.status == 0)
        for section in ["# data-silo", "## Why it matters", "## How to fix", "## Examples from its test fixtures",
                        "Flagged, `fixtures/rules/data-silo/fires.yaml`", "  - id: pos   # expect: data-silo"] {
            #expect(r.stdout.contains(section), "no \(section)")
        }
        let unknown = try CLI.run(["rules", "explain", "data-sillo"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: no rule 'data-sillo'\n  hint: did you mean 'data-silo'?"))
    }

    @Test func checkPrintsEveryRuleErrorAndExitsTwo() throws {
        let bad = try CLI.run(["rules", "check", "fixtures/invalid/rules"])
        #expect(bad.status == 2)
        for name in ["bad-regex", "bad-template", "duplicate-id", "syntax-error", "type-error"] {
            #expect(bad.stderr.contains("fixtures/invalid/rules/\(name).yaml:"), "no error from \(name).yaml")
        }
        #expect(bad.stderr.contains(" | "))   // the caret snippets
        let good = try CLI.run(["rules", "check", "fixtures/rule-tests/pack"])
        #expect(good.status == 0)
        #expect(good.stdout == "1 rule in fixtures/rule-tests/pack compile.\n")
    }

    @Test func checkVerboseReportsARuleThatLooksAtNothing() throws {
        let r = try CLI.run(["rules", "check", "fixtures/rule-tests/idle", "--workspace", "fixtures/clean", "--verbose"])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("fixtures/rule-tests/idle/goalz.yaml:2:5: info: rule 'misspelt-collection' looks at nothing in fixtures/clean"))
        let quiet = try CLI.run(["rules", "check", "fixtures/rule-tests/idle", "--workspace", "fixtures/clean"])
        #expect(quiet.stderr.isEmpty)
    }

    /// `rules docs` writes exactly the committed docs/rules/.
    @Test func docsCommandWritesTheCommittedPages() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["rules", "docs", "--output", dir.path])
        #expect(r.status == 0)
        let committed = Repository.root.appendingPathComponent("docs/rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted()))
        for name in names {
            #expect(Repository.read(dir.appendingPathComponent(name)) == Repository.read(committed.appendingPathComponent(name)), "\(name) differs")
        }
    }
}
