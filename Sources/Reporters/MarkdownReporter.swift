import Engine
import RuleLanguage
import YAML

/// A pull-request comment: counts by pitfall and severity, then a table of findings with
/// links to `path#Lline`.
public struct MarkdownReporter: Reporter {
    public static let name = "markdown"

    public init() {}
    public init(context: ReportContext) {}

    public func write<Out: TextOutputStream>(_ subject: Report, to out: inout Out) {
        out.write(render(subject))
    }

    public func render(_ report: Report) -> String {
        let files = "\(report.fileCount) file\(report.fileCount == 1 ? "" : "s")"
        guard !report.findings.isEmpty else {
            return "### stratlint: no findings\n\n\(report.ruleCount) rule\(report.ruleCount == 1 ? "" : "s") checked \(files).\n"
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
        // A file's cell and link are made once (files are few, findings many).
        var files: [String: (cell: String, link: String)] = [:]
        for f in findings {
            let file: (cell: String, link: String)
            if let known = files[f.file] {
                file = known
            } else {
                file = (cell(f.file), link(f.file))
                files[f.file] = file
            }
            let place: String
            if let r = f.range {
                place = "[\(file.cell):\(r.start.line)](\(file.link)#L\(r.start.line))"
            } else {
                place = file.cell
            }
            var text = cell(f.message)
            if let fix = f.fix { text += "<br>*Fix:* " + cell(fix) }
            out += "| \(f.severity.rawValue) | \(place) | `\(f.ruleID)` | \(text) |\n"
        }
        return out
    }

    /// Text safe inside a table cell: nothing in it can make a link, an image, HTML or
    /// strong emphasis (`[x](javascript:…)` shows as written), pipes cannot end the cell,
    /// line breaks become spaces, and control and bidi characters are shown as `\u{1b}`
    /// (TerminalText). Code spans (`` `kpis: [...]` ``, as fixes write them) stay code:
    /// nothing inside one is a link, so only its pipes are escaped.
    static func cell(_ s: String) -> String {
        let text = Array(TerminalText.escape(oneLine(s)).unicodeScalars)
        // Built as UTF-8 bytes: a string appended scalar by scalar made a Markdown report
        // of 30,000 findings take a second.
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 8)
        func add(_ c: Unicode.Scalar) {
            if c.isASCII { out.append(UInt8(c.value)) } else { UTF8.encode(c) { out.append($0) } }
        }
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == "`" {
                let run = backticks(text, at: i)
                if let close = closing(text, run: run, after: i + run) {
                    for c in text[i..<close + run] {
                        if c == "|" { out.append("\\|" as StaticString) } else { add(c) }
                    }
                    i = close + run
                } else {
                    for _ in 0..<run { out.append("\\`" as StaticString) }
                    i += run
                }
                continue
            }
            switch c {
            case "&": out.append("&amp;" as StaticString)
            case "<": out.append("&lt;" as StaticString)
            case ">": out.append("&gt;" as StaticString)
            case "\\", "*", "[", "]", "|", "~":
                out.append(UInt8(ascii: "\\"))
                add(c)
            default: add(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` with each line break (`\r\n` or `\n`) as a space; a lone `\r` stays (and is
    /// shown escaped). One pass over the bytes, and none for text on one line.
    static func oneLine(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\n")) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var carriageReturn = false
        for b in s.utf8 {
            if carriageReturn {
                carriageReturn = false
                if b == UInt8(ascii: "\n") {
                    out.append(UInt8(ascii: " "))
                    continue
                }
                out.append(UInt8(ascii: "\r"))
            }
            switch b {
            case UInt8(ascii: "\r"): carriageReturn = true
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: " "))
            default: out.append(b)
            }
        }
        if carriageReturn { out.append(UInt8(ascii: "\r")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length of the run of backticks at `i`.
    private static func backticks(_ text: [Unicode.Scalar], at i: Int) -> Int {
        var n = 0
        while i + n < text.count, text[i + n] == "`" { n += 1 }
        return n
    }

    /// Where the run of exactly `run` backticks that closes a code span starts, after `from`.
    private static func closing(_ text: [Unicode.Scalar], run: Int, after from: Int) -> Int? {
        var j = from
        while j < text.count {
            if text[j] == "`" {
                let n = backticks(text, at: j)
                if n == run { return j }
                j += n
            } else {
                j += 1
            }
        }
        return nil
    }

    /// A file path as a link target: everything but letters, digits and `-._~/`
    /// percent-encoded, so no path ends the target or starts a scheme.
    static func link(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        // `javascript:x` has no `:` left, but a leading `//` would still be a host.
        return out.hasPrefix("//") ? "./" + out : out
    }
}
