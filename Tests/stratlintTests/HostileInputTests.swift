import Foundation
import Testing
import TestSupport

/// A repository made at test time, as a fork's pull request could shape it: `base/repo`
/// (with `.git`) holding the clean organisation, and `base/outside` beside it with a
/// file of secrets.
struct HostileRepository {
    let base: URL
    let repo: URL
    let secrets: URL

    init() throws {
        base = try temporaryFolder()
        repo = base.appendingPathComponent("repo")
        let outside = base.appendingPathComponent("outside")
        let fm = FileManager.default
        for dir in [repo.appendingPathComponent(".git"), outside] { try fm.createDirectory(at: dir, withIntermediateDirectories: true) }
        secrets = outside.appendingPathComponent("secrets.yaml")
        try "aws_secret_access_key: AKIA-SECRET-VALUE\npassword: hunter2-SECRET\n".write(to: secrets, atomically: true, encoding: .utf8)
        for name in ["strategy.yaml", "inventory.yaml"] {
            try fm.copyItem(at: Repository.fixture("clean/\(name)"), to: repo.appendingPathComponent(name))
        }
    }

    func write(_ text: String, to name: String) throws {
        let url = repo.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func link(_ name: String, to target: URL) throws {
        try FileManager.default.createSymbolicLink(at: repo.appendingPathComponent(name), withDestinationURL: target)
    }

    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: repo.appendingPathComponent(name).path) }
}

/// §1: nothing outside the repository is read through a link, and the lines of a file
/// from outside are never quoted.
@Suite("Hostile: files outside the repository")
struct OutsideFilesTests {
    @Test(arguments: [".stratlint.yaml", ".stratlint.yml"])
    func linkedConfigurationIsNotRead(_ name: String) throws {
        let r = try HostileRepository()
        try r.link(name, to: r.secrets)
        for format in ["text", "github"] {
            let run = try CLI.run(["check", today, "--format", format], in: r.repo)
            #expect(run.status == 2)
            #expect(run.stderr.contains("the configuration \(r.repo.path)/\(name) resolves to"))
            #expect(run.stderr.contains("outside the repository"))
            #expect(!(run.stdout + run.stderr).contains("SECRET"), "\(format): the secrets were printed")
        }
    }

    @Test func relativeConfigAndBaselineMayNotLeave() throws {
        let r = try HostileRepository()
        let config = try CLI.run(["check", today, "--config", "../outside/secrets.yaml"], in: r.repo)
        #expect(config.status == 2)
        #expect(config.stderr.contains("outside the repository"))
        try r.link("baseline.json", to: r.secrets)
        for args in [["--baseline", "baseline.json"], ["--baseline", "../outside/secrets.yaml"]] {
            let run = try CLI.run(["check", today] + args, in: r.repo)
            #expect(run.status == 2)
            #expect(run.stderr.contains("the baseline"), "\(args)")
            #expect(!(run.stdout + run.stderr).contains("SECRET"))
        }
        // Named in the configuration: held to the repository when it is read.
        try r.write("version: 1\nbaseline: baseline.json\n", to: ".stratlint.yaml")
        let configured = try CLI.run(["check", today], in: r.repo)
        #expect(configured.status == 2)
        #expect(!(configured.stdout + configured.stderr).contains("SECRET"))
    }

    /// An absolute path typed on the command line is trusted and read, but its lines are
    /// not quoted: the errors give positions only.
    @Test func absoluteConfigIsReadButNotQuoted() throws {
        let r = try HostileRepository()
        let run = try CLI.run(["check", today, "--config", r.secrets.path], in: r.repo)
        #expect(run.status == 2)
        #expect(run.stderr.contains("secrets.yaml:1:1: error: unknown key 'aws_secret_access_key'"))
        #expect(!run.stderr.contains("SECRET-VALUE") && !run.stderr.contains("hunter2"))
    }

