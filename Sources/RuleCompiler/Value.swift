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
