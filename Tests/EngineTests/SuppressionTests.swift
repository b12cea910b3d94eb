@testable import Engine
import Foundation
import Testing
import TestSupport
import YAML

@Suite("Inline suppressions")
struct SuppressionTests {
    static let org = "suppressions/org"
    static let config = "suppressions/org/.stratlint.yaml"

    /// Every form of fixtures/suppressions/org: what is suppressed, what is reported.
    @Test func everyFormGivesTheExpectedFindings() throws {
        let report = try #require(check([Self.org], config: Self.config).0)
        expectGolden(described(report, relativeTo: "fixtures/\(Self.org)"), at: Repository.fixture("\(Self.org)/expected.txt"))
        #expect(report.rules.contains { $0.id == "useless-suppression" })
    }

    /// The comments hide real findings: with the directives renamed, they come back.
    @Test func theSuppressedFindingsExistWithoutTheComments() throws {
        let copy = try temporaryCopy(of: Self.org)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        for name in ["strategy.yaml", "inventory.yaml"] {
            let url = copy.appendingPathComponent(name)
            let text = try #require(Repository.read(url))
            try Data(text.replacingOccurrences(of: "stratlint-disable", with: "stratlint-note").utf8).write(to: url)
        }
        let report = try #require(check([copy.path], config: copy.appendingPathComponent(".stratlint.yaml").path).0)
        let found = Set(lines(report, relativeTo: copy.path).map { $0.replacingOccurrences(of: copy.path + "/", with: "") })
        let suppressed = [
            "strategy.yaml:7:5: goal-without-deadline", "strategy.yaml:7:5: goal-without-numeric-target",
            "strategy.yaml:13:5: goal-without-deadline", "strategy.yaml:13:5: goal-without-metric",
            "strategy.yaml:19:12: vague-goal-title", "strategy.yaml:50:5: goal-without-deadline",
            "strategy.yaml:68:5: initiative-without-security-review",
        ]
        for line in suppressed { #expect(found.contains(line), "\(line) is not a finding without its comment") }
        #expect(!report.findings.contains { $0.ruleID == "useless-suppression" })
        // And with the comments, none of them is reported.
        let withComments = try #require(check([Self.org], config: Self.config).0)
        let reported = Set(lines(withComments, relativeTo: "fixtures/\(Self.org)"))
        for line in suppressed { #expect(!reported.contains(line)) }
    }

    /// `until` is compared with --today: the day after, the suppression is reported.
    @Test func untilExpiresByToday() throws {
        let onTheDay = try #require(check([Self.org], config: Self.config, today: CivilDate(iso: "2026-12-31")!).0)
        #expect(!lines(onTheDay, relativeTo: "fixtures/\(Self.org)").contains("strategy.yaml:50:5: goal-without-deadline"))
        let after = try #require(check([Self.org], config: Self.config, today: CivilDate(iso: "2027-01-01")!).0)
        let found = lines(after, relativeTo: "fixtures/\(Self.org)")
        #expect(found.contains("strategy.yaml:50:5: goal-without-deadline"))
        #expect(found.contains("strategy.yaml:49:3: useless-suppression"))
        #expect(after.findings.contains { $0.message.contains("expired on 2026-12-31") })
    }

    /// Without `mandatory`, the MFA finding can be suppressed.
    @Test func mandatoryIsWhatBlocksTheMFASuppression() throws {
        let copy = try temporaryCopy(of: Self.org)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let config = copy.appendingPathComponent(".stratlint.yaml")
        try Data("version: 1\n".utf8).write(to: config)
        let report = try #require(check([copy.path], config: config.path).0)
        #expect(!report.findings.contains { $0.ruleID == "sensitive-system-without-mfa" })
        #expect(!report.findings.contains { $0.file.hasSuffix("inventory.yaml") && $0.ruleID == "useless-suppression" })
    }

    /// A suppression of a disabled rule has nothing to do, and says why.
    @Test func suppressingADisabledRuleIsUseless() throws {
        let report = try #require(check([Self.org], config: "suppressions/disable-deadline.yaml").0)
        let why = report.findings.filter { $0.message.hasSuffix("suppresses nothing: the configuration disables the rule") }
        // Lines 6, 11 and 49 name goal-without-deadline with a reason and no past date.
        #expect(why.map { $0.range?.start.line } == [6, 11, 49])
        #expect(!report.findings.contains { $0.ruleID == "goal-without-deadline" })
    }

    /// `useless-suppression` is a rule like the others for `disable` and `severity`.
    @Test func uselessSuppressionCanBeConfigured() throws {
        let off = try #require(check([Self.org], config: "suppressions/disable-useless.yaml").0)
        #expect(!off.findings.contains { $0.ruleID == "useless-suppression" })
        #expect(off.findings.contains { $0.ruleID == "goal-without-deadline" })
        let raised = try #require(check([Self.org], config: "suppressions/useless-is-error.yaml").0)
        #expect(raised.findings.filter { $0.ruleID == "useless-suppression" }.allSatisfy { $0.severity == .error })
        #expect(raised.findings.contains { $0.ruleID == "useless-suppression" })
    }
}

@Suite("Suppression comments in the text")
struct SuppressionScannerTests {
    /// (file text, the suppressions found as "line:column scope rules | reason | until | problem").
    static let cases: [Case<[String]>] = [
        Case("a: 1 # stratlint-disable-line r1 -- why\n", ["1:6 line1 r1 | why | - | -"]),
        Case("a: 1\r\n# stratlint-disable-next-line r1,r2 r3 -- why\r\n\r\n# other\r\nb: 2\r\n", ["2:1 line5 r1,r2,r3 | why | - | -"]),
        Case("t: \"é # stratlint-disable-line r1 -- no\"  # stratlint-disable-line r2 -- yes\n", ["1:43 line1 r2 | yes | - | -"]),
        Case("a: b#stratlint-disable-line r1 -- glued, so part of the scalar\n", []),
        Case("é: ü # stratlint-disable-file r1 -- x until 2027-01-31\n", ["1:6 file r1 | x | 2027-01-31 | -"]),
        Case("# stratlint-disable-file r1 -- until 2027-13-01\n", ["1:1 file r1 | - | - | bad-until"]),
        Case("# stratlint-disable-next-line r1 -- nothing follows\n# more\n", ["1:1 file r1 | nothing follows | - | no-next-line"]),
        Case("# stratlint-disable r1 -- vague\n", ["1:1 file  | - | - | unknown-directive"]),
        Case("# stratlint-disable-file -- which?\n", ["1:1 file  | which? | - | no-rule"]),
        Case("# a note that mentions stratlint-disable-line in passing\n", []),
    ]

    @Test(arguments: cases)
    func scans(_ c: Case<[String]>) throws {
        let sources = SourceTable()
        let file = sources.add(path: "t.yaml", bytes: Array(c.text.utf8))
        if case .failure(let e) = Loader.load(file) {
            Issue.record("\(e.message)")
            return
        }
        let found = SuppressionScanner.scan(file, limits: LoadLimits()).map { s in
            let scope = if case .line(let l) = s.scope { "line\(l)" } else { "file" }
            let problem = switch s.malformed {
            case nil: "-"
            case let m? where m.contains("until"): "bad-until"
            case let m? where m.contains("no line after"): "no-next-line"
            case let m? where m.contains("unknown directive"): "unknown-directive"
            case let m? where m.contains("names no rule"): "no-rule"
            case let m?: m
            }
            return "\(s.range.start.line):\(s.range.start.column) \(scope) \(s.rules.map(\.id).joined(separator: ",")) | \(s.reason ?? "-") | \(s.until?.description ?? "-") | \(problem)"
        }
        #expect(found == c.expected)
    }

    /// A reason written as prose writes it, without `--` (`rule: agreed at the offsite`,
    /// `rule - agreed`): the useless-suppression finding gives the line to write.
    @Test(arguments: [
        (["goal-without-deadline:", "agreed", "at", "the", "offsite"], "goal-without-deadline", "agreed at the offsite"),
        (["goal-without-deadline", "-", "agreed"], "goal-without-deadline", "agreed"),
        (["goal-without-deadline", "goal-without-metric", "because", "Q1"], "goal-without-deadline, goal-without-metric", "because Q1"),
    ])
    func reasonWithoutDashes(_ words: [String], rules: String, reason: String) throws {
        let known: Set = ["goal-without-deadline", "goal-without-metric"]
        let read = try #require(SuppressionFilter.reasonWithoutDashes(words, known: known))
        #expect(read.rules == rules && read.reason == reason)
    }

    /// Rule ids alone, an unknown first word, or a known rule among the words: not a reason.
    @Test func notAReasonWithoutDashes() {
        let known: Set = ["goal-without-deadline", "goal-without-metric"]
        #expect(SuppressionFilter.reasonWithoutDashes(["goal-without-deadline"], known: known) == nil)
        #expect(SuppressionFilter.reasonWithoutDashes(["goal-without-deadlin", "agreed"], known: known) == nil)
        #expect(SuppressionFilter.reasonWithoutDashes(["goal-without-deadline", "agreed", "goal-without-metric"], known: known) == nil)
    }
}
