import Audit
import Engine
import Foundation
import RuleLanguage

/// The audit as JSON: evidence an auditor can reproduce. It records what made it (the
/// stratlint version, `--today`, digests of the rule packs and the configuration, a
/// SHA-256 of every input file) beside every figure of the scorecard. Keys are sorted;
/// the same inputs give the same bytes.
public struct AuditJSONReporter: Reporter {
    public static let name = "json"

    public init() {}
    public init(context: ReportContext) {}

    struct Document: Encodable {
        let format = 1
        let stratlint: String
        let today: String
        let score: Score
        let pitfalls: [PitfallCounts]
        let metrics: [Metric]
        let owners: [GroupCounts]
        let documents: [GroupCounts]
        let findings: [JSONReporter.FindingJSON]
        let evidence: Evidence
        /// With `--history`: every recorded audit, oldest first.
        let history: [Recorded]?
    }

    struct Recorded: Encodable {
        let date: String
        let commit: String?
        let score: Int
        let findings: Int
        let metrics: [String: [String: Int]]
        let pitfalls: [String: [String: Int]]
    }

    struct Score: Encodable {
        let value: Int
        let metricPart: Double?
        let findingPart: Double
        let items: Int
        let weightedFindings: Int
        let formula = "round(100 * (metricPart + findingPart) / 2), or round(100 * findingPart) without metricPart; findingPart = items / (items + weightedFindings); weightedFindings = 3 * errors + warnings"
    }

    struct PitfallCounts: Encodable {
        let pitfall: String
        let error: Int
        let warning: Int
        let info: Int
    }

    struct GroupCounts: Encodable {
        let name: String
        let error: Int
        let warning: Int
        let info: Int
    }

    struct Metric: Encodable {
        let id: String
        let title: String
        let holds: Int
        let total: Int
        let share: Double?
        let notEvaluated: Int
    }

    struct Evidence: Encodable {
        let files: Int
        let rulesDigest: String
        let configurationDigest: String?
        let inputs: [Input]
    }

    struct Input: Encodable {
        let path: String
        let sha256: String
    }

    public func write<Out: TextOutputStream>(_ subject: Audit, to out: inout Out) {
        out.write(render(subject))
    }

    /// The findings are written into the document the encoder makes without them
    /// (``JSONSplice``): the same bytes as encoding it whole.
    public func render(_ audit: Audit) -> String {
        let findings = audit.findings.map { JSONReporter.FindingJSON($0, fingerprint: true) }
        guard let text = JSONReporter.encode(document(audit, findings: [])) else {
            return "{\"format\": 1, \"error\": \"could not encode the audit\"}\n"
        }
        var out = ""
        if JSONSplice.write(text, key: "findings", count: findings.count, to: &out, element: { w, i, indent in w.write(findings[i], indent: indent) }) {
            return out
        }
        guard !findings.isEmpty else { return text }
        return JSONReporter.encode(document(audit, findings: findings)) ?? "{\"format\": 1, \"error\": \"could not encode the audit\"}\n"
    }

    func document(_ audit: Audit, findings: [JSONReporter.FindingJSON]) -> Document {
        Document(
            stratlint: audit.version, today: audit.today.description,
            score: Score(value: audit.score.value, metricPart: audit.score.metricPart.map(Self.rounded),
                         findingPart: Self.rounded(audit.score.findingPart), items: audit.score.items,
                         weightedFindings: audit.score.weightedFindings),
            pitfalls: audit.pitfalls.map { PitfallCounts(pitfall: $0.pitfall.rawValue, error: $0.counts.errors, warning: $0.counts.warnings, info: $0.counts.infos) },
            metrics: audit.metrics.map { m in
                Metric(id: m.id, title: m.title, holds: m.value.holds, total: m.value.total,
                       share: m.value.share.map(Self.rounded), notEvaluated: m.value.errors)
            },
            owners: audit.owners.map(Self.group), documents: audit.documents.map(Self.group),
            findings: findings,
            evidence: Evidence(files: audit.fileCount, rulesDigest: audit.rulesDigest, configurationDigest: audit.configurationDigest,
                               inputs: audit.inputs.map { Input(path: $0.path, sha256: $0.sha256) }),
            history: audit.history.isEmpty ? nil : audit.history.map { r in
                Recorded(date: r.date.description, commit: r.commit, score: r.score, findings: r.findings,
                         metrics: r.metrics.mapValues { ["holds": $0.holds, "total": $0.total] },
                         pitfalls: r.pitfalls.mapValues { ["error": $0.errors, "warning": $0.warnings, "info": $0.infos] })
            })
    }

    private static func group(_ g: Audit.Group) -> GroupCounts {
        GroupCounts(name: g.name, error: g.counts.errors, warning: g.counts.warnings, info: g.counts.infos)
    }

    /// Four decimals: enough for a share, and the same text on every machine.
    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
