import RuleLanguage
import YAML

/// Options for ``PackCompiler``.
public struct CompileOptions: Sendable {
    /// Rewrite `Kind.path.exists(v, v.f == e)` into hash-index probes. Off only to show
    /// that the rewrite changes no result.
    public var useIndexes: Bool
    /// Bounds on evaluation, kept by the compiled program.
    public var limits: EvalLimits
    /// Deepest nesting of an expression in a rule file (read by whoever parses them).
    public var maxExpressionDepth: Int

    public init(useIndexes: Bool = true, limits: EvalLimits = EvalLimits(), maxExpressionDepth: Int = ExpressionParser.defaultMaxDepth) {
        self.useIndexes = useIndexes
        self.limits = limits
        self.maxExpressionDepth = maxExpressionDepth
    }
}

/// Bounds on what evaluating a rule may cost (the configuration's `limits`), so that a
/// pathological rule stops with an error instead of running for hours.
public struct EvalLimits: Sendable, Hashable {
    /// Steps one rule may take on one item, or one pack-level `let` in all: a step is one
    /// comprehension iteration, or one element or byte that `+` builds.
    public var maxSteps: Int
    /// Backtracking steps one `matches` call may take (libICU counts them; it reports
    /// progress every 10,000).
    public var maxRegexSteps: Int
    /// Binding tuples one rule's `for` may give in one run, counted at every level of a
    /// nested `for` (three collections of 1,001 items would give a billion).
    public var maxBindings: Int

    public static let defaultMaxSteps = 10_000_000
    public static let defaultMaxRegexSteps = 1_000_000
    public static let defaultMaxBindings = 10_000_000

    public init(maxSteps: Int = defaultMaxSteps, maxRegexSteps: Int = defaultMaxRegexSteps, maxBindings: Int = defaultMaxBindings) {
        self.maxSteps = maxSteps
        self.maxRegexSteps = maxRegexSteps
        self.maxBindings = maxBindings
    }
}

/// Compiles parsed rule files into a ``Program``: resolves every name (bindings, kinds,
/// vocabularies, pack-level `let`s), checks function names, call styles and arities,
/// folds constant sub-expressions (so `"a" + 1` or a bad regex literal is a compile
/// error), and plans hash indexes. Reports every problem it finds, with its position.
public enum PackCompiler {
    public static func compile(
        _ files: [RuleFile],
        vocabularyChanges: [String: (replace: Bool, terms: [String])] = [:],
        options: CompileOptions = CompileOptions()
    ) -> (Program, [Diagnostic]) {
        var terms: [String: [String]] = [:]
        for file in files {
            for v in file.vocabularies { terms[v.name.value, default: []] += v.terms }
        }
        for (name, change) in vocabularyChanges {
            terms[name] = change.replace ? change.terms : terms[name, default: []] + change.terms
        }
        var vocab: [String: Value] = [:]
        for (name, list) in terms {
            vocab[String(name.map { $0 == "-" ? "_" : $0 })] = .list(list.map(Value.string))
        }
        let c = Compiler(vocabularies: vocab, options: options)
        // Every let is registered first, then compiled: a let may read any other, in any
        // file; the waves of makeContext order them by what they read.
        let lets = files.flatMap(\.lets).filter { c.registerGlobal($0) }
        var globals: [(String, Evaluator)] = lets.map { ($0.name.value, c.compileGlobal($0)) }
        c.checkGlobalCycles(lets)
        // Extensions, once every let is known: each appends its list to a let of
        // another pack, in file order (an extension point, rules-language.md).
        for file in files {
            for binding in file.extensions { c.compileExtension(binding, of: &globals) }
        }
        var ruleIDs: [String: SourceRange] = [:], metricIDs: [String: SourceRange] = [:]
        let rules = files.flatMap(\.rules).compactMap { c.claim($0.id, in: &ruleIDs, what: "rule") ? c.compileRule($0) : nil }
        let metrics = files.flatMap(\.metrics).compactMap { c.claim($0.id, in: &metricIDs, what: "metric") ? c.compileMetric($0) : nil }
        var program = Program(rules: rules, kinds: c.kinds, indexes: c.indexes, globals: globals, membershipGlobals: c.membershipGlobals)
        program.metrics = metrics
        program.limits = options.limits
        program.globalDependencies = c.globalDependencies
        program.vocabularyNames = Set(files.flatMap { $0.vocabularies.map(\.name.value) })
        program.schemas = SchemaValidation.collect(files, rules: rules, diagnostics: &c.diagnostics)
        return (program, c.diagnostics)
    }
}