    /// The search for `.stratlint.yaml` stops at the repository's top folder.
    @Test func configurationAboveTheRepositoryIsNotFound() throws {
        let r = try HostileRepository()
        try "version: 1\nfail-on: nonsense\n".write(to: r.base.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", today], in: r.repo)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("nonsense"))
    }
}

/// §2: a report grows with the findings, not with findings × line length.
@Suite("Hostile: report size")
struct ReportSizeTests {
    @Test func longLineIsClippedAroundEachFinding() throws {
        let r = try HostileRepository()
        let ids = (0..<4000).map { "g\($0)" }.joined(separator: ", ")
        try r.write("kind: Strategy\ninitiatives:\n  - id: x\n    title: X\n    owner: cto\n    supports: [\(ids)]\n", to: "wide.yaml")
        let run = try CLI.run(["check", today, "wide.yaml"], in: r.repo)
        #expect(run.status == 1)
        let findings = run.stdout.components(separatedBy: "[dangling-goal-reference]").count - 1
        #expect(findings == 4000)
        // Each finding: its line, a clipped source line (at most 160 characters and the
        // two `…`), the caret line and the fix.
        #expect(run.stdout.utf8.count < findings * 700, "\(run.stdout.utf8.count) bytes for \(findings) findings")
        #expect(run.stdout.contains(" 6 | …"))
        let longest = run.stdout.split(separator: "\n").map { $0.unicodeScalars.count }.max() ?? 0
        #expect(longest < 400)
    }

    /// A one-line baseline of 5,000 stale entries: each stale finding points into that line.
    @Test func staleBaselineOnOneLine() throws {
        let r = try HostileRepository()
        let entries = (0..<5000).map { #"{"file":"strategy.yaml","message":"m\#($0)","path":"Strategy.goals[id=x\#($0)]","rule":"goal-without-deadline","value":"0000000000000000"}"# }
        try r.write(#"{"version": 1, "entries": ["# + entries.joined(separator: ",") + "]}\n", to: "baseline.json")
        let run = try CLI.run(["check", today, "--baseline", "baseline.json"], in: r.repo)
        let stale = run.stdout.components(separatedBy: "[stale-baseline-entry]").count - 1
        #expect(stale == 5000)
        #expect(run.stdout.utf8.count < stale * 800, "\(run.stdout.utf8.count) bytes for \(stale) stale entries")
    }

    /// A value quoted in a message is cut: a 20,000-character id is not copied into
    /// every finding.
    @Test func longValueInAMessageIsCut() throws {
        let r = try HostileRepository()
        let id = String(repeating: "a", count: 20_000)
        try r.write("kind: Strategy\ninitiatives:\n  - id: \(id)\n    title: X\n    owner: cto\n    supports: [nothing]\n", to: "long.yaml")
        let run = try CLI.run(["check", today, "long.yaml"], in: r.repo)
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("[dangling-goal-reference]") })
        #expect(line.contains("'" + String(repeating: "a", count: 200) + "…'"))
        #expect(line.count < 400)
    }
}

/// §3: loops that input can lengthen stop at a limit, with the usual rule error.
@Suite("Hostile: unbounded work")
struct UnboundedWorkTests {
    /// Checks `vendors` with one rule of the given `for` and `when`, and the limits.
    func checkWithRule(_ id: String, vendors: String, for bindings: [String], when: String, limits: String = "{}") throws -> CLI.Result {
        let r = try HostileRepository()
        try r.write("kind: Vendor\nvendors:\n\(vendors)\n", to: "vendors.yaml")
        let forLines = bindings.map { "          \($0): Vendor.vendors" }.joined(separator: "\n")
        try r.write("""
            rules:
              - id: \(id)
                pitfall: weak-governance
                severity: warning
                title: A hostile rule
                for:
            \(forLines)
                when: "\(when)"
                message: "found"
            """, to: "rules/hostile.yaml")
        try r.write("version: 1\nrules: [rules/]\nlimits: \(limits)\n", to: ".stratlint.yaml")
        return try CLI.run(["check", today, "--no-builtin", "vendors.yaml"], in: r.repo)
    }

