import YAML

/// One metric, ready to run: the share of the items of its `of` for which its `where`
/// holds. Its own loop, not a rule: it has no message, place or severity, and counts
/// every item, not only those where `where` holds.
public struct CompiledMetric: Sendable {
    public let id: String
    public let title: String
    public let docs: String?
    /// Where the metric is written.
    public let range: SourceRange
    /// The items (`of`), the slot each is bound to, and the condition (`where`).
    let items: Evaluator
    let slot: Int
    let holds: Evaluator
    let slotCount: Int

    /// Counts the items in the workspace `context` describes. Each item is one binding
    /// (``EvalLimits/maxBindings``) and one evaluation of `where` under the step budget;
    /// a limit stops the count.
    public func evaluate(in context: EvalContext) -> MetricValue {
        // `of` runs once over the workspace; `where` once an item.
        let whole = Frame(slotCount: slotCount, context: context, wholeWorkspace: true)
        let value = items(whole)
        if let stopped = whole.stopped { return MetricValue(holds: 0, total: 0, firstError: stopped, stopped: true) }
        let frame = Frame(slotCount: slotCount, context: context)
        let list: ListValue
        switch value {
        case .null: list = .empty
        case .list(let l): list = l
        case .error(let e): return MetricValue(holds: 0, total: 0, errors: 1, firstError: e)
        case let single: list = ListValue([single])
        }
        var result = MetricValue(holds: 0, total: 0)
        for item in list.items {
            guard result.total < context.limits.maxBindings else {
                result.firstError = EvalError("the metric's `of` gave more than \(context.limits.maxBindings) items (limits.max-bindings)", at: range)
                result.stopped = true
                return result
            }
            result.total += 1
            frame.restart()
            frame.slots[slot] = item
            let verdict = holds(frame)
            if let stopped = frame.stopped {
                result.firstError = stopped
                result.stopped = true
                return result
            }
            switch verdict {
            case .bool(true): result.holds += 1
            case .bool(false), .null: break
            case .error(let e):
                result.errors += 1
                if result.firstError == nil { result.firstError = e }
            case let other:
                result.errors += 1
                if result.firstError == nil { result.firstError = EvalError("'where' must be a bool, not \(other.typeName)", at: range) }
            }
        }
        return result
    }
}

/// What a metric counted.
public struct MetricValue: Sendable, Hashable {
    /// Items for which `where` held.
    public var holds: Int
    /// Items `of` gave.
    public var total: Int
    /// Items where `where` could not be evaluated (a type error): counted as not holding.
    public var errors: Int
    /// The first such error, or why the metric was stopped.
    public var firstError: EvalError?
    /// Whether a limit stopped the metric: the counts are incomplete.
    public var stopped: Bool

    public init(holds: Int, total: Int, errors: Int = 0, firstError: EvalError? = nil, stopped: Bool = false) {
        self.holds = holds
        self.total = total
        self.errors = errors
        self.firstError = firstError
        self.stopped = stopped
    }

    /// `holds / total`, or nil when there are no items.
    public var share: Double? { total == 0 ? nil : Double(holds) / Double(total) }

    public static func == (a: MetricValue, b: MetricValue) -> Bool {
        a.holds == b.holds && a.total == b.total && a.errors == b.errors && a.stopped == b.stopped
    }

    public func hash(into h: inout Hasher) {
        h.combine(holds)
        h.combine(total)
        h.combine(errors)
    }
}
