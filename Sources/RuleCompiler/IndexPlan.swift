import YAML

/// A lookup `Kind.path.exists(v, v.field == e)` that the compiler turned into a hash
/// probe: the set of `field` values over the items of `Kind.path`, built once per
/// workspace and shared by every rule that asks the same question.
struct IndexPlan: Sendable {
    /// The kind path as written, e.g. `Strategy.goals`.
    let path: String
    let field: String
    /// Evaluates the kind path (needs no bindings).
    let items: Evaluator
}

/// The values of one ``IndexPlan``.
struct IndexTable: Sendable {
    var keys: Set<HashKey> = []
    /// The error the plain `exists` would meet when no item matches (an item that is not
    /// a map, or a path that does not evaluate to a list), so that results do not depend
    /// on whether the index is used.
    var failure: Value?

    init() {}

    init(plan: IndexPlan, frame: Frame) {
        switch plan.items(frame) {
        case .list(let l):
            for item in l.items {
                switch item {
                case .null: keys.insert(HashKey(.null))
                case .map(let m): keys.insert(HashKey(m.value(forField: plan.field) ?? .null))
                case .error: if failure == nil { failure = item }
                default:
                    if failure == nil {
                        failure = .error(EvalError("no field '\(plan.field)' on \(item.typeName)", at: nil))
                    }
                }
            }
        case .null: break
        case .error(let e): failure = .error(e)
        case let other: failure = .error(EvalError("exists() needs a list or map, not \(other.typeName)", at: nil))
        }
    }
}
