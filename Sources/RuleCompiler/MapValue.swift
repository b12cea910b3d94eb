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
                return MapSlot(value: value, file: FileID(0), key: KeyPlace(), word: 0)
            }
            // A slot keeps the value's range packed and its key's beside it (``KeyPlace``);
            // a key or value that does not pack so (a merge key's, from another file)
            // turns the map wide.
            if packer.wide == nil, let key = KeyPlace(keyRange, before: range), let word = SourceRanges.pack(range) {
                packer.keptPacked(2)
                return MapSlot(value: value, file: range.file, key: key, word: word)
            }
            // Positions in order: key `j` at `2j`, its value at `2j + 1`.
            func earlier(_ j: Int) -> SourceRange {
                if j == 2 * i { return keyRange }
                let slot = slots[j / 2], valueRange = SourceRanges.unpack(slot.word, file: slot.file)
                return j % 2 == 0 ? slot.key.range(before: valueRange) : valueRange
            }
            _ = packer.wideWord(for: keyRange, earlier: earlier)
            _ = packer.wideWord(for: range, earlier: earlier)
            return MapSlot(value: value, file: range.file, key: KeyPlace(), word: 0)
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

    /// The index of the first null value at or after `start`, read in place (no copy of
    /// a value); nil when there is none.
    @inlinable public func firstNull(from start: Int) -> Int? {
        let count = self.count
        return storage.withUnsafeMutablePointerToElements { slots in
            var i = max(start, 0)
            while i < count {
                if case .null = slots[i].value { return i }
                i += 1
            }
            return nil
        }
    }
    public func value(forField name: String) -> Value? { index(ofField: name).map { values[$0] } }
    public func value(forField name: FieldName) -> Value? { index(ofField: name).map { values[$0] } }

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
        let (file, key, word) = storage.withUnsafeMutablePointerToElements { ($0[i].file, $0[i].key, $0[i].word) }
        switch storage.positions {
        case .none: return nil
        case .packed: return key.range(before: SourceRanges.unpack(word, file: file))
        case .wide(let ranges): return 2 * i < ranges.count ? ranges[2 * i] : nil
        }
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
    // Where the key is, from its value's position (``Positions/packed``, ``KeyPlace``):
    // a byte and two that lie, with the file, where the value's layout leaves seven
    // bytes free (a field of three bytes would be aligned past them).
    @usableFromInline var keyHigh: UInt8
    @usableFromInline var keyLow: UInt16
    /// The file of the key and the value, and the value's packed position.
    @usableFromInline var file: FileID
    @usableFromInline var word: UInt64
    @inlinable init(value: Value, file: FileID, key: KeyPlace, word: UInt64) {
        self.value = value
        keyHigh = UInt8(truncatingIfNeeded: key.bits >> 16)
        keyLow = UInt16(truncatingIfNeeded: key.bits)
        self.file = file
        self.word = word
    }

    @inlinable var key: KeyPlace { KeyPlace(bits: UInt32(keyHigh) << 16 | UInt32(keyLow)) }
}

/// A key's position told from its value's, in 24 bits: the lines between the key's and
/// the start of its value (0 to 3), the key's column (below 4,096) and width (below
/// 1,024). Every key of an ordinary document fits: `name: x` is on its value's line,
/// `security:` the line before its block. A key that does not (a long key, one far to
/// the right, a key spanning lines) turns its map's positions wide.
@usableFromInline
struct KeyPlace {
    @usableFromInline let bits: UInt32

    @inlinable init(bits: UInt32 = 0) { self.bits = bits }

    @inlinable
    init?(_ key: SourceRange, before value: SourceRange) {
        let lines = value.start.line &- key.start.line, width = key.end.column &- key.start.column
        guard key.file == value.file, key.end.line == key.start.line, lines >= 0, lines < 4,
              key.start.column >= 0, key.start.column < 4_096, width >= 0, width < 1_024 else { return nil }
        bits = UInt32(lines) << 22 | UInt32(key.start.column) << 10 | UInt32(width)
    }

    /// The key's range, given its value's.
    @inlinable
    func range(before value: SourceRange) -> SourceRange {
        let line = Int(value.start.line) - Int(bits >> 22), column = Int(bits >> 10 & 0xFFF)
        return SourceRange(file: value.file, start: SourcePosition(line: line, column: column),
                           end: SourcePosition(line: line, column: column + Int(bits & 0x3FF)))
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
