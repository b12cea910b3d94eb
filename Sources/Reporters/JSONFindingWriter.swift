import YAML

/// Writes findings as the bytes ``JSONText`` would give for them (pretty, sorted keys,
/// `" : "`, two-space indents, the same escapes), without JSONEncoder: a large report
/// spent as long encoding its findings as libyaml took to read the whole inventory.
/// `JSONFindingWriterTests` holds the two to the same bytes on every character class
/// the escapes treat differently. SARIF results are written with the same primitives
/// (`SARIFResultWriter.swift`).
struct JSONFindingWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// One finding as an object whose `{` stands at `indent` spaces (not written: the
    /// caller places it), members at `indent + 2`.
    mutating func write(_ f: JSONReporter.FindingJSON, indent: Int) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        func member(_ key: StaticString) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            newline(indent + 2)
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            append(#"" : "#)
        }
        // Sorted as the encoder sorts them.
        member("column"); number(f.column)
        member("endColumn"); number(f.endColumn)
        member("endLine"); number(f.endLine)
        member("file"); string(f.file)
        if let fingerprint = f.fingerprint { member("fingerprint"); string(fingerprint) }
        member("fix"); if let fix = f.fix { string(fix) } else { append("null") }
        member("line"); number(f.line)
        member("message"); string(f.message)
        member("pitfall"); string(f.pitfall)
        if let related = f.related {
            member("related")
            bytes.append(UInt8(ascii: "["))
            for (i, r) in related.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 4)
                bytes.append(UInt8(ascii: "{"))
                newline(indent + 6); append(#""column" : "#); number(r.column)
                bytes.append(UInt8(ascii: ",")); newline(indent + 6); append(#""file" : "#); string(r.file)
                bytes.append(UInt8(ascii: ",")); newline(indent + 6); append(#""line" : "#); number(r.line)
                newline(indent + 4)
                bytes.append(UInt8(ascii: "}"))
            }
            newline(indent + 2)
            bytes.append(UInt8(ascii: "]"))
        }
        member("ruleId"); string(f.ruleId)
        member("severity"); string(f.severity)
        newline(indent)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func append(_ text: StaticString) { bytes.append(text) }

    mutating func newline(_ indent: Int) {
        guard indent < Self.lineStart.count else {
            bytes.append(UInt8(ascii: "\n"))
            return bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        }
        Self.lineStart.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[...indent])) }
    }

    /// A line break and the spaces of the deepest indent a report has, written by slices.
    private static let lineStart: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 15)

    /// An integer's decimal digits, written without making a string: least
    /// significant first, then turned round in place.
    mutating func number(_ n: Int?) {
        guard let n else { return append("null") }
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        let first = bytes.count
        var magnitude = n.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        var (lo, hi) = (first, bytes.count - 1)
        while lo < hi {
            bytes.swapAt(lo, hi)
            (lo, hi) = (lo + 1, hi - 1)
        }
    }

    /// A JSON string as JSONEncoder writes it, then as ``JSONText/escapeUnsafe(_:)``
    /// changes it: `"` and `\` escaped; C0 controls as `\b \t \n \f \r` or `\u00xx`;
    /// every other unsafe scalar, and the `[` of a `##[`, as `\uxxxx`.
    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            let plain = Self.plain
            var run = 0  // where the bytes not yet written begin: printable ASCII is copied in runs
            var i = 0
            while i < utf8.count {
                if plain[Int(utf8[i])] {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                // A scalar that may need an escape: one byte, or a multi-byte sequence.
                let (scalar, length) = TerminalText.scalar(at: i, in: utf8)
                let end = i + length, v = scalar.value
                switch v {
                case 0x22: append(#"\""#)
                case 0x5C: append(#"\\"#)
                case 0x08: append(#"\b"#)
                case 0x09: append(#"\t"#)
                case 0x0A: append(#"\n"#)
                case 0x0C: append(#"\f"#)
                case 0x0D: append(#"\r"#)
                case 0x5B where TerminalText.CommandBracket.opens(at: i, in: utf8): append(#"\u005b"#)
                case 0x5B: bytes.append(0x5B)
                case 0x00...0x1F: unicodeEscape(v)
                default:
                    if TerminalText.isUnsafe(scalar) {
                        unicodeEscape(v)
                    } else {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
                    }
                }
                i = end
                run = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes written as they are: printable ASCII but `"`, `\\` and `[` (which
    /// needs a look at the two bytes before it). One load per byte of a report's text.
    private static let plain: [Bool] = (0...255).map { b in b >= 0x20 && b < 0x7F && b != 0x22 && b != 0x5C && b != 0x5B }

    private mutating func unicodeEscape(_ v: UInt32) {
        append(#"\u"#)
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((v >> UInt32(shift)) & 0xF)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}