    @Test func crossProductOfBindingsIsStopped() throws {
        // A lowered limit keeps the test quick; the default (10,000,000) stops the same loop.
        let run = try checkWithRule("cross-product", vendors: (0..<1001).map { "  - id: v\($0)" }.joined(separator: "\n"),
                                    for: ["a", "b", "c"], when: "a.id == b.id && b.id == c.id && a.id == 'none'",
                                    limits: "{ max-bindings: 200000 }")
        #expect(run.status == 2)
        #expect(run.stderr.contains("rule 'cross-product' was stopped"))
        #expect(run.stderr.contains("(limits.max-bindings)"))
    }

    @Test func growingReplaceCountsAgainstTheBudget() throws {
        let run = try checkWithRule("replace-bomb", vendors: "  - id: " + String(repeating: "x", count: 4000),
                                    for: ["v"], when: "v.id.replace('', v.id).size() > 0")
        #expect(run.status == 2)
        #expect(run.stderr.contains("rule 'replace-bomb' was stopped"))
        #expect(run.stderr.contains("(limits.max-steps)"))
    }

    /// 300 glob targets over 600 catalog files: one walk, every target expanded.
    @Test func manyGlobTargetsAreMatchedInOneListing() throws {
        let r = try HostileRepository()
        for team in 0..<6 {
            for n in 0..<100 {
                try r.write("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\(team)-\(n)\nspec:\n  type: service\n  lifecycle: production\n  owner: group:t\(team)\n",
                            to: "teams/t\(team)/c\(n).yaml")
            }
        }
        let targets = (0..<300).map { "    - ../teams/**/c\($0 % 100).yaml" }.joined(separator: "\n")
        try r.write("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets:\n\(targets)\n", to: "catalog/all.yaml")
        let run = try CLI.run(["check", today, "catalog/all.yaml", "--format", "json"], in: r.repo)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"files\" : 601"))
        #expect(!run.stdout.contains("names no file"))
    }
}

/// §4: `--output` and `--history` never write over a file the run reads, however the
/// path is spelt.
/// A pack of 50,000 lets each reading the one before, and one in a cycle: the cycle
/// check and the order the lets are computed in are linear in the lets (they were
/// quadratic: 40,000 lets took 50 s to compile), and the chain still computes.
@Suite("Hostile: many lets")
struct ManyLetsTests {
    func pack(_ lets: Int, cycle: Bool) throws -> CLI.Result {
        let r = try HostileRepository()
        var text = "let:\n  l0: \(cycle ? "l\(lets - 1)" : "\"[1]\"")\n"
        for i in 1..<lets { text += "  l\(i): l\(i - 1)\n" }
        text += "rules:\n  - id: chain\n    pitfall: vague-goals\n    title: A long chain\n    when: \"size(l\(lets - 1)) == 1\"\n    at: Strategy\n    message: the chain holds one item\n"
        try r.write(text, to: "rules/chain.yaml")
        try r.write("kind: Strategy\ngoals: []\n", to: "strategy.yaml")
        return try CLI.run(["check", today, "--no-builtin", "--rules", "rules/chain.yaml", "strategy.yaml"], in: r.repo)
    }

    @Test func longChainOfLetsComputes() throws {
        let run = try pack(50_000, cycle: false)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("the chain holds one item"))
    }

    @Test func longCycleIsOneError() throws {
        let run = try pack(50_000, cycle: true)
        #expect(run.status == 2)
        #expect(run.stderr.components(separatedBy: "reads itself").count == 2, "\(run.stderr.prefix(300))")
        #expect(run.stderr.contains("rules/chain.yaml:2:3: error: pack-level let 'l0' reads itself"))
    }
}

@Suite("Hostile: never write an input")
struct NeverWriteAnInputTests {
    static let spellings = ["strategy.yaml/", "./nosuchdir/../strategy.yaml", "./strategy.yaml", "sub/../strategy.yaml"]

