import YAML

/// The keys of a map in their written order, shared by every map of a file written with
/// the same keys in the same order (a list of 10,000 systems has a handful of shapes), so
/// that each map holds only its values and the lookup table is built once per shape.
public final class MapShape: Sendable {
    public let keys: [Value]
    /// For shapes of more than 8 keys; smaller ones scan.
    private let table: HashIndex?
    /// Every key is an ASCII string (``CodePoints/equal(_:_:aIsASCII:)``).
    private let asciiKeys: Bool
    /// Each key's ``FieldName`` fingerprint, for member access (length -1: not a string).
    private let lengths: [Int]
    private let words: [UInt64]

    public init(_ keys: [Value]) {
        self.keys = keys
        asciiKeys = keys.allSatisfy { key in
            if case .string(let s) = key { return CodePoints.isASCII(s) }
            return false
        }
        var lengths: [Int] = [], words: [UInt64] = []
        lengths.reserveCapacity(keys.count)
        words.reserveCapacity(keys.count)
        for key in keys {
            guard case .string(let s) = key else {
                lengths.append(-1)
                words.append(0)
                continue
            }
            let (length, word) = FieldName.fingerprint(s)
            lengths.append(length)
            words.append(word)
        }
        self.lengths = lengths
        self.words = words
        table = keys.count > 8 ? HashIndex(count: keys.count) { keys[$0] } : nil
    }

    public var count: Int { keys.count }

    /// The index of `key`, by CEL equality.
    public func index(of key: Value) -> Int? {
        if let table { return table.firstIndex(of: key) { keys[$0] } }
        for (i, k) in keys.enumerated() where Value.equal(k, key).isTrue { return i }
        return nil
    }

    /// The index of a string key, comparing code points as CEL's `==` does
    /// (``CodePoints``): the fast path of member access.
    @inline(__always)
    public func index(ofField name: FieldName) -> Int? {
        // A scan of up to 32 fingerprints costs less than hashing the name.
        if lengths.count > 32, let table { return table.firstIndex(of: .string(name.text)) { keys[$0] } }
        for i in 0..<lengths.count where lengths[i] == name.length && words[i] == name.word {
            // Eight bytes or fewer: the fingerprint holds them all.
            if name.length <= 8 { return i }
            if case .string(let s) = keys[i], CodePoints.equal(s, name.text, aIsASCII: asciiKeys) { return i }
        }
        return nil
    }

    public func index(ofField name: String) -> Int? { index(ofField: FieldName(name)) }

    /// Whether `key` is exactly this shape's key at `i`: the same kind, a string with the
    /// same code points (two spellings of one name make two shapes).
    public func hasKey(_ key: Value, at i: Int) -> Bool {
        switch (keys[i], key) {
        case (.string(let x), .string(let y)): return CodePoints.equal(x, y, aIsASCII: asciiKeys)
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        default: return false
        }
    }
}