/// Where an expression's text came from, to turn spans into file ranges.
struct Origin {
    let text: EmbeddedText
    let offset: Int
    func range(_ e: Expr) -> SourceRange { text.range(TextSpan(e.span.start + offset, e.span.end + offset)) }
}

final class Compiler {
    struct Compiled {
        let eval: Evaluator
        /// The value, when it does not depend on bindings, documents or the date.
        let constant: Value?
    }

    var diagnostics: [Diagnostic] = []
    var kinds: [String] = []
    private var kindIndex: [String: Int] = [:]
    var indexes: [IndexPlan] = []
    private var indexKeys: [String: Int] = [:]
    private var globalIndex: [String: Int] = [:]
    /// Pack-level lets used on the right of `in`: they get a hash set.
    var membershipGlobals: Set<Int> = []
    /// For each pack-level let, the earlier ones it reads (so independent ones can be
    /// computed at the same time).
    var globalDependencies: [Set<Int>] = []
    private var referencedGlobals: Set<Int> = []
    private let vocab: [String: Value]
    private let options: CompileOptions
    private var scopes: [[String: Int]] = []
    private var nextSlot = 0
    private var slotCount = 0
    /// Evaluates constant sub-expressions at compile time, under the same limits.
    private let foldFrame: Frame

    init(vocabularies: [String: Value], options: CompileOptions) {
        self.vocab = vocabularies
        self.options = options
        foldFrame = Frame(slotCount: 0, context: EvalContext(today: CivilDate(daysSinceEpoch: 0), kinds: [], kindRanges: [], limits: options.limits))
    }

    func error(_ message: String, _ range: SourceRange, hint: String? = nil) {
        diagnostics.append(.error(message, at: range, hint: hint))
    }

    // MARK: Rules

    /// An error for each pack-level let that reads itself, directly or through others
    /// (`a: b`, `b: a`), at the first let of the cycle.
    func checkGlobalCycles(_ lets: [Binding]) {
        var reported = Set<Int>()
        for (g, binding) in lets.enumerated() where !reported.contains(g) {
            var seen = Set<Int>(), pending = Array(globalDependencies[g])
            while let next = pending.popLast() {
                guard seen.insert(next).inserted else { continue }
                pending += globalDependencies[next]
            }
            guard seen.contains(g) else { continue }
            reported.formUnion(seen)
            let names = lets.enumerated().filter { seen.contains($0.offset) }.map { "'\($0.element.name.value)'" }
            error("pack-level let '\(binding.name.value)' reads itself (through \(names.joined(separator: ", ")))", binding.name.range,
                  hint: "a let may read other lets, in any file, but not one that reads it back")
        }
    }