    @Test(arguments: ["check", "audit", "graph", "baseline"])
    func outputSpellingsOfAnInput(_ command: String) throws {
        let r = try HostileRepository()
        try FileManager.default.createDirectory(at: r.repo.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let before = try #require(r.bytes("strategy.yaml"))
        for path in Self.spellings {
            let run = try CLI.run([command, today, "--output", path, "."], in: r.repo)
            #expect(run.status == 2, "\(command) --output \(path): exit \(run.status)")
            #expect(r.bytes("strategy.yaml") == before, "\(command) --output \(path) wrote the input")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: r.repo.path).filter { $0.contains("stratlint-") }
        #expect(leftovers.isEmpty)
    }

    @Test func historyIsNeverAnInputNorAnotherDatabase() throws {
        let r = try HostileRepository()
        let before = try #require(r.bytes("strategy.yaml"))
        for path in ["strategy.yaml", "strategy.yaml/", "file:strategy.yaml", "./x/../strategy.yaml", "", ":memory:"] {
            let run = try CLI.run(["audit", today, ".", "--history", path], in: r.repo)
            #expect(run.status == 2, "--history '\(path)': exit \(run.status)")
            #expect(run.stderr.hasPrefix("stratlint: error: "), "--history '\(path)': \(run.stderr)")
            #expect(r.bytes("strategy.yaml") == before, "--history '\(path)' changed the input")
        }
        // A file that is not SQLite, and a SQLite database of another program: untouched.
        try r.write("not a database\n", to: "notes.txt")
        let notes = try CLI.run(["audit", today, ".", "--history", "notes.txt"], in: r.repo)
        #expect(notes.status == 2)
        #expect(notes.stderr.contains("is not a stratlint history"))
        #expect(r.bytes("notes.txt") == Data("not a database\n".utf8))
        let other = r.repo.appendingPathComponent("other.sqlite").path
        try python("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", other)
        let original = try #require(FileManager.default.contents(atPath: other))
        let foreign = try CLI.run(["audit", today, ".", "--history", "other.sqlite"], in: r.repo)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("is a SQLite database but not a stratlint history"))
        #expect(FileManager.default.contents(atPath: other) == original)
    }
}

/// `rules docs` removes the pages of rules that are gone, and nothing else.
@Suite("Hostile: rules docs keeps other files")
struct RuleDocsOutputTests {
    @Test func onlyStalePagesAreRemoved() throws {
        let dir = try temporaryFolder()
        let files = ["README.md": "# Our docs\n", "notes.md": "# notes\n", "old-rule.md": "# old-rule\n\n**Gone**\n\n| pitfall | default severity |\n| --- | --- |\n", "Plan.md": "# Plan\n"]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        // A README that is not the index this command writes is not replaced.
        let refused = try CLI.run(["rules", "docs", "--output", dir.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("it is not a page that `rules docs` wrote"))
        #expect(Repository.read(dir.appendingPathComponent("README.md")) == "# Our docs\n")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("README.md"))
        let run = try CLI.run(["rules", "docs", "--output", dir.path])
        #expect(run.status == 0)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(!left.contains("old-rule.md"))
        #expect(left.isSuperset(of: ["notes.md", "Plan.md", "dangling-goal-reference.md", "README.md"]))
    }
}

/// Runs a Python snippet with `arguments` (for SQLite files made by another program).
func python(_ script: String, _ arguments: String...) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 { throw CocoaError(.fileWriteUnknown) }
}

/// §6: audits that create one history at once all succeed; a lock held too long says so.
@Suite("Hostile: concurrent histories")
struct ConcurrentHistoryTests {
    @Test func twentyAuditsCreateOneHistory() async throws {
        let r = try HostileRepository()
        let statuses = try await withThrowingTaskGroup(of: CLI.Result.self) { group in
            for _ in 0..<20 {
                group.addTask { try CLI.run(["audit", today, ".", "--history", "audits.sqlite", "--format", "json"], in: r.repo) }
            }
            var all: [CLI.Result] = []
            for try await result in group { all.append(result) }
            return all
        }
        let failed = statuses.filter { $0.status != 0 }
        #expect(failed.isEmpty, "\(failed.count) of 20 failed: \(failed.first?.stderr ?? "")")
    }

