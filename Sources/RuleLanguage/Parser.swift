/// Parses the CEL grammar by precedence climbing:
///
///     expr     = or ["?" or ":" expr]
///     or       = and {"||" and}
///     and      = relation {"&&" relation}
///     relation = addition {("<"|"<="|">"|">="|"=="|"!="|"in") addition}
///     addition = product {("+"|"-") product}
///     product  = unary {("*"|"/"|"%") unary}
///     unary    = member | "!" {"!"} member | "-" {"-"} member
///     member   = primary {"." IDENT ["(" args ")"] | "[" expr "]"}
///     primary  = ["."] IDENT ["(" args ")"] | "(" expr ")" | "[" list "]" | "{" map "}" | literal
///
/// The macros `has`, `all`, `exists`, `exists_one`, `map` and `filter` are expanded into
/// ``Expr/Kind/has(_:field:)`` and ``Expr/Kind/comprehension(_:target:variable:args:)``.
public struct ExpressionParser {
    /// Nesting deeper than this is an error rather than a stack overflow: brackets and
    /// calls while parsing, and the height of the tree parsed (a chain of 50,000 `+`
    /// parses in a loop but compiles by recursion).
    public static let defaultMaxDepth = 200
    /// The most `limits.max-expression-depth` may be raised to: an expression of
    /// about 10,000 levels overflowed the 8 MB stack a check's threads have in a release
    /// build, and 1,500 in a debug build (a crash, from a configuration and a rule file
    /// alone); at 1,000 both parse, compile and run.
    public static let largestMaxDepth = 1_000

    private var tokens: [Token] = []
    private var p = 0
    private var depth = 0
    private var maxDepth = ExpressionParser.defaultMaxDepth

    private static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import",
        "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// What the expression's writer likely meant where a word of SQL, Python or Rego
    /// stopped it (`and`, `or`, `not x`, `is null`), and where that word is.
    private func otherLanguageHint() -> (String, TextSpan)? {
        if case .ident(let word) = current.kind {
            let unexpected = "unexpected '\(word)' after the expression: "
            switch word.lowercased() {
            case "and": return (unexpected + "CEL writes `&&` for and", current.span)
            case "or": return (unexpected + "CEL writes `||` for or", current.span)
            case "is": return (unexpected + "compare with `==` (`x == null`, `x != null`)", current.span)
            default: break
            }
        }
        if p > 0, case .ident(let word) = tokens[p - 1].kind, word.lowercased() == "not" {
            return ("'\(word)' is not an operator: CEL writes `!` for not", tokens[p - 1].span)
        }
        return nil
    }

