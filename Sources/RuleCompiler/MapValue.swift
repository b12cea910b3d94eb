import YAML

/// An immutable map with keys in their written order: a shape (the keys, shared) and
/// values. A map read from a document keeps each entry's key and value position. Values
/// and positions are one allocation (``Positions``).
// Unchecked: the storage (a `ManagedBuffer`, which cannot be `Sendable`) is never changed once made.
public struct MapValue: @unchecked Sendable {
    @usableFromInline let storage: MapStorage

    /// A map of `shape`'s keys, the `i`th one's value and positions `entry(i)`. The map
    /// keeps positions when every entry has both.
    @inlinable
    public init(shape: MapShape, _ entry: (Int) throws -> (value: Value, keyRange: SourceRange?, range: SourceRange?)) rethrows {
        var packer = PositionPacker()
        var positioned = true
        storage = try MapStorage.make(MapHeader(shape: shape), count: shape.count) { slots, i in
            let (value, keyRange, range) = try entry(i)
            guard let keyRange, let range, positioned else {
                positioned = false
                return MapSlot(value: value, file: FileID(0), keyWord: 0, word: 0)
            }
            // Positions in order: key `j` at `2j`, its value at `2j + 1`.
            func earlier(_ j: Int) -> SourceRange {
                j == 2 * i ? keyRange : SourceRanges.unpack(j % 2 == 0 ? slots[j / 2].keyWord : slots[j / 2].word, file: slots[j / 2].file)
            }
            // A slot keeps one file for its key and value; one in another file (a merge
            // key's) turns the map wide.
            let oneFile = keyRange.file == range.file
            let keyWord = oneFile ? packer.word(for: keyRange, earlier: earlier) : packer.wideWord(for: keyRange, earlier: earlier)
            let word = oneFile ? packer.word(for: range, earlier: earlier) : packer.wideWord(for: range, earlier: earlier)
            return MapSlot(value: value, file: keyRange.file, keyWord: keyWord, word: word)
        }
        storage.setPositions(positioned ? packer.positions : .none)
    }

    @usableFromInline init(storage: MapStorage) { self.storage = storage }

    /// A computed map: `values` has one value for each of the shape's keys.
    public init(shape: MapShape, values: [Value]) {
        self.init(shape: shape) { (values[$0], nil, nil) }
    }

    /// A computed map (its own shape).
    public init(keys: [Value], values: [Value]) {
        self.init(shape: MapShape(keys), values: values)
    }

    /// This map with other values, one for each key, at the same positions.
    public func replacingValues(_ values: [Value]) -> MapValue {
        MapValue(storage: MapStorage.make(MapHeader(shape: shape, positions: storage.positions), count: count) { _, i in
            var slot = storage.slot(i)
            slot.value = values[i]
            return slot
        })
    }

    /// Whether `other` is this very map (not only an equal one).
    public func isSame(as other: MapValue) -> Bool { storage === other.storage }

    @inlinable public var shape: MapShape { storage.withUnsafeMutablePointerToHeader { $0.pointee.shape } }
    public var keys: [Value] { shape.keys }
    @inlinable public var count: Int { storage.count }
    @inlinable public var values: Values { Values(storage: storage) }

    /// The index of `key`, by CEL equality.
    public func index(of key: Value) -> Int? { shape.index(of: key) }

    /// The index of a string key: the fast path of member access.
    public func index(ofField name: String) -> Int? { shape.index(ofField: name) }
    public func index(ofField name: FieldName) -> Int? { shape.index(ofField: name) }

    public func value(forField name: String) -> Value? { index(ofField: name).map { values[$0] } }

    /// The position of the `i`th value, for maps read from documents.
    @inlinable
    public func range(at i: Int) -> SourceRange? {
        guard i >= 0, i < count else { return nil }
        let (file, word) = storage.withUnsafeMutablePointerToElements { ($0[i].file, $0[i].word) }
        return storage.positions.range(file: file, word: word, at: 2 * i + 1)
    }

    /// The position of the `i`th key, for maps read from documents.
    @inlinable
    public func keyRange(at i: Int) -> SourceRange? {
        guard i >= 0, i < count else { return nil }
        let (file, word) = storage.withUnsafeMutablePointerToElements { ($0[i].file, $0[i].keyWord) }
        return storage.positions.range(file: file, word: word, at: 2 * i)
    }

    /// This map's values, in its keys' order.
    public struct Values: RandomAccessCollection, @unchecked Sendable {
        @usableFromInline let storage: MapStorage
        @inlinable init(storage: MapStorage) { self.storage = storage }

        public typealias Indices = Range<Int>
        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { storage.count }

        @inlinable
        public subscript(_ i: Int) -> Value {
            precondition(i >= 0 && i < endIndex, "map index out of range")
            return storage.withUnsafeMutablePointerToElements { $0[i].value }
        }
    }
}

@usableFromInline
struct MapHeader: SlotsHeader {
    @usableFromInline let shape: MapShape
    @usableFromInline var count = 0
    @usableFromInline var positions: Positions
    @inlinable init(shape: MapShape, positions: Positions = .none) {
        self.shape = shape
        self.positions = positions
    }
}

@usableFromInline
struct MapSlot {
    @usableFromInline var value: Value
    /// The file of the key and the value, and their packed positions (``Positions/packed``);
    /// the file takes no room, lying where the value's layout leaves four bytes free.
    @usableFromInline var file: FileID
    @usableFromInline var keyWord: UInt64
    @usableFromInline var word: UInt64
    @inlinable init(value: Value, file: FileID, keyWord: UInt64, word: UInt64) {
        self.value = value
        self.file = file
        self.keyWord = keyWord
        self.word = word
    }
}

/// A map's header and its values in one allocation (``SlotsHeader``).
@usableFromInline
final class MapStorage: ManagedBuffer<MapHeader, MapSlot> {
    deinit { releaseSlots() }

    /// Storage holding `count` slots, `slot(slots, i)` each (`slots` holds the ones made
    /// so far, for the positions' rare switch to wide), with `header`'s positions; if
    /// `slot` throws, the slots made are released with the storage. (Not shared with
    /// the other storage as a generic: its callers' closures were then not inlined into
    /// the loop, a call per element, +100 M instructions at N = 10,000.)
    @inlinable
    static func make(_ header: MapHeader, count: Int, _ slot: (UnsafeMutablePointer<MapSlot>, Int) throws -> MapSlot) rethrows -> MapStorage {
        let storage = unsafeDowncast(create(minimumCapacity: count) { _ in header }, to: MapStorage.self)
        try storage.withUnsafeMutablePointers { header, slots in
            for i in 0..<count {
                (slots + i).initialize(to: try slot(slots, i))
                header.pointee.count = i + 1
            }
        }
        return storage
    }
}
