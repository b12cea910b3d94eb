import Engine
import Foundation
@testable import Reporters
import RuleLanguage
import Testing
import TestSupport
import YAML

/// acme-retail plus a file that does not parse, so every reporter shows a parse error.
func pullRequestReport() throws -> Report {
    try report(of: [Repository.fixture("acme-retail").path, Repository.fixture("invalid/workspace/broken.yaml").path])
}

@Suite("Pull-request reporters")
struct PullRequestReporterTests {
    let golden = Repository.fixture("reporters")
    let sarif = SARIFReporter(repositoryRoot: Repository.root.path, workingDirectory: Repository.root.path)

    @Test func sarifGolden() throws {
        expectGolden(sarif.render(try pullRequestReport()), at: golden.appendingPathComponent("acme-retail.sarif"))
    }

    @Test(Needs.specData, Needs.jsonschema)
    func sarifValidatesAgainstTheSchema() throws {
        let schema = try Repository.specFile("schemas/sarif-schema-2.1.0.json")
        #expect(ExternalValidator.jsonSchema(sarif.render(try pullRequestReport()), schema: schema) == nil)
    }

    @Test func sarifContent() throws {
        let data = Data(sarif.render(try pullRequestReport()).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == 46)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 34)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect((result["partialFingerprints"] as? [String: String])?["stratlint/v1"]?.count ?? 0 >= 16)
        }
        let location = try #require(((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "fixtures/acme-retail/inventory/integrations.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let notifications = try #require((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 1)
    }

    @Test func sarifOutsideTheRepositoryUsesFileURIs() {
        let r = SARIFReporter(repositoryRoot: "/repo", workingDirectory: "/elsewhere")
        let report = Report(findings: [finding(file: "a b.yaml")], ruleProblems: [], sources: SourceTable(), fileCount: 1, rules: [])
        #expect(r.render(report).contains("\"uri\" : \"file:///elsewhere/a%20b.yaml\""))
    }

    @Test func junitGolden() throws {
        expectGolden(JUnitReporter().render(try pullRequestReport()), at: golden.appendingPathComponent("acme-retail.junit.xml"))
    }

    var hostileJUnit: String {
        let report = Report(findings: [finding(message: "a < b & \"c\" \u{1} ]]> 'd'", file: "x&y.yaml")], ruleProblems: [],
                            sources: SourceTable(), fileCount: 1, rules: [])
        return JUnitReporter().render(report)
    }

    @Test func junitEscapesHostileText() throws {
        #expect(hostileJUnit.contains("message=\"a &lt; b &amp; &quot;c&quot; \\u{1} ]]&gt; &apos;d&apos;\""))
    }

    @Test(Needs.specData, Needs.xmllint)
    func junitValidatesAgainstTheXSD() throws {
        let xsd = try Repository.specFile("schemas/junit-10.xsd")
        #expect(ExternalValidator.xmlSchema(JUnitReporter().render(try pullRequestReport()), xsd: xsd) == nil)
        #expect(ExternalValidator.xmlSchema(hostileJUnit, xsd: xsd) == nil)
    }

    @Test func githubGolden() throws {
        expectGolden(GitHubReporter().render(try pullRequestReport()), at: golden.appendingPathComponent("acme-retail.github.txt"))
    }

    @Test func githubEscapesHostileMessagesAndPaths() {
        let report = Report(
            findings: [finding(message: "100% done\r\nnext: a, b", file: "we,ird:dir/50%.yaml", fix: nil)],
            ruleProblems: [], sources: SourceTable(), fileCount: 1, rules: [])
        #expect(GitHubReporter().render(report)
            == "::warning file=we%2Cird%3Adir/50%25.yaml,line=3,col=5,endLine=3,endColumn=9,title=some-rule%3A some-rule::100%25 done\\u{d}\\u{a}next: a, b\n")
    }

    @Test func markdownGolden() throws {
        expectGolden(MarkdownReporter().render(try pullRequestReport()), at: golden.appendingPathComponent("acme-retail.md"))
    }

    @Test func markdownCellsCannotBreakTheTable() {
        let report = Report(findings: [finding(message: "a | b\nc <script>", file: "f.yaml")], ruleProblems: [],
                            sources: SourceTable(), fileCount: 1, rules: [])
        #expect(MarkdownReporter().render(report).contains("| a \\| b c &lt;script&gt;<br>*Fix:* do it |"))
    }

    func finding(message: String = "m", file: String = "f.yaml", fix: String? = "do it") -> Finding {
        Finding(ruleID: "some-rule", pitfall: .vagueGoals, severity: .warning, message: message, fix: fix, file: file,
                range: SourceRange(file: FileID(0), start: SourcePosition(line: 3, column: 5), end: SourcePosition(line: 3, column: 9)))
    }
}

