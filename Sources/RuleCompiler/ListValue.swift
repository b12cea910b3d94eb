import YAML

/// An immutable list. A list read from a document keeps each item's position, so that a
/// finding can point at the exact node; a computed one has none. Items and positions
/// are one allocation (``Positions``): a document has about as many small lists as
/// maps, and three allocations each were most of the loader's memory.
// Unchecked: the storage (a `ManagedBuffer`, which cannot be `Sendable`) is never changed once made.
public struct ListValue: @unchecked Sendable {
    @usableFromInline let storage: ListStorage

    @usableFromInline init(storage: ListStorage) { self.storage = storage }

    /// `count` items, `element(i)` each, asked in order from 0. The list keeps positions
    /// when every element has one.
    @inlinable
    public init(count: Int, _ element: (Int) throws -> (value: Value, range: SourceRange?)) rethrows {
        var packer = PositionPacker()
        var positioned = true
        storage = try ListStorage.make(ListHeader(), count: count) { slots, i in
            let (value, range) = try element(i)
            guard let range, positioned else {
                positioned = false
                return ListSlot(value: value, file: FileID(0), word: 0)
            }
            let word = packer.word(for: range) { SourceRanges.unpack(slots[$0].word, file: slots[$0].file) }
            return ListSlot(value: value, file: range.file, word: word)
        }
        storage.setPositions(positioned ? packer.positions : .none)
    }

    /// `ranges` are kept if there is one for each item.
    public init(_ items: [Value], ranges: SourceRanges) {
        guard ranges.count == items.count, !items.isEmpty else {
            self.init(count: items.count) { (items[$0], nil) }
            return
        }
        guard let (file, words) = ranges.packed else {
            self.init(count: items.count) { (items[$0], ranges[$0]) }
            return
        }
        // Packed already, in one file: the words as they are.
        self.init(storage: ListStorage.make(ListHeader(positions: .packed), count: items.count) { _, i in
            ListSlot(value: items[i], file: file, word: words[i])
        })
    }

    public init(_ items: [Value], ranges: [SourceRange] = []) {
        let positioned = ranges.count == items.count
        self.init(count: items.count) { (items[$0], positioned ? ranges[$0] : nil) }
    }

    /// The empty list.
    public static let empty = ListValue([])

    @inlinable public var items: Items { Items(storage: storage) }
    @inlinable public var count: Int { storage.count }

    /// The position of the `i`th item, for lists read from documents.
    @inlinable
    public func range(at i: Int) -> SourceRange? {
        guard i >= 0, i < count else { return nil }
        let (file, word) = storage.withUnsafeMutablePointerToElements { ($0[i].file, $0[i].word) }
        return storage.positions.range(file: file, word: word, at: i)
    }

    /// This list with the `changed` items in their places, at the same positions.
    public func replacing(_ changed: [(index: Int, value: Value)]) -> ListValue {
        var values = Array(items)
        for (i, value) in changed { values[i] = value }
        return ListValue(storage: ListStorage.make(ListHeader(positions: storage.positions), count: count) { _, i in
            var slot = storage.slot(i)
            slot.value = values[i]
            return slot
        })
    }

    /// `a`'s items, then `b`'s; with positions if both have them. Positions kept the
    /// same way in both (packed, or wide) are copied as they are.
    public static func + (a: ListValue, b: ListValue) -> ListValue {
        if a.count == 0 { return b }
        if b.count == 0 { return a }
        let positions: Positions
        switch (a.storage.positions, b.storage.positions) {
        case (.packed, .packed): positions = .packed
        case (.wide(let x), .wide(let y)): positions = .wide(x + y)
        case (.none, _), (_, .none): positions = .none
        default:
            return ListValue(count: a.count + b.count) { i in
                i < a.count ? (a.items[i], a.range(at: i)) : (b.items[i - a.count], b.range(at: i - a.count))
            }
        }
        return ListValue(storage: ListStorage.make(ListHeader(positions: positions), count: a.count + b.count) { _, i in
            i < a.count ? a.storage.slot(i) : b.storage.slot(i - a.count)
        })
    }

    /// Whether `other` is this very list (not only an equal one).
    public func isSame(as other: ListValue) -> Bool { storage === other.storage }

    /// This list's items, in order.
    public struct Items: RandomAccessCollection, @unchecked Sendable {
        @usableFromInline let storage: ListStorage
        @inlinable init(storage: ListStorage) { self.storage = storage }

        public typealias Indices = Range<Int>
        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { storage.count }

        @inlinable
        public subscript(_ i: Int) -> Value {
            precondition(i >= 0 && i < endIndex, "list index out of range")
            return storage.withUnsafeMutablePointerToElements { $0[i].value }
        }
    }
}

@usableFromInline
struct ListHeader: SlotsHeader {
    @usableFromInline var count = 0
    @usableFromInline var positions: Positions
    @inlinable init(positions: Positions = .none) { self.positions = positions }
}

@usableFromInline
struct ListSlot {
    @usableFromInline var value: Value
    /// The item's file and packed position (``Positions/packed``); the file takes no
    /// room, lying where the value's layout leaves four bytes free.
    @usableFromInline var file: FileID
    @usableFromInline var word: UInt64
    @inlinable init(value: Value, file: FileID, word: UInt64) {
        self.value = value
        self.file = file
        self.word = word
    }
}

/// A list's header and its items in one allocation (``SlotsHeader``).
@usableFromInline
final class ListStorage: ManagedBuffer<ListHeader, ListSlot> {
    deinit { releaseSlots() }

    /// Storage holding `count` slots, `slot(slots, i)` each (`slots` holds the ones made
    /// so far, for the positions' rare switch to wide), with `header`'s positions; if
    /// `slot` throws, the slots made are released with the storage. (Not shared with
    /// the other storage as a generic: its callers' closures were then not inlined into
    /// the loop, a call per element, +100 M instructions at N = 10,000.)
    @inlinable
    static func make(_ header: ListHeader, count: Int, _ slot: (UnsafeMutablePointer<ListSlot>, Int) throws -> ListSlot) rethrows -> ListStorage {
        let storage = unsafeDowncast(create(minimumCapacity: count) { _ in header }, to: ListStorage.self)
        try storage.withUnsafeMutablePointers { header, slots in
            for i in 0..<count {
                (slots + i).initialize(to: try slot(slots, i))
                header.pointee.count = i + 1
            }
        }
        return storage
    }
}
