import RuleLanguage
import YAML

/// Rules, pack-level lets, extensions and metrics: each a set of expressions emitted
/// as closures, with its bindings given slots.
extension Emitter {
    // MARK: Rules

    /// An error for each cycle of pack-level lets (`a: b`, `b: a`, or `a: a + [1]`), at
    /// its first let, naming the lets of the cycle.
    func checkGlobalCycles(_ lets: [Binding]) {
        for cycle in DependencyGraph.cycles(globalDependencies) where cycle[0] < lets.count {
            let binding = lets[cycle[0]]
            let names = cycle.filter { $0 < lets.count }.map { "'\(lets[$0].name.value)'" }
            let shown = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? " and \(names.count - 10) more" : "")
            error("pack-level let '\(binding.name.value)' reads itself (through \(shown))", binding.name.range,
                  hint: "a let may read other lets, in any file, but not one that reads it back")
        }
    }

    /// `extend: { name: expression }`: the pack-level let `name` becomes its value with
    /// the expression's list appended. The extension may read any let but `name` and
    /// those that read it (a cycle).
    func compileExtension(_ binding: Binding, of globals: inout [(String, Evaluator)]) {
        let name = binding.name.value
        guard let g = global(name) else {
            error("'extend' names '\(name)', which no pack-level let defines", binding.name.range,
                  hint: Suggestion.hint(for: name, among: visibleGlobals, listing: "pack-level lets"))
            return
        }
        scopes = [[:]]
        nextSlot = 0
        referencedGlobals = []
        checker.begin(pack: pack)
        let c = checkedCompile(binding.value.expr, Origin(text: binding.value.source, offset: 0)).0
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
            let own = Frame(slotCount: slots, within: frame)
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
        if name == "vocab" || globalIndex[pack]?[name] != nil {
            error("pack-level let '\(name)' is already defined in this pack", binding.name.range)
            return false
        }
        globalIndex[pack, default: [:]][name] = globalDependencies.count
        globalDependencies.append([])
        return true
    }

    /// Compiles a registered pack-level let.
    func compileGlobal(_ binding: Binding) -> Evaluator {
        let g = globalIndex[pack]?[binding.name.value] ?? 0
        scopes = [[:]]
        nextSlot = 0
        let origin = Origin(text: binding.value.source, offset: 0)
        referencedGlobals = []
        checker.begin(pack: pack)
        let c = checkedCompile(binding.value.expr, origin).0
        globalDependencies[g] = referencedGlobals
        // Globals run in a frame of their own; comprehension slots are sized here.
        let slots = slotCount
        slotCount = 0
        guard slots > 0 else { return c.eval }
        let eval = c.eval
        return { frame in
            let own = Frame(slotCount: slots, within: frame)
            let value = eval(own)
            if let reason = own.stopped { _ = frame.stop(reason) }
            return value
        }
    }

    func compileRule(_ rule: RuleDeclaration) -> CompiledRule? {
        if let check = rule.check {
            guard !rule.incomplete else { return nil }
            return CompiledRule(
                id: rule.id.value, pitfall: rule.pitfall, severity: rule.severity, title: rule.title,
                fix: rule.fix, docs: rule.docs, range: rule.range, check: check.value,
                bindings: [], lets: [], when: nil, at: AtPath(root: .slot(0), steps: []), message: [], slotCount: 0)
        }
        let before = diagnostics.count
        scopes = [[:]]
        nextSlot = 0
        slotCount = 0
        ruleLets = [:]
        checker.begin(pack: pack)
        var forSlots: Set<Int> = []
        var bindings: [CompiledRule.ForBinding] = []
        for b in rule.bindings {
            let (c, type) = checkedCompile(b.value.expr, Origin(text: b.value.source, offset: 0))
            checker.declare(b.name.value, TypeChecker.bound(type))
            // A binding that is a path (`entity.spec[field]`) keeps the position of a
            // single value it gives, as a list item keeps its own.
            let path = atPath(b.value.expr, Origin(text: b.value.source, offset: 0), forSlots: forSlots, quiet: true)
            if let slot = declare(b.name) {
                bindings.append(.init(slot: slot, value: c.eval, path: path))
                forSlots.insert(slot)
            }
        }
        // A rule's lets are worked out when first read (``Frame/lazyLet``): a `when`
        // that fails on a cheap test first does not pay for the others. A let may then
        // run after a later one, so its comprehension variables must not share a slot
        // with any let: each let's slot comes after every slot used so far.
        var lets: [(slot: Int, value: Evaluator)] = []
        for b in rule.lets {
            let (c, type) = checkedCompile(b.value.expr, Origin(text: b.value.source, offset: 0))
            checker.declare(b.name.value, type)
            nextSlot = slotCount
            if let slot = declare(b.name) {
                lets.append((slot, c.eval))
                ruleLets[slot] = c.eval
            }
        }
        let when = rule.when.map { condition($0, "when") }
        let oncePer = rule.oncePer.map { checkedCompile($0.expr, Origin(text: $0.source, offset: 0)).0.eval }
        var message: [MessagePart] = []
        for part in rule.message?.template.parts ?? [] {
            switch part {
            case .text(let t): message.append(.text(t))
            case .expression(let e, let offset):
                guard let source = rule.message?.source else { continue }
                message.append(.value(checkedCompile(e, Origin(text: source, offset: offset)).0.eval))
            }
        }
        let at: AtPath?
        if let a = rule.at {
            checker.check(a.expr, Origin(text: a.source, offset: 0))
            at = atPath(a.expr, Origin(text: a.source, offset: 0), forSlots: forSlots)
        } else if let last = bindings.last {
            at = AtPath(root: .slot(last.slot), steps: [])
        } else if rule.incomplete {
            at = nil
        } else {
            error("rule '\(rule.id.value)' has no 'for', so it needs 'at' to say where its finding points", rule.id.range,
                  hint: "for example:  at: Strategy   (the first Strategy document)")
            at = nil
        }
        guard diagnostics.count == before, !rule.incomplete, let at else { return nil }
        var compiled = CompiledRule(
            id: rule.id.value, pitfall: rule.pitfall, severity: rule.severity, title: rule.title,
            fix: rule.fix, docs: rule.docs, range: rule.range, check: nil,
            bindings: bindings, lets: lets, when: when, at: at, message: message, slotCount: slotCount)
        compiled.optIn = rule.optIn
        compiled.oncePer = oncePer
        return compiled
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
    func condition(_ w: SourceExpression, _ what: String) -> Evaluator {
        let origin = Origin(text: w.source, offset: 0)
        let (c, type) = checkedCompile(w.expr, origin)
        if c.constant == nil, let family = type.scalarFamily, family != "bool" {
            error("'\(what)' must be a bool, but this is \(type.name)", origin.range(w.expr),
                  hint: "compare it: `x != null`, `size(x) > 0`")
        }
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
        checker.begin(pack: pack)
        let (items, type) = checkedCompile(metric.of.value.expr, Origin(text: metric.of.value.source, offset: 0))
        checker.declare(metric.of.name.value, TypeChecker.bound(type))
        let slot = declare(metric.of.name)
        let holds = condition(metric.condition, "where")
        guard diagnostics.count == before, let slot else { return nil }
        return CompiledMetric(id: metric.id.value, title: metric.title, docs: metric.docs, range: metric.range,
                              items: items.eval, slot: slot, holds: holds, slotCount: slotCount)
    }

    /// Checks `e` (names, fields, operand types), then emits it.
    func checkedCompile(_ e: Expr, _ origin: Origin) -> (Compiled, StaticType) {
        let type = checker.check(e, origin)
        return (compile(e, origin), type)
    }

    /// Declares free variables for a standalone expression; returns the slots used.
    func declareVariables(_ names: [String]) -> Int {
        scopes = [[:]]
        checker.begin(pack: pack)
        for name in names {
            scopes[0][name] = newSlot()
            checker.declare(name, .dyn)
        }
        return nextSlot
    }

    var maxSlots: Int { slotCount }

    func declare(_ name: Located<String>) -> Int? {
        if name.value == "vocab" || global(name.value) != nil || scopes[0][name.value] != nil {
            error("'\(name.value)' is already defined", name.range, hint: "choose another binding name")
            return nil
        }
        let slot = newSlot()
        scopes[0][name.value] = slot
        return slot
    }

    func newSlot() -> Int {
        defer {
            nextSlot += 1
            slotCount = max(slotCount, nextSlot)
        }
        return nextSlot
    }

    /// The path `e` names, from a `for` binding or a kind; nil (and, unless `quiet`, an
    /// error) when `e` is not such a path.
    func atPath(_ e: Expr, _ origin: Origin, forSlots: Set<Int>, quiet: Bool = false) -> AtPath? {
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
                    if !quiet { error("'at' indexes must be literal numbers or strings, or a binding name", origin.range(index)) }
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
                if !quiet { error("'at' must start with a 'for' binding or a kind, not '\(name)'", origin.range(cursor)) }
                return nil
            default:
                if !quiet { error("'at' must be a path such as initiative.owner", origin.range(cursor)) }
                return nil
            }
        }
    }

    func isKindName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return first >= "A" && first <= "Z"
    }

    func kind(_ name: String) -> Int {
        if let k = kindIndex[name] { return k }
        kinds.append(name)
        kindIndex[name] = kinds.count - 1
        return kinds.count - 1
    }

    func lookup(_ name: String) -> Int? {
        for scope in scopes.reversed() {
            if let slot = scope[name] { return slot }
        }
        return nil
    }

}
