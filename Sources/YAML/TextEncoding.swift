/// YAML text may be written in UTF-8, UTF-16 or UTF-32 (YAML 1.2, section 5.2), and
/// Windows tools write the other two: PowerShell 5's `Out-File` and `>` write UTF-16
/// with a byte order mark, Notepad a UTF-8 one. stratlint reads, quotes and places
/// everything in UTF-8 bytes, so each file is turned into UTF-8 without a mark once,
/// where it is read (``SourceTable/add(path:bytes:absolutePath:quotable:identity:)``).
public enum TextEncoding {
    /// `bytes` as UTF-8 without a byte order mark. The encoding is told as YAML 1.2 says:
    /// by the mark, or by the zero bytes around a first character that is ASCII (every
    /// YAML stream starts with one). Bytes that are not valid in the encoding they
    /// appear to be in are returned as they are, so that the parser says where.
    public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        switch encoding(of: bytes) {
        case .utf8:
            return bytes
        case .utf8WithMark:
            return Array(bytes.dropFirst(3))
        case .utf16(let bigEndian):
            guard bytes.count % 2 == 0 else { return bytes }
            let units = stride(from: 0, to: bytes.count, by: 2).lazy.map { UInt16(unit(bytes[$0..<$0 + 2], bigEndian: bigEndian)) }
            return transcoded(units, from: UTF16.self) ?? bytes
        case .utf32(let bigEndian):
            guard bytes.count % 4 == 0 else { return bytes }
            let units = stride(from: 0, to: bytes.count, by: 4).lazy.map { unit(bytes[$0..<$0 + 4], bigEndian: bigEndian) }
            return transcoded(units, from: UTF32.self) ?? bytes
        }
    }

    /// The code unit the bytes `part` hold, in the byte order given.
    private static func unit(_ part: ArraySlice<UInt8>, bigEndian: Bool) -> UInt32 {
        let ordered = bigEndian ? Array(part) : part.reversed()
        return ordered.reduce(0) { $0 << 8 | UInt32($1) }
    }

    enum Encoding: Equatable {
        case utf8, utf8WithMark, utf16(bigEndian: Bool), utf32(bigEndian: Bool)
    }

    /// The table of YAML 1.2, section 5.2, in its order (a UTF-32 little-endian mark
    /// starts as a UTF-16 one does, so UTF-32 is asked first).
    static func encoding(of b: [UInt8]) -> Encoding {
        func starts(_ prefix: [UInt8?]) -> Bool {
            b.count >= prefix.count && zip(b, prefix).allSatisfy { byte, want in want.map { $0 == byte } ?? (byte != 0) }
        }
        if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0x00, 0x00, 0x00, nil]) { return .utf32(bigEndian: true) }
        if starts([0xFF, 0xFE, 0x00, 0x00]) || starts([nil, 0x00, 0x00, 0x00]) { return .utf32(bigEndian: false) }
        if starts([0xFE, 0xFF]) || starts([0x00, nil]) { return .utf16(bigEndian: true) }
        if starts([0xFF, 0xFE]) || starts([nil, 0x00]) { return .utf16(bigEndian: false) }
        if starts([0xEF, 0xBB, 0xBF]) { return .utf8WithMark }
        return .utf8
    }

    /// `units` in UTF-8, without the byte order mark they may start with; nil when they
    /// are not valid in `codec` (a lone surrogate, a value past U+10FFFF).
    private static func transcoded<Units: Sequence, Codec: UnicodeCodec>(_ units: Units, from codec: Codec.Type) -> [UInt8]?
    where Units.Element == Codec.CodeUnit {
        var out: [UInt8] = []
        out.reserveCapacity(units.underestimatedCount)
        let failed = transcode(units.makeIterator(), from: codec, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        guard !failed else { return nil }
        return out.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(out.dropFirst(3)) : out
    }
}
