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
            return transcoded(bytes, width: 2, bigEndian: bigEndian, from: UTF16.self)
        case .utf32(let bigEndian):
            return transcoded(bytes, width: 4, bigEndian: bigEndian, from: UTF32.self)
        }
    }

    /// `bytes`, code units of `width` bytes in the byte order given, in UTF-8 without
    /// the byte order mark they may start with; `bytes` themselves when they are not
    /// valid in `codec` (an odd length, a lone surrogate, a value past U+10FFFF).
    private static func transcoded<Codec: UnicodeCodec>(_ bytes: [UInt8], width: Int, bigEndian: Bool, from codec: Codec.Type) -> [UInt8] {
        guard bytes.count % width == 0 else { return bytes }
        func value(at i: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<width { v = v << 8 | UInt32(bytes[bigEndian ? i + k : i + width - 1 - k]) }
            return v
        }
        let start = !bytes.isEmpty && value(at: 0) == 0xFEFF ? width : 0
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / width)
        let units = stride(from: start, to: bytes.count, by: width).lazy.map { Codec.CodeUnit(truncatingIfNeeded: value(at: $0)) }
        let failed = transcode(units.makeIterator(), from: codec, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        return failed ? bytes : out
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
}
