import Engine
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
        #expect(!report.findings.contains { $0.file.hasSuffix("inventory.yaml") })
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
