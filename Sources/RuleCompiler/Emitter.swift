import RuleLanguage
import YAML

/// Where an expression's text came from, to turn spans into file ranges.
struct Origin {
    let text: EmbeddedText
    let offset: Int
    func range(_ e: Expr) -> SourceRange { text.range(TextSpan(e.span.start + offset, e.span.end + offset)) }
}

final class Emitter {
    struct Compiled {
        let eval: Evaluator
        /// The value, when it does not depend on bindings, documents or the date.
        let constant: Value?
    }

    var diagnostics: [Diagnostic] = []
    /// Checks names, fields and operand types before each expression is emitted; the
    /// emitter then reports none of those itself.
    var checker = TypeChecker(schemas: [:], vocabularies: [])
    var kinds: [String] = []
    var kindIndex: [String: Int] = [:]
    var indexes: [IndexPlan] = []
    var indexKeys: [String: Int] = [:]
    /// Pack-level lets by pack, then name: a pack sees its own lets, then core's.
    var globalIndex: [String: [String: Int]] = [:]
    /// The pack whose let, rule or metric is being compiled.
    var pack = ""
    /// Pack-level lets used on the right of `in`: they get a hash set.
    var membershipGlobals: Set<Int> = []
    /// For each pack-level let, the earlier ones it reads (so independent ones can be
    /// computed at the same time).
    var globalDependencies: [Set<Int>] = []
    var referencedGlobals: Set<Int> = []
    let vocab: [String: Value]
    let options: CompileOptions
    var scopes: [[String: Int]] = []
    /// The slots of the rule being compiled that hold its lets, with their expressions.
    var ruleLets: [Int: Evaluator] = [:]
    var nextSlot = 0
    var slotCount = 0
    /// Evaluates constant sub-expressions at compile time, under the same limits.
    let foldFrame: Frame

    init(vocabularies: [String: Value], options: CompileOptions) {
        self.vocab = vocabularies
        self.options = options
        foldFrame = Frame(slotCount: 0, context: EvalContext(today: CivilDate(daysSinceEpoch: 0), kinds: [], kindRanges: [], limits: options.limits))
    }

    func error(_ message: String, _ range: SourceRange, hint: String? = nil) {
        diagnostics.append(.error(message, at: range, hint: hint))
    }

    // MARK: Expressions

    /// The pack that every pack sees the lets of.
    static let sharedPack = "core"

    /// The let `name` as the current pack sees it: its own, else core's.
    func global(_ name: String) -> Int? {
        globalIndex[pack]?[name] ?? globalIndex[Self.sharedPack]?[name]
    }

    /// The names of the lets the current pack sees.
    var visibleGlobals: [String] {
        Array(Set(Array(globalIndex[pack]?.keys ?? [:].keys) + Array(globalIndex[Self.sharedPack]?.keys ?? [:].keys)))
    }

    func constant(_ v: Value) -> Compiled { Compiled(eval: { _ in v }, constant: v) }

    /// The result of an operation whose operands are all constant: evaluated now, and a
    /// compile error if it can only fail.
    func fold(_ eval: @escaping Evaluator, _ operands: [Compiled], _ e: Expr, _ origin: Origin, pure: Bool = true) -> Compiled {
        guard pure, operands.allSatisfy({ $0.constant != nil }) else { return Compiled(eval: eval, constant: nil) }
        foldFrame.restart()
        let v = eval(foldFrame)
        if case .error(let err) = v {
            let at = err.range ?? origin.range(e)
            if err.kind == .type, !checker.reported(at: at) { error("type error: \(err.message)", at) }
            return Compiled(eval: eval, constant: nil)
        }
        return constant(v)
    }

    /// A name the checker has reported: an error value, and no second diagnostic.
    func unresolved(_ message: String, _ range: SourceRange) -> Compiled {
        let v = Value.error(EvalError(message, at: range))
        return Compiled(eval: { _ in v }, constant: nil)
    }

