import YAML

/// Where a list or map read from a document keeps its children's positions: packed
/// into each child's slot beside its value, with the child's file (every range of an
/// ordinary document; see ``SourceRanges``), so that the collection is one allocation
/// even when its items come from several files (a kind's items, a projection across
/// them); or, when one range does not pack (a line past 32,767 columns, a value spanning
/// 1,024 lines), all of them in a `SourceRanges` beside the slots. Computed collections
/// have none.
@usableFromInline
enum Positions: Sendable {
    case none
    case packed
    case wide(SourceRanges)

    /// The position kept in a slot (its `file` and packed `word`), or beside the slots.
    @inlinable
    func range(file: FileID, word: UInt64, at i: Int) -> SourceRange? {
        switch self {
        case .none: return nil
        case .packed: return SourceRanges.unpack(word, file: file)
        case .wide(let ranges): return i < ranges.count ? ranges[i] : nil
        }
    }
}

/// Packs a new collection's positions one by one, in order.
@usableFromInline
struct PositionPacker {
    @usableFromInline var wide: SourceRanges?
    @usableFromInline var count = 0

    @usableFromInline init() {}

    /// The word to keep in the slot for `r` (0 once the positions are wide). `earlier`
    /// gives each range before this one, for the rare switch to wide.
    @inlinable
    mutating func word(for r: SourceRange, earlier: (Int) -> SourceRange) -> UInt64 {
        if wide == nil, let p = SourceRanges.pack(r) {
            count += 1
            return p
        }
        return wideWord(for: r, earlier: earlier)
    }

    /// Counts `n` positions the caller kept packed in the slot its own way (a map's key
    /// beside its value, ``KeyPlace``), while the positions are not wide.
    @inlinable
    mutating func keptPacked(_ n: Int) { count += n }

    @usableFromInline
    mutating func wideWord(for r: SourceRange, earlier: (Int) -> SourceRange) -> UInt64 {
        defer { count += 1 }
        if wide == nil {
            var all = SourceRanges()
            for i in 0..<count { all.append(earlier(i)) }
            wide = all
        }
        wide?.append(r)
        return 0
    }

    @usableFromInline
    var positions: Positions { wide.map(Positions.wide) ?? .packed }
}
