import YAML

/// One place where a rule's `when` held.
public struct Match: Sendable {
    /// Where `at` points; nil only when the rule points at a kind with no documents.
    public var range: SourceRange?
    public var message: String
    /// The positions of the matches `once-per` merged into this one; first, the alias
    /// `at` went through, when it led to a value written under an anchor elsewhere
    /// (`security: *standard`): the item's own place for what is reported there.
    public var related: [SourceRange] = []
    /// Whether `at` led all the way to a value (`system.security.mfa` where the system
    /// records `mfa`), rather than stopping at the nearest part that exists.
    public var atFound = false
    /// The field `at` names next where it stopped at a map that lacks it
    /// (`encryption_at_rest` of `system.security.encryption_at_rest`), and that map's
    /// range (the finding's own is its key's, when the map is a block under a key).
    public var stoppedBefore: (field: String, map: SourceRange)?
}

/// What running one rule produced.
public struct RuleOutcome: Sendable {
    public var matches: [Match] = []
    /// The first evaluation error (a type error in the rule, met on some item), if any.
    public var firstError: EvalError?
    /// Where in the documents the item of the first error is, when it has a position.
    public var firstErrorItem: SourceRange?
    /// How many binding tuples met an error.
    public var errorCount = 0
    /// How many binding tuples the `for` gave (1 for a rule without `for`): 0 means the
    /// rule looked at nothing in this workspace.
    public var candidates = 0
    /// Set when the rule went over a limit (``EvalLimits``) on one item and was stopped
    /// there: its matches are incomplete.
    public var stopped: EvalError?
    /// Binding tuples made so far, at every level of `for` (``EvalLimits/maxBindings``).
    var bindings = 0
    /// For `once-per`: the match each value gave first.
    var firstMatch: [HashKey: Int] = [:]
}

extension Program {
    /// Prepares a workspace for evaluation: the documents of every kind the rules name
    /// (`documents[kind]` lists each document's root, with its range), the pack-level
    /// `let` values, and the hash indexes.
    /// `workspaceBytes`, the size of the YAML the documents come from, sets the step
    /// budget of pack-level lets, indexes and metrics (``EvalLimits/workspaceBudget(bytes:)``).
    public func makeContext(documents: [String: ListValue], today: CivilDate, workspaceBytes: Int = 0) -> EvalContext {
        let lists = kinds.map { documents[$0] ?? ListValue([]) }
        let context = EvalContext(today: today, kinds: lists.map(Value.list), kindRanges: lists.map { $0.range(at: 0) }, limits: limits,
                                  workspaceBytes: workspaceBytes)
        let frame = Frame(slotCount: 0, context: context, wholeWorkspace: true)
        // Index plans read only kinds; pack-level lets may use the indexes.
        context.indexes = indexes.map { IndexTable(plan: $0, frame: frame) }
        // Pack-level lets in waves: each wave holds the lets whose inputs are all computed,
        // and its lets run at the same time (most read only the documents).
        context.globals = Array(repeating: .null, count: globals.count)
        let dependencies = globals.indices.map { g in g < globalDependencies.count ? globalDependencies[g] : Set(0..<g) }
        for members in DependencyGraph.waves(dependencies) {
            let values = ParallelMap.map(members.map { globals[$0].value }) { evaluate -> (Value, EvalError?) in
                let frame = Frame(slotCount: 0, context: context, wholeWorkspace: true)
                return (evaluate(frame), frame.stopped)
            }
            for (g, (value, stopped)) in zip(members, values) {
                context.globals[g] = value
                if let stopped { context.stoppedGlobals.append((globals[g].name, stopped)) }
            }
        }
        // The hash sets of the lists rules test with `in` are independent: build them on
        // every core (one is hundreds of thousands of ids in a large inventory).
        let wanted = membershipGlobals.sorted().compactMap { g -> (Int, ListValue)? in
            if case .list(let l) = context.globals[g] { return (g, l) }
            return nil
        }
        let sets = ParallelMap.map(wanted.map(\.1), MembershipSet.init)
        for ((g, _), set) in zip(wanted, sets) { context.globalSets[g] = set }
        return context
    }
}

extension CompiledRule {
    /// Runs the rule: every tuple of `for` bindings, then `let`, `when`, `at`, `message`.
    public func evaluate(in context: EvalContext) -> RuleOutcome {
        var outcome = RuleOutcome()
        // A `check` rule's findings come from the schemas (DocumentCheck), not from here.
        guard check == nil else { return outcome }
        let frame = Frame(slotCount: slotCount, context: context)
        bind(0, frame, &outcome)
        return outcome
    }

    private func note(_ v: Value, _ frame: Frame, _ outcome: inout RuleOutcome) {
        outcome.errorCount += 1
        if outcome.firstError == nil, case .error(let e) = v {
            outcome.firstError = e
            // The document item it met.
            outcome.firstErrorItem = innermostPosition(frame)
        }
    }

    private func bind(_ i: Int, _ frame: Frame, _ outcome: inout RuleOutcome) {
        guard i < bindings.count else {
            check(frame, &outcome)
            return
        }
        let b = bindings[i]
        let value = b.value(frame)
        if let reason = frame.stopped {
            outcome.stopped = reason
            return
        }
        switch value {
        case .null:
            return
        case .error(let e):
            note(.error(e), frame, &outcome)
        case .list(let l):
            for (j, item) in l.items.enumerated() {
                outcome.bindings += 1
                guard outcome.bindings <= frame.context.limits.maxBindings else {
                    outcome.stopped = EvalError(
                        "the rule's `for` gave more than \(frame.context.limits.maxBindings) bindings (limits.max-bindings): "
                            + "it pairs every item of one collection with every item of another; bind one and look the other up "
                            + "with exists(x, x.id == ...), or raise limits.max-bindings in .stratlint.yaml",
                        at: range)
                    return
                }
                frame.slots[b.slot] = item
                frame.ranges[b.slot] = l.range(at: j)
                bind(i + 1, frame, &outcome)
                if outcome.stopped != nil { return }
            }
        case let single:
            frame.slots[b.slot] = single
            frame.ranges[b.slot] = b.path.flatMap { locate($0, frame).range }
            bind(i + 1, frame, &outcome)
        }
    }

