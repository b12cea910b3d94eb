import Audit
import Engine
import RuleLanguage

/// The audit as Markdown, for a governance board's wiki or a pull request: the score and
/// how it was computed, findings per pitfall, the metrics, the breakdowns by owner and by
/// document, the findings, and the evidence.
public struct AuditMarkdownReporter: Reporter {
    public static let name = "markdown"

    public init() {}
    public init(context: ReportContext) {}

    public func write<Out: TextOutputStream>(_ subject: Audit, to out: inout Out) {
        out.write(render(subject))
    }

    public func render(_ audit: Audit) -> String {
        let cell = MarkdownReporter.cell
        let s = audit.score
        var out = "# Governance audit\n\n"
        out += "stratlint \(audit.version), as of \(audit.today); \(audit.fileCount) file\(audit.fileCount == 1 ? "" : "s"), "
        out += "\(audit.findings.count) finding\(audit.findings.count == 1 ? "" : "s").\n\n"
        out += "## Alignment score: \(s.value) / 100\n\n"
        out += "| part | value | from |\n| --- | ---: | --- |\n"
        out += "| metrics (M) | \(s.metricPart.map(Self.percent) ?? "n/a") | mean share of the \(audit.metrics.filter { $0.value.total > 0 }.count) metrics that have items |\n"
        out += "| findings (F) | \(Self.percent(s.findingPart)) | \(s.items) items / (\(s.items) items + \(s.weightedFindings) weighted findings: 3 per error, 1 per warning) |\n"
        out += "| **score** | **\(s.value)** | \(s.metricPart == nil ? "100 × F" : "100 × (M + F) / 2"), rounded |\n\n"
        if !audit.history.isEmpty {
            out += "## Trend\n\n| date | commit | score | findings |\n| --- | --- | ---: | ---: |\n"
            for r in audit.history {
                out += "| \(r.date) | \(r.commit.map { "`\($0.prefix(10))`" } ?? "") | \(r.score) | \(r.findings) |\n"
            }
            out += "\n"
        }
        out += "## Findings by pitfall\n\n| pitfall | error | warning | info |\n| --- | ---: | ---: | ---: |\n"
        for (pitfall, c) in audit.pitfalls {
            out += "| \(pitfall.rawValue) | \(c.errors) | \(c.warnings) | \(c.infos) |\n"
        }
        out += "\n## Metrics\n\n| metric | holds | of | share |\n| --- | ---: | ---: | ---: |\n"
        for m in audit.metrics {
            var share = m.value.share.map(Self.percent) ?? "n/a"
            if m.value.errors > 0 { share += " (\(m.value.errors) not evaluated)" }
            out += "| \(cell(m.title)) (`\(m.id)`) | \(m.value.holds) | \(m.value.total) | \(share) |\n"
        }
        for (title, column, groups) in [("By owner", "owner", audit.owners), ("By document", "document", audit.documents)] {
            out += "\n## \(title)\n\n| \(column) | error | warning | info |\n| --- | ---: | ---: | ---: |\n"
            for g in groups { out += "| \(cell(g.name)) | \(g.counts.errors) | \(g.counts.warnings) | \(g.counts.infos) |\n" }
        }
        out += "\n## Findings\n\n"
        out += audit.findings.isEmpty ? "None.\n" : MarkdownReporter.findingsTable(audit.findings)
        out += "\n## Evidence\n\n"
        out += "- rule packs: SHA-256 `\(audit.rulesDigest)`\n"
        out += "- configuration: \(audit.configurationDigest.map { "SHA-256 `\($0)`" } ?? "none")\n\n"
        out += "| input | SHA-256 |\n| --- | --- |\n"
        for input in audit.inputs { out += "| \(cell(input.path)) | `\(input.sha256)` |\n" }
        return out
    }

    /// `62.5 %`: a share with at most one decimal.
    static func percent(_ x: Double) -> String {
        let tenths = (x * 1000).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) %" : "\(tenths) %"
    }
}
