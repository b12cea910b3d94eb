/// A 1-based line and column in a source file. Columns count Unicode code points,
/// as libyaml's marks do (SARIF calls this `unicodeCodePoints`).
public struct SourcePosition: Hashable, Comparable, Sendable {
    public var line: Int32
    public var column: Int32

    public init(line: Int, column: Int) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }
}

/// Identifies a file in a ``SourceTable``.
public struct FileID: Hashable, Comparable, Sendable {
    public var rawValue: Int32
    public init(_ rawValue: Int) { self.rawValue = Int32(clamping: rawValue) }
    public static func < (a: FileID, b: FileID) -> Bool { a.rawValue < b.rawValue }
}

/// A span of a source file: `start` is the first character, `end` the position just
/// after the last one (so `end.column` is exclusive, as in SARIF regions).
public struct SourceRange: Hashable, Sendable {
    public var file: FileID
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: FileID, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// Whether `other` lies within this span: a node nested in this one, not one an
    /// alias here reaches elsewhere.
    public func contains(_ other: SourceRange) -> Bool {
        file == other.file && start <= other.start && other.end <= end
    }

    /// Five 32-bit fields fed as three words: findings are looked up by range (logical
    /// paths, fingerprints), and five separate feeds were most of the hashing.
    public func hash(into hasher: inout Hasher) {
        func word(_ high: Int32, _ low: Int32) -> UInt64 { UInt64(UInt32(bitPattern: high)) << 32 | UInt64(UInt32(bitPattern: low)) }
        hasher.combine(word(file.rawValue, start.line))
        hasher.combine(word(start.column, end.line))
        hasher.combine(end.column)
    }
}
