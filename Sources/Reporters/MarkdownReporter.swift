import Engine
import RuleLanguage

/// A pull-request comment: counts by pitfall and severity, then a table of findings with
/// links to `path#Lline`.
public struct MarkdownReporter: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        let files = "\(report.fileCount) file\(report.fileCount == 1 ? "" : "s")"
        guard !report.findings.isEmpty else {
            return "### stratlint: no findings\n\n\(report.ruleCount) rules checked \(files).\n"
        }
        let n = report.findings.count
        let counts = report.severitySummary
        var out = "### stratlint: \(n) finding\(n == 1 ? "" : "s") (\(counts)) in \(files)\n\n"
        out += "| pitfall | error | warning | info |\n| --- | ---: | ---: | ---: |\n"
        // One pass over the findings, not one per pitfall and severity.
        var tally: [Pitfall: [Severity: Int]] = [:]
        for f in report.findings { tally[f.pitfall, default: [:]][f.severity, default: 0] += 1 }
        for (pitfall, _) in report.countsByPitfall {
            let of = { (s: Severity) in tally[pitfall]?[s] ?? 0 }
            out += "| \(pitfall.rawValue) | \(of(.error)) | \(of(.warning)) | \(of(.info)) |\n"
        }
        out += "\n" + Self.findingsTable(report.findings)
        return out
    }

    /// The findings as a table: severity, `file:line` linked, rule, message and fix.
    static func findingsTable(_ findings: [Finding]) -> String {
        var out = "| severity | where | rule | finding |\n| --- | --- | --- | --- |\n"
        for f in findings {
            let place: String
            if let r = f.range {
                place = "[\(cell(f.file)):\(r.start.line)](\(link(f.file))#L\(r.start.line))"
            } else {
                place = cell(f.file)
            }
            var text = cell(f.message)
            if let fix = f.fix { text += "<br>*Fix:* " + cell(fix) }
            out += "| \(f.severity.rawValue) | \(place) | `\(f.ruleID)` | \(text) |\n"
        }
        return out
    }

    /// Text safe inside a table cell: pipes escaped, no line breaks, no HTML.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static func link(_ path: String) -> String {
        path.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
    }
}
