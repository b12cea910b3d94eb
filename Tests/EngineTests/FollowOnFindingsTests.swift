@testable import Engine
import Foundation
import Testing
import TestSupport

/// A value of the wrong type is reported once: a rule's finding on the same value,
/// which read it as absent, is a follow-on (fixtures/schema/follow-on).
@Suite("Follow-on findings")
struct FollowOnFindingsTests {
    static let fixture = "schema/follow-on"

    /// `rule@line:column` for each finding of `report` in `file`.
    static func places(_ report: Report, in file: String) -> Set<String> {
        Set(report.findings.filter { $0.file.hasSuffix("/" + file) }.map { "\($0.ruleID)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" })
    }

    /// Checks a copy of the fixture with `config` as its .stratlint.yaml, after `edit`
    /// changed its inventory.
    static func check(config: String, edit: (String) -> String = { $0 }) throws -> Report {
        let copy = try temporaryCopy(of: fixture)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let inventory = copy.appendingPathComponent("inventory.yaml")
        try Data(edit(try #require(Repository.read(inventory))).utf8).write(to: inventory)
        let configuration = copy.appendingPathComponent(".stratlint.yaml")
        try Data(config.utf8).write(to: configuration)
        return try #require(EngineTests.check([copy.path], config: configuration.path).0)
    }

    @Test func aValueOfTheWrongTypeIsReportedOnce() throws {
        let report = try #require(EngineTests.check([Self.fixture]).0)
        let inventory = Self.places(report, in: "inventory.yaml")
        // `mfa: yes`, an audit month: the type finding alone.
        #expect(inventory.contains("wrong-type@13:12"))
        #expect(!inventory.contains("sensitive-system-without-mfa@13:12"))
        #expect(inventory.contains("wrong-type@26:19"))
        #expect(!inventory.contains("sensitive-system-audit-overdue@26:19"))
        // A real `false` is judged.
        #expect(inventory.contains("sensitive-system-without-mfa@23:12"))
        // A map of controls written as text: each missing control is still reported.
        #expect(inventory.isSuperset(of: ["wrong-type@33:15", "sensitive-system-without-mfa@33:15", "sensitive-system-audit-overdue@33:15",
                                          "sensitive-system-without-encryption-at-rest@33:15", "system-without-backups@33:15"]))
        // `backups: daily`, one control written as text: the rule that asks for `backups`
        // is a follow-on ("records no backups" beside it).
        #expect(inventory.contains("wrong-type@43:16"))
        #expect(!inventory.contains { $0.hasSuffix("@43:16") && $0 != "wrong-type@43:16" }, "\(inventory)")
        // A review date in words and a deadline no one can read: no "never recorded", no
        // "has no deadline" beside them.
        #expect(Self.places(report, in: "strategy.yaml") == ["wrong-type@3:46", "wrong-type@10:15"])
    }

    /// A type finding made milder than the rule's keeps the rule's finding: the run must
    /// fail on a sensitive system whose MFA no one can read, as it did.
    @Test func aMilderTypeFindingKeepsTheRulesFinding() throws {
        let report = try Self.check(config: "severity: { wrong-type: warning }\n")
        let inventory = Self.places(report, in: "inventory.yaml")
        #expect(inventory.isSuperset(of: ["wrong-type@13:12", "sensitive-system-without-mfa@13:12"]))
        // A warning beside a warning is still a follow-on.
        #expect(!inventory.contains("sensitive-system-audit-overdue@26:19"))
    }

    /// Without the type finding (disabled, or suppressed on its line), the rule's
    /// finding is the only word on the value, and is reported.
    @Test func withoutTheTypeFindingTheRuleSpeaks() throws {
        let disabled = Self.places(try Self.check(config: "disable: [wrong-type]\n"), in: "inventory.yaml")
        #expect(disabled.isSuperset(of: ["sensitive-system-without-mfa@13:12", "sensitive-system-audit-overdue@26:19"]))
        #expect(!disabled.contains { $0.hasPrefix("wrong-type@") })
        let suppressed = try Self.check(config: "version: 1\n") {
            $0.replacingOccurrences(of: "mfa: yes", with: "mfa: yes  # stratlint-disable-line wrong-type -- the register says yes")
        }
        let places = Self.places(suppressed, in: "inventory.yaml")
        #expect(places.contains("sensitive-system-without-mfa@13:12"))
        #expect(!places.contains("wrong-type@13:12"))
        #expect(!suppressed.findings.contains { $0.ruleID == "useless-suppression" })
    }

    /// A key that stands for a field (a typo, another name, a level too high) is
    /// reported once: the rule asking for the field, stopped at the map before it, is a
    /// follow-on, and the key's finding takes its severity and names it
    /// (fixtures/schema/follow-on-keys).
    @Test func aKeyThatStandsForAFieldIsReportedOnce() throws {
        let report = try #require(EngineTests.check(["schema/follow-on-keys"]).0)
        let found = report.findings.map { "\($0.ruleID)@\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.severity)" }
        #expect(found == [
            "misspelt-field@13:7 error", "misspelt-field@22:5 error", "misspelt-field@25:7 warning", "misspelt-field@26:36 warning",
            "misspelt-field@31:5 warning", "sensitive-system-without-mfa@38:12 error", "misspelt-field@40:7 warning",
        ])
        let typo = try #require(report.findings.first)
        #expect(typo.message.hasSuffix("did you mean `encryption_at_rest`? Rules read no `encryption_at_rest` until then (sensitive-system-without-encryption-at-rest)"))
        let moved = try #require(report.findings.dropFirst().first)
        #expect(moved.message.hasSuffix("write it under `security:`; rules read no `mfa` until then (sensitive-system-without-mfa)"))
        // Without the key's finding, the rule's findings are the only word, and are reported.
        let copy = try temporaryCopy(of: "schema/follow-on-keys")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let configuration = copy.appendingPathComponent(".stratlint.yaml")
        try Data("disable: [misspelt-field]\n".utf8).write(to: configuration)
        let disabled = try #require(EngineTests.check([copy.path], config: configuration.path).0)
        let rules = Set(disabled.findings.map(\.ruleID))
        #expect(rules == ["sensitive-system-without-encryption-at-rest", "sensitive-system-without-mfa", "sensitive-system-audit-overdue",
                          "sensitive-system-backup-untested", "system-without-backups"], "\(rules)")
    }
}
