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
    /// Hash indexes of list globals that rules test with `in`.
    var globalSets: [Int: MembershipSet] = [:]
    let limits: EvalLimits
    /// The step budget of a pack-level `let` or a metric (``EvalLimits/workspaceBudget(bytes:)``).
    let workspaceBudget: Int
    /// Pack-level lets stopped by a limit (``EvalLimits``): their names and why.
    public internal(set) var stoppedGlobals: [(name: String, error: EvalError)] = []

    init(today: CivilDate, kinds: [Value], kindRanges: [SourceRange?], limits: EvalLimits = EvalLimits(), workspaceBytes: Int = 0) {
        self.today = today
        self.kinds = kinds
        self.kindRanges = kindRanges
        self.limits = limits
        workspaceBudget = limits.workspaceBudget(bytes: workspaceBytes)
    }
}

/// The mutable state of one evaluation: binding slots. One per thread of evaluation.
final class Frame {
    /// The variables' values and positions, by slot. Buffers the frame owns rather than
    /// arrays: reading a variable is the commonest step of every rule, and each read or
    /// write of a class's array property costs a run-time exclusivity check (4% of a
    /// pre-commit run's instructions).
    let slots: UnsafeMutableBufferPointer<Value>
    let ranges: UnsafeMutableBufferPointer<SourceRange?>
    /// For the slots of a rule's lets: whether the let was worked out for the current
    /// binding tuple (``lazyLet(_:_:)``).
    let letDone: UnsafeMutableBufferPointer<Bool>
    let context: EvalContext
    /// Steps taken since the evaluation began (``EvalLimits/maxSteps``).
    var steps = 0
    let budget: Int
    /// Whether the evaluation runs once over the whole workspace (its budget grows with
    /// it), not once an item; the message over budget says which.
    let wholeWorkspace: Bool
    /// Why the evaluation was stopped (a limit went over); nil while it runs. The one
    /// signal every limit sets and every caller reads.
    private(set) var stopped: EvalError?

    /// A frame for one rule (`maxSteps` an item), or with `wholeWorkspace` for a
    /// pack-level `let` or a metric (``EvalContext/workspaceBudget``).
    convenience init(slotCount: Int, context: EvalContext, wholeWorkspace: Bool = false) {
        self.init(slotCount: slotCount, context: context, wholeWorkspace: wholeWorkspace,
                  budget: wholeWorkspace ? context.workspaceBudget : context.limits.maxSteps)
    }

    /// A frame of its own for an evaluation that `frame` runs (a pack-level let's
    /// comprehension slots), with the same budget.
    convenience init(slotCount: Int, within frame: Frame) {
        self.init(slotCount: slotCount, context: frame.context, wholeWorkspace: frame.wholeWorkspace, budget: frame.budget)
    }

    private init(slotCount: Int, context: EvalContext, wholeWorkspace: Bool, budget: Int) {
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: .null)
        ranges = .allocate(capacity: slotCount)
        ranges.initialize(repeating: nil)
        letDone = .allocate(capacity: slotCount)
        letDone.initialize(repeating: false)
        self.context = context
        self.wholeWorkspace = wholeWorkspace
        self.budget = budget
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
        ranges.deinitialize()
        ranges.deallocate()
        letDone.deallocate()
    }

    /// The rule's let in `slot`: worked out by `value` the first time it is read for
    /// the current binding tuple, then read back.
    @inline(__always)
    func lazyLet(_ slot: Int, _ value: Evaluator) -> Value {
        if letDone[slot] { return slots[slot] }
        let v = value(self)
        slots[slot] = v
        letDone[slot] = true
        return v
    }

    /// Counts `n` steps of work; false once the evaluation has gone over its budget.
    @inline(__always)
    func spend(_ n: Int = 1) -> Bool {
        steps &+= n
        return steps <= budget
    }

    /// Stops the evaluation with `error` (the first stop is kept) and returns it as a value.
    func stop(_ error: EvalError) -> Value {
        if stopped == nil { stopped = error }
        return .error(error)
    }

    /// Stops the evaluation for going over ``EvalLimits/maxSteps`` at `range`.
    func overBudget(at range: SourceRange?) -> Value {
        let limit = !wholeWorkspace
            ? "(limits.max-steps): this expression does too much work for one item"
            : "(limits.max-steps, plus \(EvalLimits.workspaceStepsPerByte) a byte of the workspace's YAML for work over the whole workspace): this expression does more work than the workspace's size explains"
        return stop(EvalError(
            "evaluation stopped after \(budget) steps \(limit), e.g. a comprehension over a whole kind inside another; use an index-friendly "
                + "exists(x, x.field == value), or raise limits.max-steps in .stratlint.yaml",
            at: range))
    }

    /// Starts a new evaluation in this frame: a rule's next item, the next constant fold.
    func restart() {
        steps = 0
        stopped = nil
    }
}

/// A compiled expression.
typealias Evaluator = @Sendable (Frame) -> Value
