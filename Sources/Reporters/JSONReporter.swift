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
public struct JSONReporter: Reporter {
    public static let name = "json"

    public init() {}
    public init(context: ReportContext) {}

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
        /// The other places of the same problem, when a rule merged them (`once-per`).
        let related: [RelatedJSON]?

        struct RelatedJSON: Encodable {
            let file: String
            let line: Int
            let column: Int
        }

        enum CodingKeys: String, CodingKey {
            case ruleId, pitfall, severity, message, fix, file, line, column, endLine, endColumn, related, fingerprint
        }

        /// Every key of the documented shape (schemas/report.schema.json) is written, a
        /// missing value as `null`, so a consumer never meets a finding without `line`;
        /// `fingerprint` only in the audit.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ruleId, forKey: .ruleId)
            try c.encode(pitfall, forKey: .pitfall)
            try c.encode(severity, forKey: .severity)
            try c.encode(message, forKey: .message)
            try c.encode(fix, forKey: .fix)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(endLine, forKey: .endLine)
            try c.encode(endColumn, forKey: .endColumn)
            try c.encodeIfPresent(related, forKey: .related)
            try c.encodeIfPresent(fingerprint, forKey: .fingerprint)
        }

        /// `sources` names the files of related places; without it they are left out.
        init(_ f: Finding, sources: SourceTable? = nil, fingerprint: Bool = false) {
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
            if let sources, !f.related.isEmpty {
                related = f.related.map { RelatedJSON(file: sources[$0.file]?.path ?? "", line: Int($0.start.line), column: Int($0.start.column)) }
            } else {
                related = nil
            }
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
        /// Whether the rule went over its evaluation budget and was stopped.
        let stopped: Bool

        enum CodingKeys: String, CodingKey { case ruleId, message, file, line, column, count, stopped }

        /// Every key, a missing value as `null` (schemas/report.schema.json).
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ruleId, forKey: .ruleId)
            try c.encode(message, forKey: .message)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(count, forKey: .count)
            try c.encode(stopped, forKey: .stopped)
        }
    }

    public func render(_ report: Report) -> String {
        var out = ""
        write(report, to: &out)
        return out
    }

    /// Writes the report a few findings at a time, the same bytes as encoding the whole
    /// document at once (pretty, sorted keys), so a large report is never held whole:
    /// findings through ``JSONFindingWriter``, the summary encoded and indented into
    /// place (JSON strings hold no raw line break, so indenting line by line is exact).
    public func write<Out: TextOutputStream>(_ report: Report, to out: inout Out) {
        let encoder = JSONText.encoder()
        func encoded<T: Encodable>(_ value: T) -> String {
            JSONText.encode(value, with: encoder) ?? "null"
        }
        // Every line but empty ones (and the first, unless `first`) gets `width` spaces:
        // one pass over the bytes.
        func indented(_ text: Substring, by width: Int, first: Bool) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + text.utf8.count / 8)
            var lineStart = first
            for byte in text.utf8 {
                if lineStart, byte != UInt8(ascii: "\n") { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width)) }
                bytes.append(byte)
                lineStart = byte == UInt8(ascii: "\n")
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        // JSONEncoder's layout of an empty array.
        out.write(report.findings.isEmpty ? "{\n  \"findings\" : [\n\n  ]" : "{\n  \"findings\" : [")
        // Findings are encoded a batch at a time, a few batches at once on every core, and
        // written in order: a large report is never held whole.
        let findings = report.findings, sources = report.sources
        InBatches.write(count: findings.count, to: &out) { (range: Range<Int>) -> [UInt8] in
            var writer = JSONFindingWriter(capacity: range.count * 512)
            for i in range {
                if i > 0 { writer.append(",") }
                writer.newline(4)
                writer.write(FindingJSON(findings[i], sources: sources), indent: 4)
            }
            return writer.bytes
        }
        if !report.findings.isEmpty { out.write("\n  ]") }
        out.write(",\n  \"summary\" : ")
        out.write(indented(encoded(summary(report))[...], by: 2, first: false))
        out.write(",\n  \"version\" : 1\n}\n")
    }

    func summary(_ report: Report) -> Summary {
        Summary(
            files: report.fileCount, rules: report.ruleCount, findings: report.findings.count,
            bySeverity: Dictionary(uniqueKeysWithValues: report.countsBySeverity.map { ($0.0.rawValue, $0.1) }),
            byPitfall: Dictionary(uniqueKeysWithValues: report.countsByPitfall.map { ($0.0.rawValue, $0.1) }),
            ruleErrors: report.ruleProblems.map { p in
                RuleErrorJSON(
                    ruleId: p.ruleID, message: p.message, file: p.range.flatMap { report.sources[$0.file]?.path },
                    line: p.range.map { Int($0.start.line) }, column: p.range.map { Int($0.start.column) }, count: p.count,
                    stopped: p.stopped)
            })
    }

    /// `value` as the reports' JSON (``JSONText``) with a final newline.
    static func encode<T: Encodable>(_ value: T) -> String? {
        JSONText.encode(value).map { $0 + "\n" }
    }
}
