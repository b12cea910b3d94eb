/// A lexical token of the expression language.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case int(Int64)
        case uint(UInt64)
        /// A decimal integer too large for `int`: only valid right after a unary minus.
        case intOverflow(String)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case ident(String)
        /// A field name in backquotes, for keys that are not identifiers.
        case quotedIdent(String)
        case punct(String)
        case end
    }

    var kind: Kind
    var span: TextSpan
}

/// A problem in an expression's text, with the span it concerns.
public struct SyntaxError: Error, Sendable, Hashable {
    public var message: String
    public var span: TextSpan
    public init(_ message: String, _ span: TextSpan) {
        self.message = message
        self.span = span
    }
}
