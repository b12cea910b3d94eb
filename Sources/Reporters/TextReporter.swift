import Engine
import RuleLanguage
import YAML

/// The report for a person at a terminal:
///
///     strategy.yaml:31:16: error: Initiative 'loyalty-app' supports 'retention', which no goal defines [dangling-goal-reference]
///      31 |     supports: [retention]
///         |                ^~~~~~~~~
///       fix: Add the goal, or correct the id.
///
/// then a summary with counts by severity and by pitfall.
public struct TextReporter: Reporter {
    public static let name = "text"
    public static let quotesSourceLines = true

    /// ANSI colour; the caller decides (a terminal, and `NO_COLOR` unset).
    public var colour: Bool

    public init(colour: Bool = false) { self.colour = colour }
    public init(context: ReportContext) { colour = context.colour }

    /// How many related places a finding lists before "and N more".
    static let relatedShown = 5

    public func render(_ report: Report) -> String {
        var out = ""
        write(report, to: &out)
        return out
    }

    /// Writes the report a batch of findings at a time (``InBatches``), so a large one is
    /// never held whole.
    public func write<Out: TextOutputStream>(_ report: Report, to out: inout Out) {
        let findings = report.findings
        InBatches.write(count: findings.count, to: &out) { range in
            var text = ""
            var snippet = Snippet()
            for i in range { entry(findings[i], of: report, snippet: &snippet, to: &text) }
            return text
        }
        out += summary(report)
    }

    /// One finding: its line, the quoted source, related places, the fix.
    private func entry(_ f: Finding, of report: Report, snippet: inout Snippet, to out: inout String) {
        // Whatever the data put in a path, a message or a fix is escaped: it must not
        // drive the terminal or forge a line of the CI log (TerminalText).
        let file = TerminalText.lineStart(TerminalText.escape(f.file))
        let location = f.range.map { "\(file):\($0.start.line):\($0.start.column):" } ?? (f.file.isEmpty ? "stratlint:" : file + ":")
        paint(location, .bold, into: &out)
        out += " "
        paint(f.severity.rawValue + ":", style(f.severity), into: &out)
        out += " "
        out += TerminalText.escape(f.message)
        out += " "
        paint("[\(TerminalText.escape(f.ruleID))]", .dim, into: &out)
        out += "\n"
        if let range = f.range, let file = report.sources[range.file] {
            out += snippet.render(range, in: file)
        }
        if !f.related.isEmpty {
            // The other places of the same problem (`once-per`), a few named.
            let shown = f.related.prefix(Self.relatedShown).map { r in
                "\(TerminalText.escape(report.sources[r.file]?.path ?? "")):\(r.start.line):\(r.start.column)"
            }
            let more = f.related.count > Self.relatedShown ? ", and \(f.related.count - Self.relatedShown) more" : ""
            out += "  " + paint("also:", .cyan) + " " + shown.joined(separator: ", ") + more + "\n"
        }
        if let fix = f.fix { out += "  " + paint("fix:", .cyan) + " " + TerminalText.escape(fix) + "\n" }
        out += "\n"
    }

    func summary(_ report: Report) -> String {
        let files = "\(report.fileCount) file\(report.fileCount == 1 ? "" : "s")"
        // What the baseline and --new-since hide is said, so that a clean run is not
        // mistaken for a clean model.
        let more = report.findings.isEmpty ? "" : " more"
        var hidden = ""
        for (n, what) in [(report.acceptedByBaseline, "accepted by the baseline"), (report.alreadyThere, "already there at \(TerminalText.escape(report.revision ?? "the revision"))")] where n > 0 {
            hidden += " \(n)\(more) \(n == 1 ? "is" : "are") \(what)."
        }
        guard !report.findings.isEmpty else {
            return paint("No findings", .green) + " in \(files) (\(report.ruleCount) rule\(report.ruleCount == 1 ? "" : "s")).\(hidden)\n"
        }
        let n = report.findings.count
        let counts = report.severitySummary
        var out = paint("\(n) finding\(n == 1 ? "" : "s")", .bold) + " (\(counts)) in \(files).\(hidden)\n"
        let width = report.countsByPitfall.map { $0.0.rawValue.count }.max() ?? 0
        for (pitfall, count) in report.countsByPitfall {
            out += "  " + pitfall.rawValue + String(repeating: " ", count: width - pitfall.rawValue.count) + "  \(count)\n"
        }
        return out
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", yellow = "33", blue = "34", cyan = "36", green = "32", boldRed = "1;31", boldYellow = "1;33"
    }

    func style(_ s: Severity) -> Style {
        switch s {
        case .error: return .boldRed
        case .warning: return .boldYellow
        case .info: return .blue
        }
    }

    func paint(_ text: String, _ style: Style) -> String {
        var out = ""
        paint(text, style, into: &out)
        return out
    }

    func paint(_ text: String, _ style: Style, into out: inout String) {
        guard colour else { return out += text }
        out += "\u{1B}["
        out += style.rawValue
        out += "m"
        out += text
        out += "\u{1B}[0m"
    }
}
