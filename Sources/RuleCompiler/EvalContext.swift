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

    init(today: CivilDate, kinds: [Value], kindRanges: [SourceRange?]) {
        self.today = today
        self.kinds = kinds
        self.kindRanges = kindRanges
    }
}

/// The mutable state of one evaluation: binding slots. One per thread of evaluation.
final class Frame {
    var slots: [Value]
    var ranges: [SourceRange?]
    let context: EvalContext

    init(slotCount: Int, context: EvalContext) {
        slots = Array(repeating: .null, count: slotCount)
        ranges = Array(repeating: nil, count: slotCount)
        self.context = context
    }
}

/// A compiled expression.
typealias Evaluator = @Sendable (Frame) -> Value
