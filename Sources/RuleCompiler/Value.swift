import YAML

/// A value of the expression language. Values read from documents keep the position of
/// each list item and map value, so that a finding can point at the exact node.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case date(CivilDate)
    case list(ListValue)
    case map(MapValue)
    /// An evaluation error. Errors are values so that `&&` and `||` can absorb them as
    /// CEL requires (`false && error` is `false`).
    case error(EvalError)

    public static func list(_ items: [Value]) -> Value { .list(ListValue(items)) }

    /// The name of the value's type, as messages show it.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .date: return "date"
        case .list: return "list"
        case .map: return "map"
        case .error: return "error"
        }
    }

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }
}

/// Why an expression could not be evaluated, and where in the rule file.
public final class EvalError: Sendable {
    /// A type error (no such overload, no such field on a string) can be found at compile
    /// time when the operands are constant; a runtime error (division by zero, overflow)
    /// may be absorbed by `&&` and `||`, so it is never a compile error.
    public enum Kind: Sendable {
        case type, runtime
    }

    public let message: String
    public let range: SourceRange?
    public let kind: Kind

    public init(_ message: String, at range: SourceRange?, kind: Kind = .runtime) {
        self.message = message
        self.range = range
        self.kind = kind
    }
}

/// An immutable list. `ranges` is parallel to `items` for lists read from documents and
/// empty for computed ones.
public final class ListValue: Sendable {
    public let items: [Value]
    public let ranges: SourceRanges

    public init(_ items: [Value], ranges: SourceRanges) {
        self.items = items
        self.ranges = ranges.count == items.count ? ranges : SourceRanges()
    }

    public convenience init(_ items: [Value], ranges: [SourceRange] = []) {
        self.init(items, ranges: ranges.count == items.count ? SourceRanges(ranges) : SourceRanges())
    }

    @inlinable
    public func range(at i: Int) -> SourceRange? { i < ranges.count ? ranges[i] : nil }
}

/// The keys of a map in their written order, shared by every map of a file written with
/// the same keys in the same order (a list of 10,000 systems has a handful of shapes), so
/// that each map holds only its values and the lookup table is built once per shape.
public final class MapShape: Sendable {
    public let keys: [Value]
    /// For shapes of more than 8 keys; smaller ones scan.
    private let table: [HashKey: Int]?
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
        if keys.count > 8 {
            var t: [HashKey: Int] = [:]
            t.reserveCapacity(keys.count)
            for (i, k) in keys.enumerated() where t[HashKey(k)] == nil { t[HashKey(k)] = i }
            table = t
        } else {
            table = nil
        }
    }

    public var count: Int { keys.count }

    /// The index of `key`, by CEL equality.
    public func index(of key: Value) -> Int? {
        if let table { return table[HashKey(key)] }
        for (i, k) in keys.enumerated() where Value.equal(k, key).isTrue { return i }
        return nil
    }

    /// The index of a string key, comparing code points as CEL's `==` does
    /// (``CodePoints``): the fast path of member access.
    @inline(__always)
    public func index(ofField name: FieldName) -> Int? {
        // A scan of up to 32 fingerprints costs less than hashing the name.
        if lengths.count > 32, let table { return table[HashKey(.string(name.text))] }
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

/// An immutable map with keys in their written order: a shape (the keys) and values.
public final class MapValue: Sendable {
    public let shape: MapShape
    public let values: [Value]
    /// For maps read from documents, the position of each entry's key and value
    /// (key `i` at `2i`, its value at `2i + 1`); else empty.
    public let ranges: SourceRanges

    /// `values` has one value for each of the shape's keys; `ranges` two for each, or none.
    public init(shape: MapShape, values: [Value], ranges: SourceRanges = SourceRanges()) {
        self.shape = shape
        self.values = values
        self.ranges = ranges.count == 2 * values.count ? ranges : SourceRanges()
    }

    /// A computed map (its own shape).
    public convenience init(keys: [Value], values: [Value]) {
        self.init(shape: MapShape(keys), values: values)
    }

    public var keys: [Value] { shape.keys }
    public var count: Int { values.count }

    /// The index of `key`, by CEL equality.
    public func index(of key: Value) -> Int? { shape.index(of: key) }

    /// The index of a string key: the fast path of member access.
    public func index(ofField name: String) -> Int? { shape.index(ofField: name) }
    public func index(ofField name: FieldName) -> Int? { shape.index(ofField: name) }

    public func value(forField name: String) -> Value? { index(ofField: name).map { values[$0] } }

    /// The position of the `i`th value, for maps read from documents.
    @inlinable
    public func range(at i: Int) -> SourceRange? { 2 * i + 1 < ranges.count ? ranges[2 * i + 1] : nil }

    /// The position of the `i`th key, for maps read from documents.
    @inlinable
    public func keyRange(at i: Int) -> SourceRange? { 2 * i + 1 < ranges.count ? ranges[2 * i] : nil }
}

/// A value as a hash key with CEL's equality: `1`, `1u` and `1.0` are the same key.
public struct HashKey: Hashable, Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }

    public static func == (a: HashKey, b: HashKey) -> Bool {
        if case .bool(let eq) = Value.equal(a.value, b.value) { return eq }
        return false
    }

    public func hash(into h: inout Hasher) {
        switch value {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let i): h.combine(Double(i))
        case .uint(let u): h.combine(Double(u))
        case .double(let d): h.combine(d)
        case .string(let s): h.combine(s)
        case .bytes(let b): h.combine(b)
        case .date(let d): h.combine(d)
        case .list(let l): h.combine(l.items.count)
        case .map(let m): h.combine(m.count)
        case .error: h.combine(-1)
        }
    }
}
