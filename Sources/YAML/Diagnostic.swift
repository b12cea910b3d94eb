/// A problem stratlint had understanding an input: YAML syntax, a rule file, the
/// configuration, the command line. Unlike a finding, it says nothing about whether the
/// organisation breaks a rule.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note, info
    }

    public var severity: Severity
    public var message: String
    /// Where the problem is; nil only for problems no file explains (a missing path).
    public var range: SourceRange?
    /// What to do about it, when that is not obvious from the message.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at range: SourceRange?, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.hint = hint
    }

    public static func error(_ message: String, at range: SourceRange?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: range, hint: hint)
    }
}

extension Diagnostic {
    /// `path:line:col: severity: message`, the source line with a caret under the
    /// range, and the hint. What the data put in them is escaped (``TerminalText``).
    public func rendered(with sources: SourceTable) -> String {
        var out = ""
        let message = TerminalText.escape(message)
        if let range, let file = sources[range.file] {
            out += TerminalText.lineStart(TerminalText.escape(file.path)) + ":\(range.start.line):\(range.start.column): "
            out += "\(severity.rawValue): \(message)\n"
            out += Snippet.render(range, in: file)
        } else {
            out += "stratlint: \(severity.rawValue): \(message)\n"
        }
        if let hint { out += "  hint: \(TerminalText.escape(hint))\n" }
        return out
    }
}
