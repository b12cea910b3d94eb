import YAML

/// Escaping for XML 1.0 text and attribute values (JUnit, SVG, HTML). Control and bidi
/// characters from the data (``TerminalText/isUnsafe(_:)``) are shown as `\u{1b}`:
/// XML 1.0 cannot hold most of them at all, and the others would reorder or hide text
/// where the page is shown. Line breaks and tabs are kept in text and written as
/// character references in attributes. The `[` of a `##[` is written `&#91;` (the same
/// text to an XML reader): a JUnit report printed in a CI log must not start GitHub's
/// legacy workflow command.
enum XML {
    /// Escapes `s` for an attribute value (quotes and line breaks too) or for text,
    /// reading its UTF-8 and building the result as bytes: appending scalars to strings,
    /// then walking `unicodeScalars` and its indices, was most of a JUnit report's time.
    static func escape(_ s: String, attribute: Bool = true) -> String {
        var text = s
        let out: [UInt8] = text.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 8)
            var i = 0, plainFrom = 0
            while i < utf8.count {
                // Printable ASCII other than markup, the commonest byte by far, is copied
                // in runs; a `[` asks whether the bytes before it make a `##[`.
                let b = utf8[i]
                if b >= 0x20, b < 0x7F, b != 0x5B, b != 0x26, b != 0x3C, b != 0x3E, b != 0x22, b != 0x27 {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom..<i]))
                let (c, length) = TerminalText.scalar(at: i, in: utf8)
                switch c {
                case "[" where TerminalText.CommandBracket.opens(at: i, in: utf8): out.append("&#91;" as StaticString)
                case "&": out.append("&amp;" as StaticString)
                case "<": out.append("&lt;" as StaticString)
                case ">": out.append("&gt;" as StaticString)
                case "\"" where attribute: out.append("&quot;" as StaticString)
                case "'" where attribute: out.append("&apos;" as StaticString)
                case "\n" where attribute: out.append("&#10;" as StaticString)
                case "\r" where attribute: out.append("&#13;" as StaticString)
                case "\t" where attribute: out.append("&#9;" as StaticString)
                case "\n", "\r", "\t": out.append(UInt8(c.value))
                default:
                    if TerminalText.isUnsafe(c) {
                        out.append(contentsOf: TerminalText.shown(c).utf8)
                    } else if c.value == 0xFFFE || c.value == 0xFFFF {
                        out.append("\u{FFFD}" as StaticString)
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]))
                    }
                }
                i += length
                plainFrom = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainFrom...]))
            return out
        }
        return String(decoding: out, as: UTF8.self)
    }
}