    @Test func lockedHistorySaysSo() throws {
        let r = try HostileRepository()
        let path = r.repo.appendingPathComponent("audits.sqlite").path
        #expect(try CLI.run(["audit", today, ".", "--history", path], in: r.repo).status == 0)
        // Another process holds the write lock for longer than stratlint waits (5 s).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('begin exclusive'); print('locked', flush=True); time.sleep(9)", path]
        let ready = Pipe()
        holder.standardOutput = ready
        try holder.run()
        defer { holder.terminate() }
        _ = ready.fileHandleForReading.availableData  // "locked"
        let run = try CLI.run(["audit", today, ".", "--history", path], in: r.repo)
        #expect(run.status == 2)
        #expect(run.stderr.contains("is locked by another process"))
        #expect(!run.stderr.contains("not a stratlint history"))
    }
}

/// §5: data cannot forge output, in any format.
@Suite("Hostile: forged output")
struct ForgedOutputTests {
    let folder = "fixtures/hostile/forged-output"

    /// No control character reaches the terminal, no line starts a workflow command, and
    /// the legacy `##[` form appears nowhere.
    static func expectInert(_ text: String, _ what: String, allowCommands: Bool = false) {
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
        #expect(controls.isEmpty, "\(what): control or bidi characters \(controls.map { String($0.value, radix: 16) })")
        #expect(!text.contains("##["), "\(what): a legacy workflow command")
        if !allowCommands {
            let forged = text.split(separator: "\n").filter { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") }
            #expect(forged.isEmpty, "\(what): forged workflow commands \(forged)")
        }
    }

    @Test func textReport() throws {
        let run = try CLI.run(["check", today, "\(folder)/strategy.yaml"])
        #expect(run.status == 1)
        Self.expectInert(run.stdout + run.stderr, "text")
        #expect(run.stdout.contains("names 'growth\\u{d}\\u{a}::error file=strategy.yaml,line=1::forged annotation'"))
        #expect(run.stdout.contains("'admin\\u{202e}gpj.exe'"))
    }

    /// One annotation per finding, each on its own line, whatever the data holds.
    @Test func githubAnnotations() throws {
        let run = try CLI.run(["check", today, "--format", "github", "\(folder)/strategy.yaml"])
        Self.expectInert(run.stdout, "github", allowCommands: true)
        let json = try CLI.run(["check", today, "--format", "json", "\(folder)/strategy.yaml"])
        let count = json.stdout.components(separatedBy: "\"ruleId\"").count - 1
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == count)
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })
    }

    /// JSON and SARIF keep the data exact, with what a terminal would act on (C1, bidi)
    /// written as `\uXXXX`, which decodes to the same strings.
    @Test func jsonAndSARIFEscapeWhatJSONEncoderLeaves() throws {
        for format in ["json", "sarif"] {
            let run = try CLI.run(["check", today, "--format", format, "\(folder)/strategy.yaml"])
            Self.expectInert(run.stdout, format)
            #expect(run.stdout.contains("\\u202e") && run.stdout.contains("\\u009b"), "\(format)")
            let decoded = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
            let again = String(decoding: try JSONSerialization.data(withJSONObject: decoded), as: UTF8.self)
            #expect(again.unicodeScalars.contains("\u{202E}"), "\(format): the data was changed, not escaped")
        }
    }

    @Test func markdownHasNoLinkOfTheData() throws {
        let run = try CLI.run(["check", today, "--format", "markdown", "\(folder)/strategy.yaml"])
        Self.expectInert(run.stdout, "markdown")
        #expect(run.stdout.range(of: #"(?<!\\)\]\(javascript:"#, options: .regularExpression) == nil)
        #expect(run.stdout.contains("\\[click me\\](javascript:alert(1))"))
    }

    @Test(Needs.xmllint)
    func junitAndSVGAreWellFormed() throws {
        let junit = try CLI.run(["check", today, "--format", "junit", "\(folder)/strategy.yaml"])
        Self.expectInert(junit.stdout, "junit")
        #expect(ExternalValidator.wellFormedXML(junit.stdout) == nil)
        let svg = try CLI.run(["graph", today, "--format", "svg", "--layout", "builtin", "\(folder)/strategy.yaml"])
        #expect(svg.status == 0)
        Self.expectInert(svg.stdout, "svg (builtin)")
        #expect(ExternalValidator.wellFormedXML(svg.stdout) == nil, "svg (builtin)")
    }

    /// Graphviz copies label bytes into its SVG: raw ESC made it ill-formed XML.
    @Test(Needs.xmllint, Needs.graphviz)
    func graphvizSVGIsWellFormed() throws {
        let svg = try CLI.run(["graph", today, "--format", "svg", "--layout", "graphviz", "\(folder)/strategy.yaml"])
        #expect(svg.status == 0, "\(svg.stderr)")
        Self.expectInert(svg.stdout, "svg (graphviz)")
        #expect(ExternalValidator.wellFormedXML(svg.stdout) == nil, "svg (graphviz)")
    }

    @Test func mermaidAndDOTKeepOneLabelPerLine() throws {
        for format in ["mermaid", "dot"] {
            let run = try CLI.run(["graph", today, "--format", format, "\(folder)/strategy.yaml"])
            #expect(run.status == 0)
            Self.expectInert(run.stdout, format)
            #expect(!run.stdout.contains("\r"))
        }
    }

    @Test func rulesListAndExplain() throws {
        let list = try CLI.run(["rules", "list", "--no-builtin", "--rules", "\(folder)/rules"])
        #expect(list.status == 0)
        Self.expectInert(list.stdout, "rules list")
        #expect(list.stdout.contains("Looks harmless \\u{1b}[2J"))
        let explain = try CLI.run(["rules", "explain", "hostile-title", "--no-builtin", "--rules", "\(folder)/rules"])
        #expect(explain.status == 0)
        Self.expectInert(explain.stdout, "rules explain")
        #expect(explain.stdout.contains("\\u{3a}:error file=README.md"))
    }
}