    func failed(_ message: String, _ range: SourceRange, hint: String? = nil) -> Compiled {
        error(message, range, hint: hint)
        let v = Value.error(EvalError(message, at: range))
        return Compiled(eval: { _ in v }, constant: nil)
    }

    func compile(_ e: Expr, _ origin: Origin) -> Compiled {
        let range = origin.range(e)
        switch e.kind {
        case .null: return constant(.null)
        case .bool(let b): return constant(.bool(b))
        case .int(let i): return constant(.int(i))
        case .uint(let u): return constant(.uint(u))
        case .double(let d): return constant(.double(d))
        case .string(let s): return constant(.string(s))
        case .bytes(let b): return constant(.bytes(b))

        case .ident(let name):
            if let slot = lookup(name) {
                if let value = ruleLets[slot] { return Compiled(eval: { $0.lazyLet(slot, value) }, constant: nil) }
                return Compiled(eval: { $0.slots[slot] }, constant: nil)
            }
            if name == "vocab" {
                return constant(.map(MapValue(keys: vocab.keys.sorted().map(Value.string), values: vocab.keys.sorted().compactMap { vocab[$0] })))
            }
            if let g = global(name) {
                referencedGlobals.insert(g)
                return Compiled(eval: { $0.context.globals[g] }, constant: nil)
            }
            if isKindName(name) {
                let k = kind(name)
                return Compiled(eval: { $0.context.kinds[k] }, constant: nil)
            }
            return unresolved("unknown name '\(name)'", range)

        case .select(let operand, let field):
            if case .ident("vocab") = operand.kind, lookup("vocab") == nil {
                guard let terms = vocab[field] else {
                    return unresolved("unknown vocabulary '\(field)'", range)
                }
                return constant(terms)
            }
            let o = compile(operand, origin)
            let oe = o.eval, name = FieldName(field)
            return fold({ Access.select(oe($0), name, at: range) }, [o], e, origin)

        case .has(let operand, let field):
            let o = compile(operand, origin)
            let oe = o.eval, name = FieldName(field)
            return fold({ Access.has(oe($0), name, at: range) }, [o], e, origin)

        case .index(let operand, let index):
            let o = compile(operand, origin), i = compile(index, origin)
            let oe = o.eval, ie = i.eval
            return fold({ Access.index(oe($0), ie($0), at: range) }, [o, i], e, origin)

        case .unary(let op, let operand):
            let o = compile(operand, origin)
            let oe = o.eval
            switch op {
            case .not: return fold({ Operators.not(oe($0), at: range) }, [o], e, origin)
            case .negate: return fold({ Operators.negate(oe($0), at: range) }, [o], e, origin)
            }

        case .binary(.in, let lhs, let rhs):
            if case .ident(let name) = rhs.kind, lookup(name) == nil, let g = global(name) {
                // `x in <pack-level let>`: a hash probe into a set built once per workspace.
                membershipGlobals.insert(g)
                referencedGlobals.insert(g)
                let l = compile(lhs, origin).eval
                return Compiled(eval: { frame in
                    let v = l(frame)
                    if v.isError { return v }
                    if let set = frame.context.globalSets[g] { return .bool(set.contains(v)) }
                    return Operators.membership(v, frame.context.globals[g], at: range)
                }, constant: nil)
            }
            let l = compile(lhs, origin), r = compile(rhs, origin)
            return fold(binary(.in, l.eval, r.eval, range), [l, r], e, origin)

        case .binary(let op, let lhs, let rhs):
            let l = compile(lhs, origin), r = compile(rhs, origin)
            return fold(binary(op, l.eval, r.eval, range), [l, r], e, origin)

        case .conditional(let c, let t, let f):
            let cc = compile(c, origin), tc = compile(t, origin), fc = compile(f, origin)
            let ce = cc.eval, te = tc.eval, fe = fc.eval
            let eval: Evaluator = { frame in
                switch ce(frame) {
                case .bool(true): return te(frame)
                case .bool(false): return fe(frame)
                case .error(let err): return .error(err)
                case let other: return .error(EvalError("a condition must be a bool, not \(other.typeName)", at: range, kind: .type))
                }
            }
            if let k = cc.constant { return k.isTrue ? tc : (k == .bool(false) ? fc : fold(eval, [cc], e, origin)) }
            return Compiled(eval: eval, constant: nil)

        case .call(let name, let target, let args):
            return call(name, target: target, args: args, e, origin)

        case .list(let items):
            let cs = items.map { compile($0, origin) }
            let evals = cs.map(\.eval)
            return fold({ frame in
                var out: [Value] = []
                out.reserveCapacity(evals.count)
                for ev in evals {
                    let v = ev(frame)
                    if v.isError { return v }
                    out.append(v)
                }
                return .list(out)
            }, cs, e, origin)

        case .map(let entries):
            let ks = entries.map { compile($0.key, origin) }, vs = entries.map { compile($0.value, origin) }
            let kes = ks.map(\.eval), ves = vs.map(\.eval)
            return fold({ frame in
                var keys: [Value] = [], values: [Value] = []
                for (ke, ve) in zip(kes, ves) {
                    let k = ke(frame), v = ve(frame)
                    if k.isError { return k }
                    if v.isError { return v }
                    switch k {
                    case .string, .int, .uint, .bool: break
                    default: return .error(EvalError("a map key must be a string, int, uint or bool, not \(k.typeName)", at: range, kind: .type))
                    }
                    if keys.contains(where: { Value.equal($0, k).isTrue }) {
                        return .error(EvalError("duplicate map key \(k.displayText)", at: range))
                    }
                    keys.append(k)
                    values.append(v)
                }
                return .map(MapValue(keys: keys, values: values))
            }, ks + vs, e, origin)

        case .comprehension(let macro, let target, let variable, let args):
            if macro == .exists, options.useIndexes, let probe = indexProbe(target, variable, args[0], origin) {
                return probe
            }
            return comprehension(macro, target, variable, args, e, origin)
        }
    }

