import Audit
import Engine

/// Every report format, by what it reports on: `check` (and `baseline`'s findings),
/// `audit` and `graph` take `--format` from these lists, and nothing else picks a
/// format. The first of each list is the command's default.
public enum ReportFormats {
    public static let check: [any Reporter<Report>.Type] = [
        TextReporter.self, JSONReporter.self, SARIFReporter.self, JUnitReporter.self, GitHubReporter.self, MarkdownReporter.self,
    ]
    public static let audit: [any Reporter<Audit>.Type] = [AuditMarkdownReporter.self, AuditHTMLReporter.self, AuditJSONReporter.self]
    public static let graph: [any Reporter<AlignmentMap>.Type] = [GraphDOTReporter.self, GraphSVGReporter.self, GraphMermaidReporter.self]
}
