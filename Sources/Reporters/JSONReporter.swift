import Engine
import Foundation
import RuleLanguage
import YAML

/// The report as JSON, for tools. Keys are sorted and the output ends with a newline, so
/// the same inputs give the same bytes.
///
///     {"findings": [{"column": 16, "endColumn": 25, "endLine": 31, "file": "strategy.yaml",
///       "fix": "...", "line": 31, "message": "...", "pitfall": "technology-first",
///       "ruleId": "dangling-goal-reference", "severity": "error"}],
///      "summary": {...}, "version": 1}
public struct JSONReporter: Sendable {
    public init() {}

    struct Document: Encodable {
        let version = 1
        let findings: [FindingJSON]
        let summary: Summary
    }

    struct FindingJSON: Encodable {
        let ruleId: String
        let pitfall: String
        let severity: String
        let message: String
        let fix: String?
        let file: String
        let line: Int?
        let column: Int?
        let endLine: Int?
        let endColumn: Int?
        /// Only in the audit, which is evidence (``AuditJSONReporter``).
        var fingerprint: String?

        init(_ f: Finding, fingerprint: Bool = false) {
            ruleId = f.ruleID
            pitfall = f.pitfall.rawValue
            severity = f.severity.rawValue
            message = f.message
            fix = f.fix
            file = f.file
            line = f.range.map { Int($0.start.line) }
            column = f.range.map { Int($0.start.column) }
            endLine = f.range.map { Int($0.end.line) }
            endColumn = f.range.map { Int($0.end.column) }
            self.fingerprint = fingerprint ? f.fingerprint : nil
        }
    }

    struct Summary: Encodable {
        let files: Int
        let rules: Int
        let findings: Int
        let bySeverity: [String: Int]
        let byPitfall: [String: Int]
        let ruleErrors: [RuleErrorJSON]
    }

    struct RuleErrorJSON: Encodable {
        let ruleId: String
        let message: String
        let file: String?
        let line: Int?
        let column: Int?
        let count: Int
        /// Present (true) when the rule went over its evaluation budget and was stopped.
        let stopped: Bool?
    }

    public func render(_ report: Report) -> String {
        let findings = report.findings.map { FindingJSON($0) }
        let summary = Summary(
            files: report.fileCount, rules: report.ruleCount, findings: report.findings.count,
            bySeverity: Dictionary(uniqueKeysWithValues: report.countsBySeverity.map { ($0.0.rawValue, $0.1) }),
            byPitfall: Dictionary(uniqueKeysWithValues: report.countsByPitfall.map { ($0.0.rawValue, $0.1) }),
            ruleErrors: report.ruleProblems.map { p in
                RuleErrorJSON(
                    ruleId: p.ruleID, message: p.message, file: p.range.flatMap { report.sources[$0.file]?.path },
                    line: p.range.map { Int($0.start.line) }, column: p.range.map { Int($0.start.column) }, count: p.count,
                    stopped: p.stopped ? true : nil)
            })
        return Self.encode(Document(findings: findings, summary: summary)) ?? "{\"version\": 1, \"error\": \"could not encode the report\"}\n"
    }

    /// `value` as pretty JSON with sorted keys and a final newline: the same value gives
    /// the same bytes.
    static func encode<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) + "\n" }
    }
}