/// `stratlint check inventory.yaml`, as ESLint users lint one file: a goal defined in
/// the strategy beside it reads as naming nothing, and the fix says why and what to pass.
@Suite("References from one file")
struct OneFileReferencesTests {
    @Test func aReferenceLookedUpInTheNamedFileAloneSaysSo() throws {
        let r = try HostileRepository()
        let hint = "Only the files named were read: if it is defined in another file, pass `--workspace .`"
        let one = try CLI.run(["check", today, "--no-cache", "inventory.yaml"], in: r.repo)
        #expect(one.stdout.contains("names 'billable-utilisation', which is not a goal [dangling-reference]"))
        #expect(one.stdout.contains(hint))
        // The whole repository, or the file with --workspace: found, and nothing said.
        for arguments in [["."], ["--workspace", ".", "inventory.yaml"]] {
            let run = try CLI.run(["check", today, "--no-cache"] + arguments, in: r.repo)
            #expect(!run.stdout.contains("dangling-reference") && !run.stdout.contains(hint), "\(arguments)")
        }
    }
}

/// §7: YAML merge keys, as YAML 1.1 tools apply them.
@Suite("Hostile: merge keys")
struct MergeKeyTests {
    @Test func mergedOwnerIsAnOwner() throws {
        let run = try CLI.run(["check", today, "--format", "json", "fixtures/hostile/merge-keys"])
        #expect(!run.stdout.contains("system-without-owner"))
        #expect(run.stdout.contains("System 'crm'"))  // the systems were read and checked
    }
}

/// §8: nothing broken passes in silence.
@Suite("Hostile: said, not silent")
struct SaidNotSilentTests {
    @Test func badBytesAreReportedWhereTheyAre() throws {
        let r = try HostileRepository()
        try Data("kind: Strategy\ngoals:\n  - id: a\u{1B}b\n".utf8).write(to: r.repo.appendingPathComponent("control.yaml"))
        try Data("kind: Strategy\ngoals:\n  - id: a".utf8 + [0xFF] + Data("b\n".utf8)).write(to: r.repo.appendingPathComponent("utf8.yaml"))
        let run = try CLI.run(["check", today, "control.yaml", "utf8.yaml"], in: r.repo)
        #expect(run.stdout.contains("control.yaml:3:10: error: cannot parse YAML: control characters are not allowed (U+001B)"))
        #expect(run.stdout.contains("utf8.yaml:3:10: error: cannot parse YAML: invalid leading UTF-8 octet (byte 0xFF): the file is not UTF-8"))
    }

