import YAML

/// One metric, ready to run: the share of the items of its `of` for which its `where`
/// holds.
public struct CompiledMetric: Sendable {
    public let id: String
    public let title: String
    public let docs: String?
    /// Where the metric is written.
    public let range: SourceRange
    /// The metric as a rule: its matches are the items where `where` holds.
    let rule: CompiledRule

    /// Counts the items in the workspace `context` describes.
    public func evaluate(in context: EvalContext) -> MetricValue {
        let outcome = rule.evaluate(in: context)
        return MetricValue(holds: outcome.matches.count, total: outcome.candidates, errors: outcome.errorCount,
                           firstError: outcome.stopped ?? outcome.firstError, stopped: outcome.stopped != nil)
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
