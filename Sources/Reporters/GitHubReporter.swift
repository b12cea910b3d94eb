import Engine
import RuleLanguage
import YAML

/// GitHub Actions workflow commands: one annotation per finding, shown on the line in
/// the pull request.
///
///     ::error file=strategy.yaml,line=68,col=35,endLine=68,endColumn=53,title=dangling-goal-reference::Initiative ...
public struct GitHubReporter: Reporter {
    public static let name = "github"

    public init() {}
    public init(context: ReportContext) {}

    public func render(_ report: Report) -> String {
        var out = ""
        write(report, to: &out)
        return out
    }

    /// Writes one line per finding, so a large report is never held whole.
    public func write<Out: TextOutputStream>(_ report: Report, to out: inout Out) {
        let titles = Dictionary(report.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        for f in report.findings {
            // Control and bidi characters from the data are shown escaped (TerminalText),
            // then the workflow command's own escapes keep every value in its place.
            let e = TerminalText.escape
            var properties = [("title", e("\(f.ruleID): " + (titles[f.ruleID] ?? f.ruleID)))]
            if !f.file.isEmpty { properties.insert(("file", e(f.file)), at: 0) }
            if let r = f.range {
                properties.insert(contentsOf: [
                    ("line", "\(r.start.line)"), ("col", "\(r.start.column)"),
                    ("endLine", "\(r.end.line)"), ("endColumn", "\(r.end.column)"),
                ], at: f.file.isEmpty ? 0 : 1)
            }
            var message = e(f.message)
            if let fix = f.fix { message += "\nfix: " + e(fix) }
            out += "::\(command(f.severity)) "
            out += properties.map { "\($0.0)=\(GitHubReporter.escapeProperty($0.1))" }.joined(separator: ",")
            out += "::" + GitHubReporter.escapeData(message) + "\n"
        }
    }

    func command(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// The message part: `%`, CR and LF are escaped.
    static func escapeData(_ s: String) -> String { percentEscaped(s, property: false) }

    /// A property value: as the message, and also `:` and `,`.
    static func escapeProperty(_ s: String) -> String { percentEscaped(s, property: true) }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// One pass over the bytes (every character escaped is ASCII, and no escape holds
    /// one that another would escape); text that needs nothing is returned as it is.
    private static func percentEscaped(_ s: String, property: Bool) -> String {
        func escaped(_ b: UInt8) -> Bool {
            b == 0x25 || b == 0x0D || b == 0x0A || (property && (b == 0x3A || b == 0x2C))
        }
        guard s.utf8.contains(where: escaped) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        for b in s.utf8 {
            if escaped(b) {
                out.append(0x25)
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0xF)])
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
