import YAML

/// Escaping for XML 1.0 text and attribute values (JUnit, SVG, HTML). Control and bidi
/// characters from the data (``TerminalText/isUnsafe(_:)``) are shown as `\u{1b}`:
/// XML 1.0 cannot hold most of them at all, and the others would reorder or hide text
/// where the page is shown. Line breaks and tabs are kept in text and written as
/// character references in attributes. The `[` of a `##[` is written `&#91;` (the same
/// text to an XML reader): a JUnit report printed in a CI log must not start GitHub's
/// legacy workflow command.
enum XML {
    /// Escapes `s` for an attribute value (quotes and line breaks too) or for text. The
    /// result is built as UTF-8 bytes (a JUnit report of 30,000 findings spent most of
    /// its second appending scalars to strings).
    static func escape(_ s: String, attribute: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        func add(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        var bracket = TerminalText.CommandBracket()
        for c in s.unicodeScalars {
            let opens = bracket.opens(c)
            switch c {
            case "[" where opens: add("&#91;")
            case "&": add("&amp;")
            case "<": add("&lt;")
            case ">": add("&gt;")
            case "\"" where attribute: add("&quot;")
            case "'" where attribute: add("&apos;")
            case "\n" where attribute: add("&#10;")
            case "\r" where attribute: add("&#13;")
            case "\t" where attribute: add("&#9;")
            default:
                if c.isASCII, c.value >= 0x20 || c == "\n" || c == "\r" || c == "\t", c.value != 0x7F {
                    out.append(UInt8(c.value))
                } else if TerminalText.isUnsafe(c) {
                    out.append(contentsOf: TerminalText.shown(c).utf8)
                } else if c.value == 0xFFFE || c.value == 0xFFFF {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                } else {
                    UTF8.encode(c) { out.append($0) }
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
