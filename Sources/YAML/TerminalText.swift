/// Text from the data made safe to print where a person or a CI runner reads it: a
/// terminal, a CI log. Every message stratlint prints quotes the data (ids, names, file
/// paths, source lines), and the data may be hostile:
///
/// - control characters (ESC, OSC, BEL, CR, LF, DEL, the C1 range) would move the
///   cursor, retitle the terminal, clear the screen, or start a line of their own;
/// - bidirectional controls (U+202E and friends) would show text in another order than
///   it is stored (the "trojan source" attack);
/// - a line that starts with `::` is a GitHub workflow command, and `##[` starts the
///   legacy form anywhere in a line: either forges an annotation in a CI log.
///
/// Each such character is shown as `\u{1b}` (its code point in hex), so a reader sees that
/// it is there, and nothing acts on it. Tabs stay tabs.
public enum TerminalText {
    /// Whether `c` must not reach a terminal as it is.
    @inline(__always)
    public static func isUnsafe(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// How `c` is shown: `\u{1b}`.
    public static func shown(_ c: Unicode.Scalar) -> String {
        "\\u{" + String(c.value, radix: 16) + "}"
    }

    /// `s` for one line of output: every unsafe character shown as its code point, line
    /// breaks included, and `##[` broken as `##\u{5b}`. Text that needs nothing (almost
    /// all) is returned as it is, after one scan.
    public static func escape(_ s: String) -> String {
        if isPlainASCII(s) { return s }
        var text = s
        // Over the UTF-8, scalar by scalar, copying the safe runs as they are: through
        // `unicodeScalars` and its indices this was most of a report's rendering time
        // whenever a message held one non-ASCII character (an integration's `→`).
        let escaped: [UInt8]? = text.withUTF8 { utf8 in
            var out: [UInt8]?
            var i = 0, safeFrom = 0
            while i < utf8.count {
                let (c, length) = scalar(at: i, in: utf8)
                if isUnsafe(c) || CommandBracket.opens(at: i, in: utf8) {
                    if out == nil { out = []; out?.reserveCapacity(utf8.count + 16) }
                    out?.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[safeFrom..<i]))
                    out?.append(contentsOf: shown(c).utf8)
                    safeFrom = i + length
                }
                i += length
            }
            out?.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[safeFrom...]))
            return out
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? s
    }

    /// The scalar whose UTF-8 starts at `i` of `utf8` (a string's: valid), and its length
    /// in bytes: how the terminal, XML and JSON escapes read a text without walking
    /// `unicodeScalars`.
    @inlinable @inline(__always)
    public static func scalar(at i: Int, in utf8: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        let lead = utf8[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        let end = min(i + length, utf8.count)
        var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
        for k in (i + 1)..<max(i + 1, end) { value = value << 6 | UInt32(utf8[k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", end - i)
    }

    /// Whether `s` is printable ASCII (and tabs) without a `##[`: nothing to escape, and
    /// found by one pass over the bytes (the scalar-by-scalar scan cost the text report
    /// of 30,000 findings a second of CPU).
    @inline(__always)
    static func isPlainASCII(_ s: String) -> Bool {
        var s = s
        // Over the contiguous bytes: `utf8`'s iterator checks each step.
        return s.withUTF8 { utf8 in
            for i in utf8.indices {
                let b = utf8[i]
                guard (b >= 0x20 && b < 0x7F) || b == 0x09, !CommandBracket.opens(at: i, in: utf8) else { return false }
            }
            return true
        }
    }

    /// `s`, many lines: each line escaped as ``escape(_:)``, and a line that starts with
    /// `::` (after blanks) has that colon shown as `\u{3a}`.
    public static func escapeLines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false)
            .map { lineStart(escape(String($0))) }
            .joined(separator: "\n")
    }

    /// `line` (already escaped) with a leading `::` (after blanks) broken: the start of a
    /// line that data decides, such as a file path at the start of a finding.
    public static func lineStart(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("::") else { return line }
        return line[..<trimmed.startIndex] + shown(":") + trimmed.dropFirst()
    }

    /// Finds the `[` of a `##[` (GitHub's legacy workflow command, which its runner
    /// matches anywhere in a line), one character at a time: every output that breaks it
    /// (text, XML, JSON, snippets) asks the same question.
    public struct CommandBracket {
        private var hashes = 0
        public init() {}

        /// Whether `c`, coming next, is the `[` of a `##[`.
        public mutating func opens(_ c: Unicode.Scalar) -> Bool {
            defer { hashes = c == "#" ? hashes + 1 : 0 }
            return c == "[" && hashes >= 2
        }

        /// The same question asked of contiguous UTF-8, for writers that copy runs of
        /// bytes rather than look at every character: whether the byte at `i` is the
        /// `[` of a `##[` (a `#` is one byte, never part of another character).
        @inlinable @inline(__always)
        public static func opens(at i: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            utf8[i] == 0x5B && i >= 2 && utf8[i - 1] == 0x23 && utf8[i - 2] == 0x23
        }
    }
}
