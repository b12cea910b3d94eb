import RuleLanguage
import Testing
import TestSupport
import YAML

/// Prints an expression fully parenthesised, to check precedence and macro expansion.
func show(_ e: Expr) -> String {
    switch e.kind {
    case .null: return "null"
    case .bool(let b): return String(b)
    case .int(let i): return String(i)
    case .uint(let u): return "\(u)u"
    case .double(let d): return String(d)
    case .string(let s): return "'\(s)'"
    case .bytes(let b): return "b\(b)"
    case .ident(let n): return n
    case .select(let o, let f): return "\(show(o)).\(f)"
    case .has(let o, let f): return "has(\(show(o)).\(f))"
    case .index(let o, let i): return "\(show(o))[\(show(i))]"
    case .unary(let op, let o): return "(\(op.rawValue)\(show(o)))"
    case .binary(let op, let a, let b): return "(\(show(a)) \(op.rawValue) \(show(b)))"
    case .conditional(let c, let t, let f): return "(\(show(c)) ? \(show(t)) : \(show(f)))"
    case .call(let n, let t, let args): return (t.map { show($0) + "." } ?? "") + n + "(" + args.map(show).joined(separator: ", ") + ")"
    case .list(let items): return "[" + items.map(show).joined(separator: ", ") + "]"
    case .map(let entries): return "{" + entries.map { show($0.key) + ": " + show($0.value) }.joined(separator: ", ") + "}"
    case .comprehension(let m, let t, let v, let args): return "\(m.rawValue)[\(show(t)), \(v), \(args.map(show).joined(separator: ", "))]"
    }
}

func parse(_ text: String) -> String {
    switch ExpressionParser.parse(text) {
    case .success(let e): return show(e)
    case .failure(let e): return "error \(e.span.start)-\(e.span.end): \(e.message)"
    }
}


@Suite("Expression parser")
struct ParserTests {
    static let cases: [Case<String>] = [
        .init("a || b && c", "(a || (b && c))"),
        .init("a && b || c", "((a && b) || c)"),
        .init("1 + 2 * 3 - 4", "((1 + (2 * 3)) - 4)"),
        .init("a < b == c", "((a < b) == c)"),
        .init("x in list && !y", "((x in list) && (!y))"),
        .init("!!a", "(!(!a))"),
        .init("-x.y", "(-x.y)"),
        .init("-1", "-1"),
        .init("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
        .init("a.b[0].c", "a.b[0].c"),
        .init("x.size()", "x.size()"),
        .init("size(x)", "size(x)"),
        .init("Strategy.goals.exists(g, g.id == ref)", "exists[Strategy.goals, g, (g.id == ref)]"),
        .init("xs.map(x, x > 1, x * 2)", "map[xs, x, (x > 1), (x * 2)]"),
        .init("has(goal.metric)", "has(goal.metric)"),
        .init("{'a': 1, 'b': [2]}", "{'a': 1, 'b': [2]}"),
        .init("[1, 2, ]", "[1, 2]"),
        .init("goal.`due-date`", "goal.due-date"),
        .init("a // a comment\n && b", "(a && b)"),
        .init("a &&", "error 4-4: unexpected end of expression"),
        .init("(a", "error 2-2: expected ')' to close '(', found end of expression"),
        .init("a b", "error 2-3: unexpected 'b' after the expression"),
        .init("'abc", "error 0-4: unterminated string; close it with '"),
        .init("a # b", "error 2-3: unexpected character '#'"),
        // Words of SQL, Python and Rego, where CEL has operators.
        .init("a = b", "error 2-3: unexpected character '=': compare with `==`"),
        .init("a and b", "error 2-5: unexpected 'and' after the expression: CEL writes `&&` for and"),
        .init("a OR b", "error 2-4: unexpected 'OR' after the expression: CEL writes `||` for or"),
        .init("not a", "error 0-3: 'not' is not an operator: CEL writes `!` for not"),
        .init("a is null", "error 2-4: unexpected 'is' after the expression: compare with `==` (`x == null`, `x != null`)"),
        .init("if", "error 0-2: 'if' is a reserved word and cannot be used as a name"),
        .init("has(a)", "error 0-6: has() takes one field selection, as in has(goal.metric)"),
        .init("xs.all(1, true)", "error 7-8: the first argument of all() must be a variable name, as in all(x, ...)"),
        .init("9223372036854775808", "error 0-19: int literal out of range"),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case<String>) {
        #expect(parse(c.text) == c.expected)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(parse(deep).contains("nests deeper than"))
        let ok = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(parse(ok) == "1")
    }

    @Test func spansCoverTheirText() throws {
        let e = try ExpressionParser.parse("a && size(b) > 10").get()
        guard case .binary(_, _, let rhs) = e.kind else { Issue.record("not binary"); return }
        #expect(rhs.span == TextSpan(5, 17))
    }
}

@Suite("Templates")
struct TemplateTests {
    @Test func splitsTextAndExpressions() throws {
        let t = try Template.parse("Goal '{{goal.id}}' has {{ size(goal.kpis) }} KPIs").get()
        #expect(t.parts.count == 5)
        guard case .expression(let e, let offset) = t.parts[1] else { Issue.record("not an expression"); return }
        #expect(show(e) == "goal.id")
        #expect(offset == 8)
    }

    @Test func unclosedHoleIsAnError() {
        guard case .failure(let e) = Template.parse("Goal {{goal.id") else { Issue.record("expected an error"); return }
        #expect(e.span == TextSpan(5, 7))
    }

    @Test func errorInsideAHoleIsOffset() {
        guard case .failure(let e) = Template.parse("Goal {{ goal. }}") else { Issue.record("expected an error"); return }
        #expect(e.span.start == 14)
    }
}

@Suite("Positions of embedded expressions")
struct EmbeddedTextTests {
    func position(in yaml: String, key: String, offset: Int) throws -> SourcePosition {
        let file = SourceFile(id: FileID(0), path: "r.yaml", bytes: Array(yaml.utf8))
        let node = try #require(try Loader.load(file).get().first?[key])
        let text = try #require(node.scalarText)
        return EmbeddedText(text, node: node, in: file).range(TextSpan(offset, offset + 1)).start
    }

    @Test func plainScalar() throws {
        #expect(try position(in: "when: a && bad(x)\n", key: "when", offset: 5) == SourcePosition(line: 1, column: 12))
    }

    @Test func quotedScalarWithEscapes() throws {
        // The value is: !a == "x" && bad()
        let yaml = "when: \"!a == \\\"x\\\" && bad()\"\n"
        #expect(try position(in: yaml, key: "when", offset: 13) == SourcePosition(line: 1, column: 23))
    }

    @Test func blockScalar() throws {
        let yaml = "when: >-\n  first(x)\n  && bad(y)\n"
        // Folded: "first(x) && bad(y)"; 'b' is at offset 12, line 3 column 6.
        #expect(try position(in: yaml, key: "when", offset: 12) == SourcePosition(line: 3, column: 6))
    }
}
