/// A span of an expression's text, in Unicode scalars from its start.
public struct TextSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }
}

/// An expression of the CEL-style language, as parsed. Every node keeps its span so that
/// compile and evaluation errors point at the exact characters in the rule file.
public struct Expr: Sendable {
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        /// A name: a `for` or `let` binding, a comprehension variable, `vocab`, or a kind
        /// (capitalised: `Strategy`).
        case ident(String)
        /// `operand.field`
        case select(Expr, field: String)
        /// `has(operand.field)`
        case has(Expr, field: String)
        /// `operand[index]`
        case index(Expr, Expr)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `condition ? then : else`
        case conditional(Expr, Expr, Expr)
        /// `name(args)` or `target.name(args)`
        case call(String, target: Expr?, args: [Expr])
        case list([Expr])
        case map([(key: Expr, value: Expr)])
        /// `target.all(v, p)` and the other macros; `map` with three arguments has a filter.
        case comprehension(Macro, target: Expr, variable: String, args: [Expr])
    }

    public let kind: Kind
    public var span: TextSpan
    /// The number of nodes on the longest path down from this one (1 for a leaf). The
    /// compiler and the evaluator recurse that deep, so the parser bounds it.
    public let height: Int

    public init(_ kind: Kind, _ span: TextSpan) {
        self.kind = kind
        self.span = span
        self.height = 1 + kind.childHeight
    }
}

extension Expr.Kind {
    /// The greatest height among the sub-expressions (0 for a leaf), without collecting
    /// them: every node the parser builds asks this.
    var childHeight: Int {
        switch self {
        case .null, .bool, .int, .uint, .double, .string, .bytes, .ident: 0
        case .select(let e, _), .has(let e, _), .unary(_, let e): e.height
        case .index(let a, let b), .binary(_, let a, let b): max(a.height, b.height)
        case .conditional(let a, let b, let c): max(a.height, b.height, c.height)
        case .call(_, let target, let args): args.reduce(target?.height ?? 0) { max($0, $1.height) }
        case .list(let items): items.reduce(0) { max($0, $1.height) }
        case .map(let entries): entries.reduce(0) { max($0, $1.key.height, $1.value.height) }
        case .comprehension(_, let target, _, let args): args.reduce(target.height) { max($0, $1.height) }
        }
    }
}

public enum UnaryOperator: String, Sendable {
    case not = "!"
    case negate = "-"
}

public enum BinaryOperator: String, Sendable {
    case or = "||", and = "&&"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in"
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

public enum Macro: String, Sendable, CaseIterable {
    case all, exists, existsOne = "exists_one", map, filter
}
