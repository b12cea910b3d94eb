import YAML

/// Where a list or map read from a document keeps its children's positions: packed
/// into each child's slot beside its value (every range of an ordinary document; see
/// ``SourceRanges``), so that the collection is one allocation; or, when one range does
/// not pack (a second file, a line past 32,767 columns), all of them in a
/// `SourceRanges` beside the slots. Computed collections have none.
@usableFromInline
enum Positions: Sendable {
    case none
    case packed(FileID)
    case wide(SourceRanges)

    @inlinable
    func range(_ word: UInt64, at i: Int) -> SourceRange? {
        switch self {
        case .none: return nil
        case .packed(let file): return SourceRanges.unpack(word, file: file)
        case .wide(let ranges): return i < ranges.count ? ranges[i] : nil
        }
    }
}

/// Packs a new collection's positions one by one, in order.
@usableFromInline
struct PositionPacker {
    @usableFromInline var file: FileID?
    @usableFromInline var wide: SourceRanges?
    @usableFromInline var count = 0

    @usableFromInline init() {}

    /// The word to keep in the slot for `r` (0 once the positions are wide). `earlier`
    /// gives the word kept for each range before this one, for the rare switch to wide.
    @inlinable
    mutating func word(for r: SourceRange, earlier: (Int) -> UInt64) -> UInt64 {
        if wide == nil, file == nil || r.file == file, let p = SourceRanges.pack(r) {
            file = r.file
            count += 1
            return p
        }
        return wideWord(for: r, earlier: earlier)
    }

    @usableFromInline
    mutating func wideWord(for r: SourceRange, earlier: (Int) -> UInt64) -> UInt64 {
        defer { count += 1 }
        if wide == nil {
            var all = SourceRanges()
            if let file { for i in 0..<count { all.append(SourceRanges.unpack(earlier(i), file: file)) } }
            wide = all
        }
        wide?.append(r)
        return 0
    }

    @usableFromInline
    var positions: Positions {
        if let wide { return .wide(wide) }
        return file.map(Positions.packed) ?? .none
    }
}
