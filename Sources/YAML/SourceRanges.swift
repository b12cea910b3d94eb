/// The positions of a collection's children, 8 bytes each where they fit.
///
/// A range of one file packs into one integer: its start line (25 bits), start column
/// (15 bits), the lines it spans (10 bits) and end column (14 bits): every range of an
/// ordinary document. The list keeps its file once. A range that does not fit (a line
/// past 32,767 columns, a value spanning 1,024 lines, a second file, a position before
/// line 1) turns the whole list wide: three words a range. Packing
/// is exact: a range is packed only if it unpacks to itself.
public struct SourceRanges: RandomAccessCollection, Sendable {
    @usableFromInline var file = FileID(0)
    /// Whether `words` holds wide ranges, three words each, rather than packed ones.
    @usableFromInline var isWide = false
    /// One array either way, so that reading a range retains one buffer.
    @usableFromInline var words: [UInt64] = []

    @usableFromInline static let lineBits: UInt64 = 25, columnBits: UInt64 = 15, spanBits: UInt64 = 10, endColumnBits: UInt64 = 14

    public init() {}

    public init(_ ranges: [SourceRange]) {
        reserveCapacity(ranges.count)
        for r in ranges { append(r) }
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { isWide ? words.count / 3 : words.count }
    @inlinable public var count: Int { endIndex }
    /// Whether every range is packed.
    public var isPacked: Bool { !isWide }

    /// The file and packed words of every range (``unpack(_:file:)``), if they are
    /// packed: for a collection that keeps them as they are.
    @inlinable
    public var packed: (file: FileID, words: [UInt64])? { isWide ? nil : (file, words) }

    public mutating func reserveCapacity(_ n: Int) {
        words.reserveCapacity(isWide ? 3 * n : n)
    }

    @inlinable
    public subscript(_ i: Int) -> SourceRange {
        if isWide {
            let a = words[3 * i], b = words[3 * i + 1], c = words[3 * i + 2]
            return SourceRange(file: FileID(Int(Int32(truncatingIfNeeded: a >> 32))),
                               start: SourcePosition(line: Int(Int32(truncatingIfNeeded: a)), column: Int(Int32(truncatingIfNeeded: b >> 32))),
                               end: SourcePosition(line: Int(Int32(truncatingIfNeeded: b)), column: Int(Int32(truncatingIfNeeded: c))))
        }
        return Self.unpack(words[i], file: file)
    }

    /// A packed range of `file` (``pack(_:)``) as it was.
    @inlinable
    public static func unpack(_ p: UInt64, file: FileID) -> SourceRange {
        let endColumn = p & (1 << Self.endColumnBits - 1)
        let span = p >> Self.endColumnBits & (1 << Self.spanBits - 1)
        let column = p >> (Self.endColumnBits + Self.spanBits) & (1 << Self.columnBits - 1)
        let line = p >> (Self.endColumnBits + Self.spanBits + Self.columnBits)
        return SourceRange(file: file, start: SourcePosition(line: Int(line), column: Int(column)),
                           end: SourcePosition(line: Int(line + span), column: Int(endColumn)))
    }

    /// `r` packed into one integer (its file aside), or nil if it does not fit.
    @inlinable
    public static func pack(_ r: SourceRange) -> UInt64? {
        // Each field as an unsigned number: a negative one is too large.
        let line = UInt64(UInt32(bitPattern: r.start.line)), column = UInt64(UInt32(bitPattern: r.start.column))
        let span = UInt64(UInt32(bitPattern: r.end.line &- r.start.line)), endColumn = UInt64(UInt32(bitPattern: r.end.column))
        guard line &- 1 < 1 << lineBits - 1, column < 1 << columnBits, span < 1 << spanBits, endColumn < 1 << endColumnBits else {
            return nil
        }
        return line << (endColumnBits + spanBits + columnBits) | column << (endColumnBits + spanBits) | span << endColumnBits | endColumn
    }

    @inlinable @inline(__always)
    public mutating func append(_ r: SourceRange) {
        if !isWide, r.file == file || words.isEmpty, let p = Self.pack(r) {
            if words.isEmpty { file = r.file }
            words.append(p)
        } else {
            appendWide(r)
        }
    }

    @usableFromInline
    mutating func appendWide(_ r: SourceRange) {
        if !isWide { widen() }
        func word(_ high: Int32, _ low: Int32) -> UInt64 { UInt64(UInt32(bitPattern: high)) << 32 | UInt64(UInt32(bitPattern: low)) }
        words.append(word(r.file.rawValue, r.start.line))
        words.append(word(r.start.column, r.end.line))
        words.append(word(0, r.end.column))
    }

    /// Every range three words wide, from now on.
    @usableFromInline
    mutating func widen() {
        let ranges = Array(self)
        words = []
        words.reserveCapacity(3 * ranges.count + 3)
        isWide = true
        for r in ranges { append(r) }
    }

    /// (No `reserveCapacity` here: appending list after list would reallocate for each.)
    public mutating func append(contentsOf other: SourceRanges) {
        if !isWide, !other.isWide, words.isEmpty || other.words.isEmpty || file == other.file {
            if words.isEmpty { file = other.file }
            words.append(contentsOf: other.words)
            return
        }
        for i in other.indices { append(other[i]) }
    }

    public static func + (a: SourceRanges, b: SourceRanges) -> SourceRanges {
        var sum = a
        sum.append(contentsOf: b)
        return sum
    }
}

extension SourceRanges: Equatable {
    public static func == (a: SourceRanges, b: SourceRanges) -> Bool {
        a.count == b.count && a.indices.allSatisfy { a[$0] == b[$0] }
    }
}
