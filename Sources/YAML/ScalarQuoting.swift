/// A text written as a quoted YAML scalar, for the fixes messages show and editors apply:
/// YAML reads each back as the same string.
public enum ScalarQuoting {
    /// `text` in double quotes: `\` and `"` escaped, and control characters (a tab, a
    /// line break) written as escapes, so that the value stays on its line.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\\", "\"": out += "\\" + String(c)
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where c.value < 0x20 || c.value == 0x7F:
                let hex = String(c.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// `text` quoted as a person would: in single quotes when it holds a double quote and
    /// nothing a single-quoted scalar cannot hold (a single quote, a control character),
    /// else in double quotes.
    public static func quoted(_ text: String) -> String {
        if text.contains("\""), !text.unicodeScalars.contains(where: { $0 == "'" || $0.value < 0x20 || $0.value == 0x7F }) {
            return "'\(text)'"
        }
        return doubleQuoted(text)
    }
}