    private func check(_ frame: Frame, _ outcome: inout RuleOutcome) {
        outcome.candidates += 1
        frame.restart()
        // Lets are worked out when first read (``Frame/lazyLet``).
        for l in lets { frame.letDone[l.slot] = false }
        if let when {
            let verdict = when(frame)
            if let reason = frame.stopped {
                outcome.stopped = reason
                return
            }
            switch verdict {
            case .bool(true): break
            case .bool(false), .null: return
            case .error(let e):
                note(.error(e), frame, &outcome)
                return
            case let other:
                note(.error(EvalError("'when' must be a bool, not \(other.typeName)", at: range)), frame, &outcome)
                return
            }
        }
        // Every finding has a position: where `at` points, or else the innermost
        // binding's.
        let (located, atFound, stoppedBefore, alias) = locate(at, frame)
        let range = located ?? innermostPosition(frame)
        // `at` may index with a let that nothing read before (`system[key]`), and
        // working it out may go over a limit.
        if let reason = frame.stopped {
            outcome.stopped = reason
            return
        }
        var key: HashKey?
        if let oncePer {
            let value = oncePer(frame)
            if let reason = frame.stopped {
                outcome.stopped = reason
                return
            }
            if value.isError { note(value, frame, &outcome) }
            // A later match of the same value is a related place of the first.
            if let first = outcome.firstMatch[HashKey(value)] {
                if let range { outcome.matches[first].related.append(range) }
                return
            }
            key = HashKey(value)
        }
        var text = ""
        for part in message {
            switch part {
            case .text(let t): text += t
            case .value(let ev):
                let v = ev(frame)
                if let reason = frame.stopped {
                    outcome.stopped = reason
                    return
                }
                if v.isError { note(v, frame, &outcome) }
                // A missing value reads as such, not as the word `null` (`orElse` says
                // what to show instead).
                if case .null = v { text += Value.missingPlaceholder } else { text += v.displayText(limit: Value.messageLimit) }
            }
        }
        if let key { outcome.firstMatch[key] = outcome.matches.count }
        outcome.matches.append(Match(range: range, message: text, related: alias.map { [$0] } ?? [], atFound: atFound, stoppedBefore: stoppedBefore))
    }

    /// The value in `slot`, which an index of `at` names: a binding's, or a let's
    /// (worked out if not yet read).
    private func slotValue(_ slot: Int, _ frame: Frame) -> Value {
        if let l = lets.first(where: { $0.slot == slot }) { return frame.lazyLet(slot, l.value) }
        return frame.slots[slot]
    }

    /// The position of the innermost `for` binding that has one.
    private func innermostPosition(_ frame: Frame) -> SourceRange? {
        bindings.reversed().lazy.compactMap { frame.ranges[$0.slot] }.first
    }

    /// The deepest node on the path that exists, whether it is the path's end, the
    /// field it stopped before (and the map that lacks it), and the first alias it went
    /// through (a step to a node outside the one before it).
    ///
    /// A map that lacks the field and is written as a block under its key (`security:`
    /// with its fields on the lines below) is pointed at by that key: its own range
    /// starts at its first field, and "records no backups" under `mfa: yes` would read
    /// as a finding about `mfa`.
    private func locate(_ at: AtPath, _ frame: Frame) -> (range: SourceRange?, found: Bool, stoppedBefore: (field: String, map: SourceRange)?, alias: SourceRange?) {
        var value: Value
        var range: SourceRange?
        var alias: SourceRange?
        // The key the last step went through, when its value is a block below it.
        var blockKey: SourceRange?
        switch at.root {
        case .slot(let s):
            // Always a `for` binding (``Emitter/atPath``).
            value = frame.slots[s]
            range = frame.ranges[s]
        case .kind(let k):
            guard case .list(let docs) = frame.context.kinds[k], let first = docs.items.first else { return (nil, false, nil, nil) }
            value = first
            range = frame.context.kindRanges[k]
        }
        func enter(_ next: SourceRange?) {
            if alias == nil, let outer = range, let next, !outer.contains(next) { alias = outer }
            range = next ?? range
        }
        for var step in at.steps {
            if case .binding(let slot) = step {
                switch slotValue(slot, frame) {
                case .string(let s): step = .field(s)
                case .int(let i) where i >= 0: step = .index(Int(i))
                default: return (range, false, nil, alias)
                }
            }
            switch (step, value) {
            case (.field(let f), .map(let m)):
                guard let i = m.index(ofField: f) else {
                    return (blockKey ?? range, false, range.map { (f, $0) }, alias)
                }
                value = m.values[i]
                let key = m.keyRange(at: i), next = m.range(at: i)
                blockKey = nil
                if let key, let next, let outer = range, outer.contains(next), next.start.line > key.end.line { blockKey = key }
                enter(next)
            case (.index(let n), .list(let l)):
                guard n < l.items.count else { return (range, false, nil, alias) }
                value = l.items[n]
                blockKey = nil
                enter(l.range(at: n))
            default:
                return (range, false, nil, alias)
            }
        }
        return (range, range != nil, nil, alias)
    }
}
