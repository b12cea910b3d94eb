import RuleCompiler
import YAML

/// A file's loaded documents as bytes, and back: what the load cache keeps.
///
/// Each document is its range and its node. A node is a tag byte and its payload:
/// `null`, `false`, `true`; an integer (zigzag varint); a double (8 bytes); a string
/// (varint length, UTF-8); a date (zigzag varint of days since 1970-01-01); a list
/// (varint count, then each item's range and node); a map (its shape, then each entry's
/// key range, value range and value node). A map's shape is a varint: the index of a
/// shape an earlier map of the entry gave, or the next index, followed by the new
/// shape's key count and key nodes, so that the keys of maps written alike (a list of
/// systems) are written and read once, and their maps share one ``MapShape``. A range is four varints:
/// its start line as the (zigzag) difference from the start line of the range before
/// it, its start column, its end line as the difference from its start line, and its
/// end column, so that nearly every number takes one byte. Its file is the file being
/// loaded, since every position in a file's documents is in that file.
///
/// Decoding trusts nothing: every count and length is checked against the bytes left,
/// nesting is limited, and anything out of place makes the whole entry unreadable (the
/// file is then parsed as if there were no cache).
enum ValueCodec {
    /// Nesting deeper than this is neither written nor read (the file is parsed instead):
    /// decoding recurses, and the cache is for ordinary files.
    static let maxDepth = 200

    /// The days of the dates a document can hold: `0000-01-01` to `9999-12-31`.
    static let dates: ClosedRange<Int> = {
        guard let first = CivilDate(year: 0, month: 1, day: 1), let last = CivilDate(year: 9999, month: 12, day: 31) else { return 0...0 }
        return first.daysSinceEpoch...last.daysSinceEpoch
    }()

    private enum Tag: UInt8 {
        case null, `false`, `true`, int, double, string, date, list, map
    }

    /// The bytes of `documents` (about `sizeHint` of them: an entry is about as large as
    /// its file); nil when they nest deeper than ``maxDepth``, or hold a value the loader
    /// does not make.
    static func encode(_ documents: [ValueSink.Tree], sizeHint: Int = 0) -> [UInt8]? {
        var writer = Writer()
        writer.bytes.reserveCapacity(sizeHint)
        writer.varint(UInt64(documents.count))
        for document in documents {
            guard writer.range(document.range), writer.node(document.value, depth: 0) else { return nil }
        }
        return writer.bytes
    }