@Suite("Reports of engine findings")
struct EngineFindingReportTests {
    /// useless-suppression and stale-baseline-entry findings have a rule in the SARIF
    /// driver, and the log stays valid.
    @Test(Needs.specData, Needs.jsonschema, Needs.xmllint)
    func sarifListsEngineRules() throws {
        var request = CheckRequest(today: CivilDate(iso: "2026-11-22")!)
        request.paths = [Repository.fixture("suppressions/org").path]
        request.configurationPath = Repository.fixture("suppressions/org/.stratlint.yaml").path
        // A baseline of acme-retail: every entry is stale here (its rules ran, its findings are elsewhere).
        request.baselinePath = Repository.fixture("baseline/acme-retail.baseline.json").path
        let report = try CheckRunner.run(request, sources: SourceTable()).get().report
        #expect(report.findings.contains { $0.ruleID == "useless-suppression" })
        #expect(report.findings.contains { $0.ruleID == "stale-baseline-entry" })
        let text = SARIFReporter(repositoryRoot: Repository.root.path, workingDirectory: Repository.root.path).render(report)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for result in try #require(run["results"] as? [[String: Any]]) {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect(ExternalValidator.jsonSchema(text, schema: try Repository.specFile("schemas/sarif-schema-2.1.0.json")) == nil)
        #expect(ExternalValidator.xmlSchema(JUnitReporter().render(report), xsd: try Repository.specFile("schemas/junit-10.xsd")) == nil)
    }
}

@Suite("Parallel parsing")
struct ParallelParsingTests {
    /// A generated organisation (Benchmarks/corpus.py, 2,000 systems over 2 files plus
    /// the strategy files) gives the same report bytes with parsing on every core and
    /// parsing one file after another, and with the load cache cold, warm, and off.
    @Test func sameBytesWithParallelParsingAndTheCacheOnAndOff() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", Repository.root.appendingPathComponent("Benchmarks/corpus.py").path, "2000", dir.path]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "Benchmarks/corpus.py failed")
        // A git repository, so that the load cache has a place.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: false)
        func render(parallel: Bool, cache: Bool = false) throws -> (String, Int, Int) {
            var request = CheckRequest(today: CivilDate(iso: "2026-11-22")!)
            request.paths = [dir.path]
            request.parallelLoad = parallel
            request.cache = cache
            let result = try CheckRunner.run(request, sources: SourceTable()).get()
            let report = result.report
            let sarif = SARIFReporter(repositoryRoot: dir.path, workingDirectory: dir.path)
            return (JSONReporter().render(report) + sarif.render(report), report.findings.count, result.workspace.files.count)
        }
        let (on, count, files) = try render(parallel: true)
        let (off, _, _) = try render(parallel: false)
        #expect(count > 500)
        #expect(on == off)
        let cacheFolder = dir.appendingPathComponent(".git/stratlint-cache").path
        let (cold, _, _) = try render(parallel: true, cache: true)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: cacheFolder).count) == files)
        let (warm, _, _) = try render(parallel: true, cache: true)
        #expect(cold == on)
        #expect(warm == on)
    }
}

/// The workflow command escapes, in one pass (issue 19: the Foundation replacements took
/// 2.3 s for 30,000 annotations), against the replacements they stand for.
@Suite("GitHub escapes")
struct GitHubEscapeTests {
    @Test(arguments: ["", "plain", "a:b,c", "100%", "%0A already", "line\r\nbreak", "::error::x", "é:ü,%\n", "%%,,::\r\r"])
    func sameAsTheReplacements(_ text: String) {
        let data = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
        #expect(GitHubReporter.escapeData(text) == data)
        #expect(GitHubReporter.escapeProperty(text) == data.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C"))
    }
}

/// A Markdown cell's line breaks, in one pass (issue 19), against the replacements they
/// stand for.
@Suite("Markdown cell line breaks")
struct MarkdownOneLineTests {
    @Test(arguments: ["", "one line", "a\nb", "a\r\nb", "a\rb", "\r\r\n", "\n\r", "end\r", "\r\n\r\n", "é\n中\r\n😀\r"])
    func sameAsTheReplacements(_ text: String) {
        let expected = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        #expect(MarkdownReporter.oneLine(text) == expected)
    }
}