    /// `&&` (`stop` false) and `||` (`stop` true), as CEL has them: `stop` on either side
    /// decides, whatever the other side is (an error included); else an error on either
    /// side is the result; else both must be bools.
    func logical(_ l: @escaping Evaluator, _ r: @escaping Evaluator, stop: Bool, _ symbol: String, _ range: SourceRange) -> Evaluator {
        { frame in
            let a = l(frame)
            if case .bool(stop) = a { return a }
            let b = r(frame)
            if case .bool(stop) = b { return b }
            if a.isError { return a }
            if b.isError { return b }
            if case .bool = a, case .bool = b { return .bool(!stop) }
            return .error(EvalError("'\(symbol)' needs bools, not \((a == .bool(!stop) ? b : a).typeName)", at: range, kind: .type))
        }
    }

    func binary(_ op: BinaryOperator, _ l: @escaping Evaluator, _ r: @escaping Evaluator, _ range: SourceRange) -> Evaluator {
        switch op {
        case .and: return logical(l, r, stop: false, "&&", range)
        case .or: return logical(l, r, stop: true, "||", range)
        case .equal: return { Value.equal(l($0), r($0)) }
        case .notEqual: return { Operators.not(Value.equal(l($0), r($0)), at: range) }
        case .less: return { Value.order(l($0), r($0), { $0 < 0 }, at: range) }
        case .lessOrEqual: return { Value.order(l($0), r($0), { $0 <= 0 }, at: range) }
        case .greater: return { Value.order(l($0), r($0), { $0 > 0 }, at: range) }
        case .greaterOrEqual: return { Value.order(l($0), r($0), { $0 >= 0 }, at: range) }
        case .in: return { Operators.membership(l($0), r($0), at: range) }
        case .add:
            // What `+` builds counts against the budget: lets that double a list or a
            // string would otherwise grow it exponentially.
            return { frame in
                let v = Operators.arithmetic(.add, l(frame), r(frame), at: range)
                let size: Int
                switch v {
                case .list(let xs): size = xs.items.count
                case .string(let text): size = text.utf8.count
                case .bytes(let b): size = b.count
                default: return v
                }
                return frame.spend(size) ? v : frame.overBudget(at: range)
            }
        case .subtract: return { Operators.arithmetic(.subtract, l($0), r($0), at: range) }
        case .multiply: return { Operators.arithmetic(.multiply, l($0), r($0), at: range) }
        case .divide: return { Operators.arithmetic(.divide, l($0), r($0), at: range) }
        case .remainder: return { Operators.arithmetic(.remainder, l($0), r($0), at: range) }
        }
    }

