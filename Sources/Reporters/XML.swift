import YAML

/// Escaping for XML 1.0 text and attribute values (JUnit, SVG, HTML). Control and bidi
/// characters from the data (``TerminalText/isUnsafe(_:)``) are shown as `\u{1b}`:
/// XML 1.0 cannot hold most of them at all, and the others would reorder or hide text
/// where the page is shown. Line breaks and tabs are kept in text and written as
/// character references in attributes. The `[` of a `##[` is written `&#91;` (the same
/// text to an XML reader): a JUnit report printed in a CI log must not start GitHub's
/// legacy workflow command.
enum XML {
    /// Escapes `s` for an attribute value (quotes and line breaks too) or for text.
    static func escape(_ s: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var bracket = TerminalText.CommandBracket()
        for c in s.unicodeScalars {
            let opens = bracket.opens(c)
            switch c {
            case "[" where opens: out += "&#91;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r" where attribute: out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\r", "\t": out.unicodeScalars.append(c)
            default:
                if TerminalText.isUnsafe(c) {
                    out += TerminalText.shown(c)
                } else if c.value == 0xFFFE || c.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}