    /// The documents `bytes` hold, with positions in `file`; nil unless `bytes` are
    /// exactly what ``encode(_:)`` writes.
    static func decode(_ bytes: UnsafeRawBufferPointer, file: FileID) -> [ValueSink.Tree]? {
        var reader = Reader(bytes: bytes, file: file)
        guard let count = reader.count() else { return nil }
        var documents: [ValueSink.Tree] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            guard let range = reader.range(), let value = reader.node(depth: 0) else { return nil }
            documents.append(ValueSink.Tree(value: value, range: range))
        }
        return reader.atEnd ? documents : nil
    }

    private struct Writer {
        var bytes: [UInt8] = []
        var lastLine: Int64 = 0
        /// The index of each shape written so far.
        var shapes: [ObjectIdentifier: Int] = [:]

        @inline(__always)
        mutating func varint(_ value: UInt64) {
            if value < 0x80 { return bytes.append(UInt8(value)) }
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

        /// False for a range no document has (a position before line 1, column 1, or an
        /// end before the start line).
        mutating func range(_ r: SourceRange) -> Bool {
            guard r.start.line >= 1, r.start.column >= 1, r.end.line >= r.start.line, r.end.column >= 1 else { return false }
            signed(Int64(r.start.line) - lastLine)
            lastLine = Int64(r.start.line)
            varint(UInt64(r.start.column))
            varint(UInt64(r.end.line - r.start.line))
            varint(UInt64(r.end.column))
            return true
        }

        mutating func tag(_ t: Tag) { bytes.append(t.rawValue) }

        mutating func node(_ value: Value, depth: Int) -> Bool {
            switch value {
            case .null: tag(.null)
            case .bool(let b): tag(b ? .true : .false)
            case .int(let i):
                tag(.int)
                signed(i)
            case .double(let d):
                tag(.double)
                withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            case .string(let s):
                tag(.string)
                var s = s
                s.withUTF8 { utf8 in
                    varint(UInt64(utf8.count))
                    bytes.append(contentsOf: utf8)
                }
            case .date(let d):
                tag(.date)
                signed(Int64(d.daysSinceEpoch))
            case .list(let l):
                guard depth < ValueCodec.maxDepth else { return false }
                tag(.list)
                varint(UInt64(l.count))
                for i in 0..<l.count {
                    guard let r = l.range(at: i), range(r), node(l.items[i], depth: depth + 1) else { return false }
                }
            case .map(let m):
                guard depth < ValueCodec.maxDepth else { return false }
                tag(.map)
                if let known = shapes[ObjectIdentifier(m.shape)] {
                    varint(UInt64(known))
                } else {
                    varint(UInt64(shapes.count))
                    shapes[ObjectIdentifier(m.shape)] = shapes.count
                    varint(UInt64(m.count))
                    for key in m.keys {
                        guard node(key, depth: depth + 1) else { return false }
                    }
                }
                for i in 0..<m.count {
                    guard let key = m.keyRange(at: i), let value = m.range(at: i), range(key), range(value),
                          node(m.values[i], depth: depth + 1) else { return false }
                }
            case .uint, .bytes, .error:
                return false
            }
            return true
        }
    }

    /// A decoded entry that breaks off inside a list or map.
    private struct Refused: Error {}

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let file: FileID
        var at = 0
        var lastLine: Int64 = 0
        /// The shapes read so far, by index (each took bytes of the entry: no more
        /// than it has).
        var shapes: [MapShape] = []

        var atEnd: Bool { at == bytes.count }

        mutating func byte() -> UInt8? {
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return bytes[at]
        }

        /// Nearly every number (a line, a column, a count) fits in one byte.
        @inline(__always)
        mutating func varint() -> UInt64? {
            if at < bytes.count, bytes[at] < 0x80 {
                at += 1
                return UInt64(bytes[at - 1])
            }
            return longVarint()
        }

        mutating func longVarint() -> UInt64? {
            var value: UInt64 = 0
            for shift in stride(from: 0, through: 63, by: 7) {
                guard let b = byte() else { return nil }
                value |= UInt64(b & 0x7F) << UInt64(shift)
                if b < 0x80 { return value }
            }
            return nil
        }

        mutating func signed() -> Int64? {
            guard let v = varint() else { return nil }
            return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        }

        /// A count of things that each take at least one byte: never more than are left.
        mutating func count() -> Int? {
            guard let n = varint(), n <= UInt64(bytes.count - at) else { return nil }
            return Int(n)
        }

        mutating func range() -> SourceRange? {
            guard let delta = signed(), let startColumn = varint(), let lines = varint(), let endColumn = varint() else { return nil }
            let startLine = lastLine &+ delta
            let maximum = UInt64(Int32.max)
            guard startLine >= 1, startLine <= Int64(Int32.max), startColumn >= 1, startColumn <= maximum,
                  lines <= maximum - UInt64(startLine), endColumn >= 1, endColumn <= maximum else { return nil }
            lastLine = startLine
            return SourceRange(file: file, start: SourcePosition(line: Int(startLine), column: Int(startColumn)),
                               end: SourcePosition(line: Int(startLine) + Int(lines), column: Int(endColumn)))
        }

        mutating func node(depth: Int) -> Value? {
            guard let raw = byte(), let tag = Tag(rawValue: raw) else { return nil }
            switch tag {
            case .null: return .null
            case .false: return .bool(false)
            case .true: return .bool(true)
            case .int: return signed().map(Value.int)
            case .double:
                guard bytes.count - at >= 8 else { return nil }
                var bits: UInt64 = 0
                for i in 0..<8 { bits |= UInt64(bytes[at + i]) << UInt64(8 * i) }
                at += 8
                return .double(Double(bitPattern: bits))
            case .string:
                guard let n = count() else { return nil }
                defer { at += n }
                return .string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self))
            case .date:
                // Only the dates YAML can spell (years 0000 to 9999).
                guard let days = signed(), let d = Int(exactly: days), ValueCodec.dates.contains(d) else { return nil }
                return .date(CivilDate(daysSinceEpoch: d))
            case .list:
                guard depth < ValueCodec.maxDepth, let n = count() else { return nil }
                return try? .list(ListValue(count: n) { _ in
                    guard let r = range(), let item = node(depth: depth + 1) else { throw Refused() }
                    return (item, r)
                })
            case .map:
                guard depth < ValueCodec.maxDepth, let index = varint(), index <= UInt64(shapes.count) else { return nil }
                let shape: MapShape
                if index < UInt64(shapes.count) {
                    shape = shapes[Int(index)]
                } else {
                    guard let n = count() else { return nil }
                    var keys: [Value] = []
                    keys.reserveCapacity(n)
                    for _ in 0..<n {
                        guard let key = node(depth: depth + 1) else { return nil }
                        keys.append(key)
                    }
                    shape = MapShape(keys)
                    shapes.append(shape)
                }
                let n = shape.count
                // Each entry takes at least nine bytes (two ranges, a tag).
                guard n <= (bytes.count - at) / 9 else { return nil }
                return try? .map(MapValue(shape: shape) { _ in
                    guard let kr = range(), let vr = range(), let value = node(depth: depth + 1) else { throw Refused() }
                    return (value, kr, vr)
                })
            }
        }
    }
}