    func call(_ name: String, target: Expr?, args: [Expr], _ e: Expr, _ origin: Origin) -> Compiled {
        let range = origin.range(e)
        guard let f = FunctionTable.all[name] else { return unresolved("unknown function '\(name)'", range) }
        if target != nil, f.style == .global {
            return failed("\(name)() is not a method; call it as \(name)(x)", range)
        }
        if target == nil, f.style == .method {
            return failed("\(name)() is a method; call it as x.\(name)(...)", range)
        }
        let all = (target.map { [$0] } ?? []) + args
        guard f.arities.contains(all.count) else {
            return failed("wrong number of arguments to \(name)(): expected \(f.signature), found \(target == nil ? all.count : all.count - 1)", range)
        }
        let cs = all.map { compile($0, origin) }
        if name == "matches", case .string(let pattern)? = cs[1].constant {
            switch Pattern.compile(pattern) {
            case .failure(let err): return failed(err.message, origin.range(all[1]), hint: "matches() takes a regular expression (RE2-style syntax)")
            case .success(let re):
                let subject = cs[0].eval
                return fold({ frame in
                    switch subject(frame) {
                    case .string(let s):
                        return re.evaluate(on: s, in: frame, at: range)
                    case .error(let err): return .error(err)
                    case let other: return FunctionTable.noOverload("matches", [other, .string(pattern)], range)
                    }
                }, [cs[0]], e, origin)
            }
        }
        // `firstMatch(text, vocab.terms)`: the terms are a constant, lowered here once,
        // not looked up again on every call.
        if name == "firstMatch", case .list(let list)? = cs[1].constant {
            let terms = LoweredTerms.Terms(list), subject = cs[0].eval
            return fold({ frame in
                let text = subject(frame)
                return text.isError ? text : FunctionTable.firstMatch(text, list, terms, range)
            }, [cs[0]], e, origin)
        }
        let evals = cs.map(\.eval)
        let body = f.body
        let eval: Evaluator
        switch evals.count {
        case 0: eval = { body([], $0, range) }
        case 1:
            let a0 = evals[0]
            eval = { frame in
                let v = a0(frame)
                return v.isError ? v : body([v], frame, range)
            }
        default:
            eval = { frame in
                var values: [Value] = []
                values.reserveCapacity(evals.count)
                for ev in evals {
                    let v = ev(frame)
                    if v.isError { return v }
                    values.append(v)
                }
                return body(values, frame, range)
            }
        }
        return fold(eval, cs, e, origin, pure: f.pure)
    }