    /// `extend: { name: expression }`: the pack-level let `name` becomes its value with
    /// the expression's list appended. The extension may read any let but `name` and
    /// those that read it (a cycle).
    func compileExtension(_ binding: Binding, of globals: inout [(String, Evaluator)]) {
        let name = binding.name.value
        guard let g = globalIndex[name] else {
            error("'extend' names '\(name)', which no pack-level let defines", binding.name.range,
                  hint: Suggestion.hint(for: name, among: Array(globalIndex.keys), listing: "pack-level lets"))
            return
        }
        scopes = [[:]]
        nextSlot = 0
        referencedGlobals = []
        let c = compile(binding.value.expr, Origin(text: binding.value.source, offset: 0))
        let reads = referencedGlobals
        // What the extension reads, transitively, must not read the let it extends.
        var seen = Set<Int>(), pending = Array(reads)
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            pending += globalDependencies[next]
        }
        guard !seen.contains(g) else {
            error("the extension of '\(name)' reads '\(name)' itself", binding.value.source.range(TextSpan(0, 0)),
                  hint: "extend a let with values that do not depend on it")
            return
        }
        let slots = slotCount
        slotCount = 0
        let base = globals[g].1
        let range = binding.name.range
        let extended: Evaluator = { frame in
            let own = Frame(slotCount: slots, context: frame.context)
            let more = c.eval(own)
            if let reason = own.stopped { return frame.stop(reason) }
            let value = Operators.arithmetic(.add, base(frame), more, at: range)
            if case .list(let all) = value, !frame.spend(all.items.count) { return frame.overBudget(at: range) }
            return value
        }
        globals[g] = (name, extended)
        globalDependencies[g].formUnion(reads)
    }

    /// Registers a pack-level let before any is compiled, so that a let may read one
    /// written later or in another file: lets are ordered by what they read, not by file
    /// name. False (and an error) for a name already taken.
    func registerGlobal(_ binding: Binding) -> Bool {
        let name = binding.name.value
        if name == "vocab" || globalIndex[name] != nil {
            error("pack-level let '\(name)' is already defined", binding.name.range)
            return false
        }
        globalIndex[name] = globalIndex.count
        globalDependencies.append([])
        return true
    }

    /// Compiles a registered pack-level let.
    func compileGlobal(_ binding: Binding) -> Evaluator {
        let g = globalIndex[binding.name.value] ?? 0
        scopes = [[:]]
        nextSlot = 0
        let origin = Origin(text: binding.value.source, offset: 0)
        referencedGlobals = []
        let c = compile(binding.value.expr, origin)
        globalDependencies[g] = referencedGlobals
        // Globals run in a frame of their own; comprehension slots are sized here.
        let slots = slotCount
        slotCount = 0
        guard slots > 0 else { return c.eval }
        let eval = c.eval
        return { frame in
            let own = Frame(slotCount: slots, context: frame.context)
            let value = eval(own)
            if let reason = own.stopped { _ = frame.stop(reason) }
            return value
        }
    }

    func compileRule(_ rule: RuleDeclaration) -> CompiledRule? {
        if let check = rule.check {
            return CompiledRule(
                id: rule.id.value, pitfall: rule.pitfall, severity: rule.severity, title: rule.title,
                fix: rule.fix, docs: rule.docs, range: rule.range, check: check.value,
                bindings: [], lets: [], when: nil, at: AtPath(root: .slot(0), steps: []), message: [], slotCount: 0)
        }
        let before = diagnostics.count
        scopes = [[:]]
        nextSlot = 0
        slotCount = 0
        var forSlots: Set<Int> = []
        var bindings: [CompiledRule.ForBinding] = []
        for b in rule.bindings {
            let c = compile(b.value.expr, Origin(text: b.value.source, offset: 0))
            if let slot = declare(b.name) {
                bindings.append(.init(slot: slot, value: c.eval))
                forSlots.insert(slot)
            }
        }
        var lets: [(slot: Int, value: Evaluator)] = []
        for b in rule.lets {
            let c = compile(b.value.expr, Origin(text: b.value.source, offset: 0))
            if let slot = declare(b.name) { lets.append((slot, c.eval)) }
        }
        let when = rule.when.map { condition($0, "when") }
        var message: [MessagePart] = []
        for part in rule.message?.template.parts ?? [] {
            switch part {
            case .text(let t): message.append(.text(t))
            case .expression(let e, let offset):
                guard let source = rule.message?.source else { continue }
                message.append(.value(compile(e, Origin(text: source, offset: offset)).eval))
            }
        }
        let at: AtPath?
        if let a = rule.at {
            at = atPath(a.expr, Origin(text: a.source, offset: 0), forSlots: forSlots)
        } else if let last = bindings.last {
            at = AtPath(root: .slot(last.slot), steps: [])
        } else {
            error("rule '\(rule.id.value)' has no 'for', so it needs 'at' to say where its finding points", rule.id.range,
                  hint: "for example:  at: Strategy   (the first Strategy document)")
            at = nil
        }
        guard diagnostics.count == before, let at else { return nil }
        return CompiledRule(
            id: rule.id.value, pitfall: rule.pitfall, severity: rule.severity, title: rule.title,
            fix: rule.fix, docs: rule.docs, range: rule.range, check: nil,
            bindings: bindings, lets: lets, when: when, at: at, message: message, slotCount: slotCount)
    }

    /// Whether `id` is free in `seen` (and now taken); a repeated id is an error at it.
    func claim(_ id: Located<String>, in seen: inout [String: SourceRange], what: String) -> Bool {
        if let first = seen[id.value] {
            error("duplicate \(what) id '\(id.value)' (first defined at line \(first.start.line))", id.range,
                  hint: "\(what) ids must be unique across all packs; rename one")
            return false
        }
        seen[id.value] = id.range
        return true
    }

    /// A `when` or `where`: an expression that must give a bool.
    private func condition(_ w: SourceExpression, _ what: String) -> Evaluator {
        let origin = Origin(text: w.source, offset: 0)
        let c = compile(w.expr, origin)
        if let k = c.constant, !(k.isTrue || k == .bool(false)) {
            error("'\(what)' must be a bool, but this is always \(k.typeName)", origin.range(w.expr))
        }
        return c.eval
    }

    /// A metric runs as a rule whose `for` is its `of` and whose `when` is its `where`:
    /// the items where it holds are the rule's matches.
    func compileMetric(_ metric: MetricDeclaration) -> CompiledMetric? {
        let before = diagnostics.count
        scopes = [[:]]
        nextSlot = 0
        slotCount = 0
        let items = compile(metric.of.value.expr, Origin(text: metric.of.value.source, offset: 0))
        let slot = declare(metric.of.name)
        let holds = condition(metric.condition, "where")
        guard diagnostics.count == before, let slot else { return nil }
        return CompiledMetric(id: metric.id.value, title: metric.title, docs: metric.docs, range: metric.range,
                              items: items.eval, slot: slot, holds: holds, slotCount: slotCount)
    }

    /// Declares free variables for a standalone expression; returns the slots used.
    func declareVariables(_ names: [String]) -> Int {
        scopes = [[:]]
        for name in names { scopes[0][name] = newSlot() }
        return nextSlot
    }

    var maxSlots: Int { slotCount }

    private func declare(_ name: Located<String>) -> Int? {
        if name.value == "vocab" || globalIndex[name.value] != nil || scopes[0][name.value] != nil {
            error("'\(name.value)' is already defined", name.range, hint: "choose another binding name")
            return nil
        }
        let slot = newSlot()
        scopes[0][name.value] = slot
        return slot
    }

    private func newSlot() -> Int {
        defer {
            nextSlot += 1
            slotCount = max(slotCount, nextSlot)
        }
        return nextSlot
    }

    private func atPath(_ e: Expr, _ origin: Origin, forSlots: Set<Int>) -> AtPath? {
        var steps: [AtPath.Step] = []
        var cursor = e
        while true {
            switch cursor.kind {
            case .select(let inner, let field):
                steps.append(.field(field))
                cursor = inner
                continue
            case .index(let inner, let index):
                switch index.kind {
                case .int(let i) where i >= 0: steps.append(.index(Int(i)))
                case .string(let s): steps.append(.field(s))
                case .ident(let name) where scopes[0][name] != nil:
                    steps.append(.binding(scopes[0][name] ?? 0))
                default:
                    error("'at' indexes must be literal numbers or strings, or a binding name", origin.range(index))
                    return nil
                }
                cursor = inner
                continue
            case .ident(let name):
                if let slot = scopes[0][name], forSlots.contains(slot) {
                    return AtPath(root: .slot(slot), steps: steps.reversed())
                }
                if isKindName(name) {
                    return AtPath(root: .kind(kind(name)), steps: steps.reversed())
                }
                error("'at' must start with a 'for' binding or a kind, not '\(name)'", origin.range(cursor))
                return nil
            default:
                error("'at' must be a path such as initiative.owner", origin.range(cursor))
                return nil
            }
        }
    }

    private func isKindName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return first >= "A" && first <= "Z"
    }

    private func kind(_ name: String) -> Int {
        if let k = kindIndex[name] { return k }
        kinds.append(name)
        kindIndex[name] = kinds.count - 1
        return kinds.count - 1
    }

    private func lookup(_ name: String) -> Int? {
        for scope in scopes.reversed() {
            if let slot = scope[name] { return slot }
        }
        return nil
    }

    // MARK: Expressions

    private func constant(_ v: Value) -> Compiled { Compiled(eval: { _ in v }, constant: v) }

    /// The result of an operation whose operands are all constant: evaluated now, and a
    /// compile error if it can only fail.
    private func fold(_ eval: @escaping Evaluator, _ operands: [Compiled], _ e: Expr, _ origin: Origin, pure: Bool = true) -> Compiled {
        guard pure, operands.allSatisfy({ $0.constant != nil }) else { return Compiled(eval: eval, constant: nil) }
        foldFrame.restart()
        let v = eval(foldFrame)
        if case .error(let err) = v {
            if err.kind == .type { error("type error: \(err.message)", err.range ?? origin.range(e)) }
            return Compiled(eval: eval, constant: nil)
        }
        return constant(v)
    }

    private func failed(_ message: String, _ range: SourceRange, hint: String? = nil) -> Compiled {
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
            if let slot = lookup(name) { return Compiled(eval: { $0.slots[slot] }, constant: nil) }
            if name == "vocab" {
                return constant(.map(MapValue(keys: vocab.keys.sorted().map(Value.string), values: vocab.keys.sorted().compactMap { vocab[$0] })))
            }
            if let g = globalIndex[name] {
                referencedGlobals.insert(g)
                return Compiled(eval: { $0.context.globals[g] }, constant: nil)
            }
            if isKindName(name) {
                let k = kind(name)
                return Compiled(eval: { $0.context.kinds[k] }, constant: nil)
            }
            let known = scopes.flatMap(\.keys) + Array(globalIndex.keys) + ["vocab"]
            return failed("unknown name '\(name)'", range, hint: Suggestion.hint(for: name, among: known, listing: "names in scope"))

        case .select(let operand, let field):
            if case .ident("vocab") = operand.kind, lookup("vocab") == nil {
                guard let terms = vocab[field] else {
                    return failed("unknown vocabulary '\(field)'", range, hint: Suggestion.hint(for: field, among: Array(vocab.keys), listing: "vocabularies"))
                }
                return constant(terms)
            }
            let o = compile(operand, origin)
            let oe = o.eval
            return fold({ Access.select(oe($0), field, at: range) }, [o], e, origin)

        case .has(let operand, let field):
            let o = compile(operand, origin)
            let oe = o.eval
            return fold({ Access.has(oe($0), field, at: range) }, [o], e, origin)

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
            if case .ident(let name) = rhs.kind, lookup(name) == nil, let g = globalIndex[name] {
                // `x in <pack-level let>`: a hash probe into a set built once per workspace.
                membershipGlobals.insert(g)
                referencedGlobals.insert(g)
                let l = compile(lhs, origin).eval
                return Compiled(eval: { frame in
                    let v = l(frame)
                    if v.isError { return v }
                    if let set = frame.context.globalSets[g] { return .bool(set.contains(HashKey(v))) }
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

    private func binary(_ op: BinaryOperator, _ l: @escaping Evaluator, _ r: @escaping Evaluator, _ range: SourceRange) -> Evaluator {
        switch op {
        case .and:
            return { frame in
                let a = l(frame)
                if case .bool(false) = a { return a }
                let b = r(frame)
                if case .bool(false) = b { return b }
                if a.isError { return a }
                if b.isError { return b }
                if case .bool = a, case .bool = b { return .bool(true) }
                return .error(EvalError("'&&' needs bools, not \((a.isTrue ? b : a).typeName)", at: range, kind: .type))
            }
        case .or:
            return { frame in
                let a = l(frame)
                if case .bool(true) = a { return a }
                let b = r(frame)
                if case .bool(true) = b { return b }
                if a.isError { return a }
                if b.isError { return b }
                if case .bool = a, case .bool = b { return .bool(false) }
                return .error(EvalError("'||' needs bools, not \((a == .bool(false) ? b : a).typeName)", at: range, kind: .type))
            }
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

    private func call(_ name: String, target: Expr?, args: [Expr], _ e: Expr, _ origin: Origin) -> Compiled {
        let range = origin.range(e)
        guard let f = FunctionTable.all[name] else {
            return failed("unknown function '\(name)'", range,
                          hint: Suggestion.hint(for: name, among: Array(FunctionTable.all.keys), listing: "functions"))
        }
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

    private func comprehension(_ macro: Macro, _ target: Expr, _ variable: String, _ args: [Expr], _ e: Expr, _ origin: Origin) -> Compiled {
        let range = origin.range(e)
        let t = compile(target, origin)
        scopes.append([variable: newSlot()])
        let slot = nextSlot - 1
        let bodies = args.map { compile($0, origin).eval }
        scopes.removeLast()
        nextSlot -= 1
        let te = t.eval
        let name = macro.rawValue
        @Sendable func items(_ v: Value) -> [Value]? {
            switch v {
            case .list(let l): return l.items
            case .map(let m): return m.keys
            case .null: return []
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
                var ranges: [SourceRange] = []
                let sourceRanges: [SourceRange]
                if case .list(let l) = source { sourceRanges = l.ranges } else { sourceRanges = [] }
                for (i, x) in xs.enumerated() {
                    guard frame.spend() else { return frame.overBudget(at: range) }
                    frame.slots[slot] = x
                    switch p(frame) {
                    case .bool(true):
                        out.append(x)
                        if i < sourceRanges.count { ranges.append(sourceRanges[i]) }
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

    // MARK: The index rewrite

    /// `Kind.path.exists(v, v.field == e)` (or `e == v.field`) where `e` does not use `v`:
    /// a probe of a hash set built once per workspace.
    private func indexProbe(_ target: Expr, _ variable: String, _ predicate: Expr, _ origin: Origin) -> Compiled? {
        guard let path = kindPath(target),
              case .binary(.equal, let lhs, let rhs) = predicate.kind else { return nil }
        let field: String
        let other: Expr
        if case .select(let base, let f) = lhs.kind, case .ident(variable) = base.kind, !references(rhs, anyOf: [variable]) {
            field = f
            other = rhs
        } else if case .select(let base, let f) = rhs.kind, case .ident(variable) = base.kind, !references(lhs, anyOf: [variable]) {
            field = f
            other = lhs
        } else {
            return nil
        }
        let key = path + "\u{0}" + field
        let slot: Int
        if let existing = indexKeys[key] {
            slot = existing
        } else {
            let items = compile(target, origin).eval
            indexes.append(IndexPlan(path: path, field: field, items: items))
            slot = indexes.count - 1
            indexKeys[key] = slot
        }
        let probe = compile(other, origin).eval
        return Compiled(eval: { frame in
            let v = probe(frame)
            if v.isError { return v }
            let table = frame.context.indexes[slot]
            if table.keys.contains(HashKey(v)) { return .bool(true) }
            return table.failure ?? .bool(false)
        }, constant: nil)
    }

    /// `Kind` or `Kind.a.b` where `Kind` is a document kind (not a binding).
    private func kindPath(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let name) where isKindName(name) && lookup(name) == nil && globalIndex[name] == nil: return name
        case .select(let inner, let field): return kindPath(inner).map { $0 + "." + field }
        default: return nil
        }
    }

    private func mentionsContext(_ e: Expr) -> Bool {
        var found = false
        walk(e) { node, _ in
            switch node.kind {
            case .ident(let n) where self.isKindName(n) || self.globalIndex[n] != nil: found = true
            case .call(let n, _, _) where FunctionTable.all[n]?.pure == false: found = true
            default: break
            }
        }
        return found
    }
}

/// Whether `e` reads any of `names` as a free variable.
func references(_ e: Expr, anyOf names: [String]) -> Bool {
    guard !names.isEmpty else { return false }
    var found = false
    walk(e) { node, bound in
        if case .ident(let n) = node.kind, names.contains(n), !bound.contains(n) { found = true }
    }
    return found
}

/// Visits every node with the comprehension variables bound around it.
func walk(_ e: Expr, _ bound: [String] = [], _ visit: (Expr, [String]) -> Void) {
    visit(e, bound)
    switch e.kind {
    case .select(let o, _), .has(let o, _), .unary(_, let o): walk(o, bound, visit)
    case .index(let a, let b), .binary(_, let a, let b): walk(a, bound, visit); walk(b, bound, visit)
    case .conditional(let a, let b, let c): walk(a, bound, visit); walk(b, bound, visit); walk(c, bound, visit)
    case .call(_, let t, let args):
        if let t { walk(t, bound, visit) }
        for a in args { walk(a, bound, visit) }
    case .list(let items): for i in items { walk(i, bound, visit) }
    case .map(let entries): for en in entries { walk(en.key, bound, visit); walk(en.value, bound, visit) }
    case .comprehension(_, let t, let v, let args):
        walk(t, bound, visit)
        for a in args { walk(a, bound + [v], visit) }
    default: break
    }
}
