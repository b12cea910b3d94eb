/// A YAML node with its position. Scalars are already resolved by the YAML 1.2 core
/// schema (see ``ScalarResolver``); aliases are already expanded.
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public struct Pair: Sendable {
        public var key: Node
        public var value: Node
        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var range: SourceRange

    public init(_ content: Content, range: SourceRange) {
        self.content = content
        self.range = range
    }

    /// The value of `key` in a mapping whose keys are strings; nil otherwise.
    public subscript(key: String) -> Node? {
        guard case .mapping(let pairs) = content else { return nil }
        for pair in pairs {
            if case .scalar(.string(let k)) = pair.key.content, k == key { return pair.value }
        }
        return nil
    }

    /// The string value of a scalar node, whatever it resolved to (`1` reads as "1").
    public var scalarText: String? {
        guard case .scalar(let s) = content else { return nil }
        return s.text
    }
}

/// A resolved YAML scalar.
public enum Scalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case date(CivilDate)

    /// The scalar as text, as a person would write it.
    public var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .date(let d): return d.description
        }
    }
}