    func comprehension(_ macro: Macro, _ target: Expr, _ variable: String, _ args: [Expr], _ e: Expr, _ origin: Origin) -> Compiled {
        let range = origin.range(e)
        let t = compile(target, origin)
        scopes.append([variable: newSlot()])
        let slot = nextSlot - 1
        let bodies = args.map { compile($0, origin).eval }
        scopes.removeLast()
        nextSlot -= 1
        let te = t.eval
        let name = macro.rawValue
        @Sendable func items(_ v: Value) -> Walked? {
            switch v {
            case .list(let l): return .items(l)
            case .map(let m): return .keys(m.keys)
            case .null: return .keys([])
            default: return nil
            }
        }
        @Sendable func notIterable(_ v: Value) -> Value {
            v.isError ? v : .error(EvalError("\(name)() needs a list or a map, not \(v.typeName)", at: range, kind: .type))
        }
        @Sendable func notBool(_ v: Value) -> Value {
            v.isError ? v : .error(EvalError("the condition of \(name)() must be a bool, not \(v.typeName)", at: range, kind: .type))
        }
        let p = bodies[0]
        let eval: Evaluator
        switch macro {
        case .all, .exists:
            // all stops at the first false, exists at the first true; an error counts
            // only when nothing stops the loop (CEL's commutative semantics).
            let stop = macro == .exists
            eval = { frame in
                let source = te(frame)
                guard let xs = items(source) else { return notIterable(source) }
                var failure: Value?
                for x in xs {
                    guard frame.spend() else { return frame.overBudget(at: range) }
                    frame.slots[slot] = x
                    switch p(frame) {
                    case .bool(let b) where b == stop: return .bool(stop)
                    case .bool: continue
                    case let other: failure = failure ?? notBool(other)
                    }
                }
                return failure ?? .bool(!stop)
            }
        case .existsOne:
            eval = { frame in
                let source = te(frame)
                guard let xs = items(source) else { return notIterable(source) }
                var count = 0
                for x in xs {
                    guard frame.spend() else { return frame.overBudget(at: range) }
                    frame.slots[slot] = x
                    switch p(frame) {
                    case .bool(true): count += 1
                    case .bool(false): continue
                    case let other: return notBool(other)
                    }
                }
                return .bool(count == 1)
            }
        case .filter:
            eval = { frame in
                let source = te(frame)
                guard let xs = items(source) else { return notIterable(source) }
                var out: [Value] = []
                var ranges = SourceRanges()
                for (i, x) in xs.enumerated() {
                    guard frame.spend() else { return frame.overBudget(at: range) }
                    frame.slots[slot] = x
                    switch p(frame) {
                    case .bool(true):
                        out.append(x)
                        if let r = xs.range(at: i) { ranges.append(r) }
                    case .bool(false): continue
                    case let other: return notBool(other)
                    }
                }
                return .list(ListValue(out, ranges: ranges))
            }
        case .map:
            let transform = bodies[bodies.count - 1]
            let filter: Evaluator? = bodies.count == 2 ? bodies[0] : nil
            eval = { frame in
                let source = te(frame)
                guard let xs = items(source) else { return notIterable(source) }
                var out: [Value] = []
                out.reserveCapacity(xs.count)
                for x in xs {
                    guard frame.spend() else { return frame.overBudget(at: range) }
                    frame.slots[slot] = x
                    if let filter {
                        switch filter(frame) {
                        case .bool(true): break
                        case .bool(false): continue
                        case let other: return notBool(other)
                        }
                    }
                    let v = transform(frame)
                    if v.isError { return v }
                    out.append(v)
                }
                return .list(out)
            }
        }
        // A comprehension over a constant that reads no binding, kind or date is a constant.
        if t.constant != nil, !references(e, anyOf: scopes.flatMap(\.keys)), !mentionsContext(e) {
            let value = eval(Frame(slotCount: max(slotCount, slot + 1), context: foldFrame.context))
            if case .error(let err) = value {
                if err.kind == .type { error("type error: \(err.message)", err.range ?? range) }
            } else {
                return constant(value)
            }
        }
        return Compiled(eval: eval, constant: nil)
    }

}

/// What a comprehension walks: a list's items, or a map's keys (as they are, not made
/// into a list on every call).
private enum Walked: RandomAccessCollection {
    case items(ListValue)
    case keys([Value])

    var startIndex: Int { 0 }
    var endIndex: Int {
        switch self {
        case .items(let l): return l.count
        case .keys(let k): return k.count
        }
    }

    subscript(_ i: Int) -> Value {
        switch self {
        case .items(let l): return l.items[i]
        case .keys(let k): return k[i]
        }
    }

    /// The position of the `i`th item of a list read from a document; a key has none here.
    func range(at i: Int) -> SourceRange? {
        if case .items(let l) = self { return l.range(at: i) }
        return nil
    }
}
