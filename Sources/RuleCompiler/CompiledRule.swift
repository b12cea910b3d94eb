import RuleLanguage
import YAML

/// One rule, ready to run: its metadata and its expressions as closures.
public struct CompiledRule: Sendable {
    public let id: String
    public let pitfall: Pitfall
    public let severity: Severity
    public let title: String
    public let fix: String?
    public let docs: String?
    /// Where the rule is written.
    public let range: SourceRange
    /// Set for a rule whose findings come from the schemas (`check:`).
    public let check: SchemaCheck?
    /// Off unless the configuration enables it.
    public var optIn = false
    /// The value that merges matches (`once-per`).
    var oncePer: Evaluator?

    struct ForBinding: Sendable {
        let slot: Int
        let value: Evaluator
        /// Where a single value comes from, when the binding is a path.
        let path: AtPath?
    }

    let bindings: [ForBinding]
    let lets: [(slot: Int, value: Evaluator)]
    let when: Evaluator?
    let at: AtPath
    let message: [MessagePart]
    let slotCount: Int
}

/// Where a finding points: a binding or a kind, then fields and indexes.
struct AtPath: Sendable {
    enum Root: Sendable {
        case slot(Int)
        case kind(Int)
    }

    enum Step: Sendable {
        case field(String)
        case index(Int)
        /// `x[binding]`: a field or index named by a binding's value.
        case binding(Int)
    }

    let root: Root
    let steps: [Step]
}

enum MessagePart: Sendable {
    case text(String)
    case value(Evaluator)
}

/// A compiled rule pack: every rule plus what they share.
public struct Program: Sendable {
    public let rules: [CompiledRule]
    /// The kinds the rules name, in slot order.
    public let kinds: [String]
    let indexes: [IndexPlan]
    let globals: [(name: String, value: Evaluator)]
    /// Globals that rules test with `in`: they get a hash set.
    var membershipGlobals: Set<Int> = []
    /// For each global, the earlier globals it reads.
    var globalDependencies: [Set<Int>] = []
    /// The vocabularies the packs declare (`vague-terms`, …).
    public internal(set) var vocabularyNames: Set<String> = []
    /// Bounds on evaluation.
    public internal(set) var limits = EvalLimits()
    /// The packs' metrics, in file order.
    public internal(set) var metrics: [CompiledMetric] = []
    /// The schemas the packs declare, by kind.
    public internal(set) var schemas: [String: KindSchema] = [:]

    /// The program without the rules whose ids are in `ids` (the configuration's `disable`).
    public func removing(_ ids: Set<String>) -> Program {
        Program(rules: rules.filter { !ids.contains($0.id) }, kinds: kinds, indexes: indexes, globals: globals,
                membershipGlobals: membershipGlobals, globalDependencies: globalDependencies, vocabularyNames: vocabularyNames,
                limits: limits, metrics: metrics, schemas: schemas)
    }

    /// The number of hash indexes the compiler planned (for tests and `--verbose`).
    public var indexCount: Int { indexes.count }
}
