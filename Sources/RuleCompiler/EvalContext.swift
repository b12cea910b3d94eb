import YAML

/// What one evaluation of a program reads besides its bindings: the documents by kind,
/// the hash indexes, the pack-level `let` values, and today's date.
public final class EvalContext: @unchecked Sendable {
    public let today: CivilDate
    /// One list per kind the program names, in ``Program/kinds`` order.
    var kinds: [Value]
    /// The first document's range for each kind (where a finding about a kind points).
    var kindRanges: [SourceRange?]
    /// One table per ``Program/indexes`` entry.
    var indexes: [IndexTable] = []
    /// Pack-level `let` values.
    var globals: [Value] = []
    /// Hash sets of list globals that rules test with `in`.
    var globalSets: [Int: Set<HashKey>] = [:]
    let limits: EvalLimits
    /// Pack-level lets stopped by ``EvalLimits/maxSteps``: their names and errors.
    public internal(set) var stoppedGlobals: [(name: String, error: EvalError)] = []

    init(today: CivilDate, kinds: [Value], kindRanges: [SourceRange?], limits: EvalLimits = EvalLimits()) {
        self.today = today
        self.kinds = kinds
        self.kindRanges = kindRanges
        self.limits = limits
    }
}

/// The mutable state of one evaluation: binding slots. One per thread of evaluation.
final class Frame {
    var slots: [Value]
    var ranges: [SourceRange?]
    let context: EvalContext
    /// Steps taken since the evaluation began (``EvalLimits/maxSteps``).
    var steps = 0
    let budget: Int

    init(slotCount: Int, context: EvalContext) {
        slots = Array(repeating: .null, count: slotCount)
        ranges = Array(repeating: nil, count: slotCount)
        self.context = context
        budget = context.limits.maxSteps
    }

    /// Counts `n` steps of work; false once the evaluation has gone over its budget.
    @inline(__always)
    func spend(_ n: Int = 1) -> Bool {
        steps &+= n
        return steps <= budget
    }

    var exhausted: Bool { steps > budget }

    /// The error of an evaluation stopped by its budget, at `range`.
    func budgetError(at range: SourceRange?) -> Value {
        .error(EvalError(
            "evaluation stopped after \(budget) steps (limits.max-steps): this expression does too much work "
                + "for one item, e.g. a comprehension over a whole kind inside another; use an index-friendly "
                + "exists(x, x.field == value), or raise limits.max-steps in .stratlint.yaml",
            at: range, kind: .budget))
    }
}

/// A compiled expression.
typealias Evaluator = @Sendable (Frame) -> Value