    /// Windows writes YAML as UTF-16 (PowerShell 5's `Out-File`), with a UTF-8 mark
    /// (Notepad), or in a code page (a spreadsheet's export): the first two are read
    /// and quoted as text, the third is named for what it is.
    @Test func windowsEncodingsAreReadOrNamed() throws {
        let r = try HostileRepository()
        let text = "kind: Strategy\r\ngoals:\r\n  - id: croissance\r\n    title: \"Chiffre d’affaires à l’étranger\"\r\n"
        try Data([0xFF, 0xFE] + Array(try #require(text.data(using: .utf16LittleEndian)))).write(to: r.repo.appendingPathComponent("utf16.yaml"))
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: r.repo.appendingPathComponent("marked.yaml"))
        try #require(text.data(using: .windowsCP1252)).write(to: r.repo.appendingPathComponent("cp1252.yaml"))
        let run = try CLI.run(["check", today, "utf16.yaml", "marked.yaml", "cp1252.yaml"], in: r.repo)
        for name in ["utf16.yaml", "marked.yaml"] {
            #expect(run.stdout.contains("\(name):3:5: warning: Goal 'croissance' has no deadline [goal-without-deadline]\n 3 |   - id: croissance\n"))
        }
        #expect(run.stdout.contains("cp1252.yaml:4:22: error: cannot parse YAML: invalid leading UTF-8 octet (byte 0x92): the file is not UTF-8 (a Windows code page or Latin-1?) [parse-error]"))
        #expect(run.stdout.contains("  fix: Save the file as UTF-8; the other files were still checked."))
        #expect(!run.stdout.contains("\u{FEFF}"))
    }

    /// A file whose name is not UTF-8 is read by its bytes, and its findings name it with
    /// U+FFFD where the bad byte is.
    @Test func fileNameThatIsNotUTF8IsRead() throws {
        let r = try HostileRepository()
        let name = Array((r.repo.path + "/bad").utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0x2E, 0x79, 0x61, 0x6D, 0x6C, 0]
        let fd = open(name, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        let text = Array("kind: Strategy\ngoals:\n  - id: lonely\n".utf8)
        #expect(write(fd, text, text.count) == text.count)
        close(fd)
        let run = try CLI.run(["check", today], in: r.repo)
        #expect(run.status == 1)
        #expect(run.stdout.contains("bad\u{FFFD}.yaml:3:"))
        #expect(!run.stdout.contains("cannot read"))
        #expect(run.stdout.contains("in 3 files"))
    }

    @Test func linkedFolderNamedOnTheCommandLineIsChecked() throws {
        let r = try HostileRepository()
        try FileManager.default.createDirectory(at: r.repo.appendingPathComponent("real"), withIntermediateDirectories: true)
        for name in ["strategy.yaml", "inventory.yaml"] {
            try FileManager.default.moveItem(at: r.repo.appendingPathComponent(name), to: r.repo.appendingPathComponent("real/\(name)"))
        }
        try r.link("linked", to: r.repo.appendingPathComponent("real"))
        let run = try CLI.run(["check", today, "linked"], in: r.repo)
        #expect(run.status == 0)
        #expect(run.stdout == "No findings in 2 files (46 rules).\n")
    }

    @Test func nothingToCheckIsAnError() throws {
        let r = try HostileRepository()
        try r.write("version: 1\ninclude: [\"/etc/**\"]\n", to: ".stratlint.yaml")
        let globs = try CLI.run(["check", today], in: r.repo)
        #expect(globs.status == 2)
        #expect(globs.stderr.contains("nothing to check: the 2 YAML files under \(r.repo.path) are all left out by .stratlint.yaml (include '/etc/**')"))
        try FileManager.default.removeItem(at: r.repo.appendingPathComponent(".stratlint.yaml"))
        try FileManager.default.createDirectory(at: r.repo.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try CLI.run(["check", today, "empty"], in: r.repo)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("nothing to check: no .yaml or .yml file under empty"))
    }

    /// A virtual environment's YAML is not the organisation's: the walk leaves out what
    /// .gitignore does, a file named on the command line is checked, and the run says
    /// why a folder of ignored files has nothing to check.
    @Test func whatGitIgnoresIsNotChecked() throws {
        let r = try HostileRepository()
        try r.write("venv/\n", to: ".gitignore")
        try r.write("kind: Inventory\nsystems:\n  - id: localhost\n", to: "venv/lib/python3.12/site-packages/pkg/tests/inventory.yml")
        let walked = try CLI.run(["check", today], in: r.repo)
        #expect(walked.status == 0)
        #expect(walked.stdout == "No findings in 2 files (46 rules).\n")
        let named = try CLI.run(["check", today, "strategy.yaml", "inventory.yaml", "venv/lib/python3.12/site-packages/pkg/tests/inventory.yml"], in: r.repo)
        #expect(named.stdout.contains("venv/lib/python3.12/site-packages/pkg/tests/inventory.yml:3:5: warning: System 'localhost' is active but has no owner"))
        try r.write("venv/\nvenv.yaml\n", to: "sub/.gitignore")
        try r.write("kind: Inventory\n", to: "sub/venv.yaml")
        let nothing = try CLI.run(["check", today, "sub"], in: r.repo)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("nothing to check: no .yaml or .yml file under sub but what .gitignore leaves out"))
        try r.write("version: 1\nrespect-gitignore: false\n", to: ".stratlint.yaml")
        let off = try CLI.run(["check", today], in: r.repo)
        #expect(off.stdout.contains("System 'localhost' is active but has no owner"))
        try r.write("version: 1\nrespect-gitignore: no\n", to: ".stratlint.yaml")
        let bad = try CLI.run(["check", today], in: r.repo)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".stratlint.yaml:2:20: error: 'respect-gitignore' is true or false"))
    }

    /// As root, the check runs as `nobody`, so that the folder is really unreadable.
    @Test(Needs.unprivilegedUser)
    func unreadableFolderIsReported() throws {
        let r = try HostileRepository()
        try r.write("kind: Strategy\n", to: "locked/more.yaml")
        chmod(r.repo.appendingPathComponent("locked").path, 0)
        defer { chmod(r.repo.appendingPathComponent("locked").path, 0o755) }
        let run = try CLI.runUnprivileged(["check", today], in: r.repo)
        #expect(run.status == 1)
        #expect(run.stdout.contains("locked: error: cannot read the folder: permission denied"))
        #expect(run.stdout.contains("in 2 files"))
    }

    /// Locations that lead to Locations ten levels deep: the ninth is not followed, and said.
    @Test func deepLocationChainIsReported() throws {
        let r = try HostileRepository()
        for level in 0..<10 {
            try r.write("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: l\(level)\nspec:\n  target: ./l\(level + 1).yaml\n", to: "catalog/l\(level).yaml")
        }
        try r.write("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: end\nspec:\n  type: service\n  lifecycle: production\n  owner: group:t\n", to: "catalog/l10.yaml")
        let run = try CLI.run(["check", today, "catalog/l0.yaml"], in: r.repo)
        #expect(run.stdout.contains("catalog/l8.yaml:6:11: error: Location target './l9.yaml' was not read: Locations lead to Locations more than 8 levels deep"))
    }

    /// A run killed between writing and renaming leaves its temporary file; the next
    /// write of the same report removes it.
    @Test func leftoverTemporaryFileIsRemovedByTheNextWrite() throws {
        let r = try HostileRepository()
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let leftover = r.base.appendingPathComponent(".report.txt.stratlint-\(gone.processIdentifier).tmp")
        try "half a report".write(to: leftover, atomically: false, encoding: .utf8)
        let run = try CLI.run(["check", today, "--output", r.base.appendingPathComponent("report.txt").path], in: r.repo)
        #expect(run.status == 0)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(FileManager.default.fileExists(atPath: r.base.appendingPathComponent("report.txt").path))
    }
}
