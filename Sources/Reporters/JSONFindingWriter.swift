import YAML

/// Writes findings as the bytes ``JSONText`` would give for them (pretty, sorted keys,
/// `" : "`, two-space indents, the same escapes), without JSONEncoder: a large report
/// spent as long encoding its findings as libyaml took to read the whole inventory.
/// `JSONFindingWriterTests` holds the two to the same bytes on every character class
/// the escapes treat differently.
struct JSONFindingWriter {
    private(set) var bytes: [UInt8] = []

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

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func newline(_ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    private mutating func number(_ n: Int?) {
        guard let n else { return append("null") }
        bytes.append(contentsOf: String(n).utf8)
    }

    /// A JSON string as JSONEncoder writes it, then as ``JSONText/escapeUnsafe(_:)``
    /// changes it: `"` and `\` escaped; C0 controls as `\b \t \n \f \r` or `\u00xx`;
    /// every other unsafe scalar, and the `[` of a `##[`, as `\uxxxx`.
    private mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var hashes = 0
        for c in s.unicodeScalars {
            let v = c.value
            defer { hashes = v == 0x23 ? hashes + 1 : 0 }
            switch v {
            case 0x22: append(#"\""#)
            case 0x5C: append(#"\\"#)
            case 0x08: append(#"\b"#)
            case 0x09: append(#"\t"#)
            case 0x0A: append(#"\n"#)
            case 0x0C: append(#"\f"#)
            case 0x0D: append(#"\r"#)
            case 0x5B where hashes >= 2: append(#"\u005b"#)
            case 0x00...0x1F: unicodeEscape(v)
            case 0x20...0x7E: bytes.append(UInt8(v))
            default:
                if TerminalText.isUnsafe(c) { unicodeEscape(v) } else { UTF8.encode(c) { bytes.append($0) } }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ v: UInt32) {
        append(#"\u"#)
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((v >> UInt32(shift)) & 0xF)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}
