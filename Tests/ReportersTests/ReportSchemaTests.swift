import Engine
import Foundation
import Reporters
import RuleLanguage
import Testing
import TestSupport
import YAML

/// The JSON report holds to schemas/report.schema.json: every key of every finding is
/// always there (issue 15 §3). The CLI tests check every JSON report they make against
/// it too (`CLI.run`).
@Suite("JSON report schema")
struct ReportSchemaTests {
    static func reports() throws -> [(String, String)] {
        let findingWithoutRange = Finding(ruleID: "some-rule", pitfall: .weakGovernance, severity: .info, message: "m", fix: nil, file: "", range: nil)
        let bare = Report(findings: [findingWithoutRange], ruleProblems: [], sources: SourceTable(), fileCount: 1, rules: [])
        let empty = Report(findings: [], ruleProblems: [], sources: SourceTable(), fileCount: 1, rules: [])
        return [("acme-retail and a broken file", JSONReporter().render(try pullRequestReport())),
                ("a finding with no place and no fix", JSONReporter().render(bare)),
                ("no findings", JSONReporter().render(empty))]
    }

    @Test func reportsHoldToTheSchema() throws {
        let schema = try JSONSchemaSubset.report()
        for (name, text) in try Self.reports() {
            #expect(schema.problems(in: text).isEmpty, "\(name): \(schema.problems(in: text))")
        }
    }

    /// A finding without a place still has `line`, `column` and `fix`, as null.
    @Test func missingValuesAreNull() throws {
        let text = try Self.reports()[1].1
        for key in ["\"fix\" : null", "\"line\" : null", "\"column\" : null", "\"endLine\" : null", "\"endColumn\" : null", "\"file\" : \"\""] {
            #expect(text.contains(key), "\(key)")
        }
    }

    /// The in-process check can fail: a report without a finding's `line` breaks it.
    @Test func schemaRejectsAMissingKey() throws {
        let broken = try Self.reports()[1].1.replacingOccurrences(of: "\"line\" : null,", with: "")
        #expect(try JSONSchemaSubset.report().problems(in: broken) == ["$.findings[0]: no 'line'"])
    }

    /// Python's jsonschema agrees with the in-process check.
    @Test(Needs.jsonschema)
    func jsonschemaAgrees() throws {
        let schema = Repository.root.appendingPathComponent("schemas/report.schema.json")
        for (name, text) in try Self.reports() {
            #expect(ExternalValidator.jsonSchema(text, schema: schema) == nil, "\(name)")
        }
        let broken = try Self.reports()[1].1.replacingOccurrences(of: "\"line\" : null,", with: "")
        #expect(ExternalValidator.jsonSchema(broken, schema: schema)?.contains("'line' is a required property") == true)
    }
}