    /// Parses `text` as one expression.
    /// `maxDepth` is the configuration's `limits.max-expression-depth`.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) -> Result<Expr, SyntaxError> {
        var lexer = Lexer(text)
        switch lexer.tokenize() {
        case .failure(let e): return .failure(e)
        case .success(let tokens):
            var parser = ExpressionParser()
            parser.tokens = tokens
            parser.maxDepth = maxDepth
            do {
                let e = try parser.expression()
                guard case .end = parser.current.kind else {
                    if let (hint, span) = parser.otherLanguageHint() { throw SyntaxError(hint, span) }
                    throw SyntaxError("unexpected \(parser.describe(parser.current)) after the expression", parser.current.span)
                }
                return .success(e)
            } catch let e as SyntaxError {
                return .failure(e)
            } catch {
                return .failure(SyntaxError("\(error)", TextSpan(0, 0)))
            }
        }
    }

    private var current: Token { tokens[min(p, tokens.count - 1)] }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "end of expression"
        case .punct(let s): return "'\(s)'"
        case .ident(let s): return "'\(s)'"
        default: return "literal"
        }
    }

    private func isPunct(_ s: String) -> Bool {
        if case .punct(let q) = current.kind { return q == s }
        return false
    }

    private mutating func accept(_ s: String) -> Bool {
        if isPunct(s) {
            p += 1
            return true
        }
        return false
    }

    private mutating func expect(_ s: String, _ context: String) throws -> Token {
        guard isPunct(s) else {
            throw SyntaxError("expected '\(s)' \(context), found \(describe(current))", current.span)
        }
        defer { p += 1 }
        return current
    }

    /// A chain of operators or members parses in a loop but compiles (and is freed) by
    /// recursion: its height is bounded like nesting.
    private func bounded(_ e: Expr) throws -> Expr {
        guard e.height <= maxDepth else { throw tooDeep(e.span) }
        return e
    }

    private func tooDeep(_ span: TextSpan) -> SyntaxError {
        SyntaxError("expression nests deeper than \(maxDepth) levels (limits.max-expression-depth); split it into lets", span)
    }

    private mutating func enter() throws {
        depth += 1
        if depth > maxDepth { throw tooDeep(current.span) }
    }

    private mutating func expression() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let condition = try binary(0)
        guard accept("?") else { return condition }
        let then = try binary(0)
        _ = try expect(":", "in a conditional 'a ? b : c'")
        let otherwise = try expression()
        return Expr(.conditional(condition, then, otherwise), TextSpan(condition.span.start, otherwise.span.end))
    }

    private static let levels: [[String: BinaryOperator]] = [
        ["||": .or],
        ["&&": .and],
        ["<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual, "==": .equal, "!=": .notEqual, "in": .in],
        ["+": .add, "-": .subtract],
        ["*": .multiply, "/": .divide, "%": .remainder],
    ]

    private func binaryOperator(at level: Int) -> BinaryOperator? {
        switch current.kind {
        case .punct(let s): return ExpressionParser.levels[level][s]
        case .ident("in"): return ExpressionParser.levels[level]["in"]
        default: return nil
        }
    }

    private mutating func binary(_ level: Int) throws -> Expr {
        if level == ExpressionParser.levels.count { return try unary() }
        var lhs = try binary(level + 1)
        while let op = binaryOperator(at: level) {
            p += 1
            let rhs = try binary(level + 1)
            lhs = try bounded(Expr(.binary(op, lhs, rhs), TextSpan(lhs.span.start, rhs.span.end)))
        }
        return lhs
    }

    private mutating func unary() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = current.span.start
        if accept("!") {
            let operand = try unary()
            return Expr(.unary(.not, operand), TextSpan(start, operand.span.end))
        }
        if accept("-") {
            // `-9223372036854775808` is a valid int although its magnitude is not.
            if case .intOverflow(let digits) = current.kind, digits == "9223372036854775808" {
                let t = current
                p += 1
                return try postfix(Expr(.int(Int64.min), TextSpan(start, t.span.end)))
            }
            if case .int(let v) = current.kind, !isMemberFollowing {
                let t = current
                p += 1
                return try postfix(Expr(.int(-v), TextSpan(start, t.span.end)))
            }
            if case .double(let v) = current.kind, !isMemberFollowing {
                let t = current
                p += 1
                return try postfix(Expr(.double(-v), TextSpan(start, t.span.end)))
            }
            let operand = try unary()
            return Expr(.unary(.negate, operand), TextSpan(start, operand.span.end))
        }
        return try postfix(try primary())
    }

    /// Whether the token after the current one starts a member access (`-1.foo()`).
    private var isMemberFollowing: Bool {
        guard p + 1 < tokens.count, case .punct(let s) = tokens[p + 1].kind else { return false }
        return s == "." || s == "["
    }

    private mutating func postfix(_ operand: Expr) throws -> Expr {
        var e = operand
        while true {
            if accept(".") {
                let name: String
                switch current.kind {
                case .ident(let n): name = n
                case .quotedIdent(let n):
                    name = n
                    let t = current
                    p += 1
                    e = try bounded(Expr(.select(e, field: name), TextSpan(e.span.start, t.span.end)))
                    continue
                default:
                    throw SyntaxError("expected a field name after '.', found \(describe(current))", current.span)
                }
                let nameToken = current
                p += 1
                if isPunct("(") {
                    p += 1
                    let (args, close) = try arguments()
                    e = try methodCall(name, target: e, args: args, span: TextSpan(e.span.start, close.span.end), nameSpan: nameToken.span)
                } else {
                    e = try bounded(Expr(.select(e, field: name), TextSpan(e.span.start, nameToken.span.end)))
                }
            } else if accept("[") {
                let index = try expression()
                let close = try expect("]", "to close the index")
                e = try bounded(Expr(.index(e, index), TextSpan(e.span.start, close.span.end)))
            } else if isPunct("{"), case .select = e.kind {
                throw SyntaxError("message construction (a.b.Type{...}) is not supported", current.span)
            } else {
                return e
            }
        }
    }

    private mutating func arguments() throws -> ([Expr], Token) {
        var args: [Expr] = []
        if isPunct(")") {
            defer { p += 1 }
            return (args, current)
        }
        while true {
            args.append(try expression())
            if isPunct(")") {
                defer { p += 1 }
                return (args, current)
            }
            _ = try expect(",", "between arguments")
        }
    }

    private func methodCall(_ name: String, target: Expr, args: [Expr], span: TextSpan, nameSpan: TextSpan) throws -> Expr {
        if let macro = Macro(rawValue: name) {
            let arity = macro == .map ? [2, 3] : [2]
            if arity.contains(args.count) {
                guard case .ident(let variable) = args[0].kind else {
                    throw SyntaxError("the first argument of \(name)() must be a variable name, as in \(name)(x, ...)", args[0].span)
                }
                return try bounded(Expr(.comprehension(macro, target: target, variable: variable, args: Array(args.dropFirst())), span))
            }
        }
        return try bounded(Expr(.call(name, target: target, args: args), span))
    }

    private mutating func primary() throws -> Expr {
        let t = current
        switch t.kind {
        case .int(let v): p += 1; return Expr(.int(v), t.span)
        case .uint(let v): p += 1; return Expr(.uint(v), t.span)
        case .double(let v): p += 1; return Expr(.double(v), t.span)
        case .string(let v): p += 1; return Expr(.string(v), t.span)
        case .bytes(let v): p += 1; return Expr(.bytes(v), t.span)
        case .intOverflow: throw SyntaxError("int literal out of range", t.span)
        case .quotedIdent: throw SyntaxError("a quoted name may only follow '.', as in goal.`due-date`", t.span)
        case .end: throw SyntaxError("unexpected end of expression", t.span)
        case .ident(let name):
            p += 1
            switch name {
            case "true": return Expr(.bool(true), t.span)
            case "false": return Expr(.bool(false), t.span)
            case "null": return Expr(.null, t.span)
            case "in": throw SyntaxError("unexpected 'in'", t.span)
            default: break
            }
            if ExpressionParser.reserved.contains(name) {
                throw SyntaxError("'\(name)' is a reserved word and cannot be used as a name", t.span)
            }
            if isPunct("(") {
                p += 1
                let (args, close) = try arguments()
                let span = TextSpan(t.span.start, close.span.end)
                if name == "has" {
                    guard args.count == 1, case .select(let operand, let field) = args[0].kind else {
                        throw SyntaxError("has() takes one field selection, as in has(goal.metric)", span)
                    }
                    return Expr(.has(operand, field: field), span)
                }
                return Expr(.call(name, target: nil, args: args), span)
            }
            if isPunct("{") {
                throw SyntaxError("message construction (\(name){...}) is not supported", current.span)
            }
            return Expr(.ident(name), t.span)
        case .punct("."):
            // A leading dot names the root scope: `.x` is `x`.
            p += 1
            guard case .ident = current.kind else { throw SyntaxError("expected a name after '.'", current.span) }
            return try primary()
        case .punct("("):
            p += 1
            let inner = try expression()
            let close = try expect(")", "to close '('")
            return Expr(inner.kind, TextSpan(t.span.start, close.span.end))
        case .punct("["):
            p += 1
            var items: [Expr] = []
            while !isPunct("]") {
                items.append(try expression())
                if !accept(",") { break }
            }
            let close = try expect("]", "to close the list")
            return Expr(.list(items), TextSpan(t.span.start, close.span.end))
        case .punct("{"):
            p += 1
            var entries: [(key: Expr, value: Expr)] = []
            while !isPunct("}") {
                let key = try expression()
                _ = try expect(":", "between a map key and its value")
                let value = try expression()
                entries.append((key, value))
                if !accept(",") { break }
            }
            let close = try expect("}", "to close the map")
            return Expr(.map(entries), TextSpan(t.span.start, close.span.end))
        default:
            throw SyntaxError("unexpected \(describe(t))", t.span)
        }
    }
}
