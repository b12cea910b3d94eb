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
    /// Steps one rule may take on one item (work over the whole workspace gets
    /// ``workspaceBudget(bytes:)``): a step is one comprehension iteration, or one element
    /// or byte that `+` builds.
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

    /// What a pack-level `let` or a metric may take beyond `maxSteps` for each byte of
    /// YAML in the workspace. They run once over the whole workspace, so their work
    /// grows with it: 300,000 integrations take 10 million steps to list. Work linear
    /// in the workspace fits (a pass costs well under one step a byte); work that grows
    /// faster is still stopped.
    public static let workspaceStepsPerByte = 10

    /// The budget of one pack-level `let` or metric over a workspace of `bytes`.
    public func workspaceBudget(bytes: Int) -> Int {
        let (extra, overflow) = max(0, bytes).multipliedReportingOverflow(by: Self.workspaceStepsPerByte)
        let (sum, overflow2) = maxSteps.addingReportingOverflow(extra)
        return overflow || overflow2 ? Int.max : sum
    }

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
        let c = Emitter(vocabularies: vocab, options: options)
        var schemaProblems: [Diagnostic] = []
        let schemas = SchemaValidation.collect(files, diagnostics: &schemaProblems)
        c.checker = TypeChecker(schemas: schemas, vocabularies: Set(vocab.keys),
                                lets: files.flatMap { f in f.lets.map { (f.pack, $0) } },
                                extensions: files.flatMap { f in f.extensions.map { (f.pack, $0) } })
        // Every let is registered first, then compiled: a let may read any other, in any
        // file; the waves of makeContext order them by what they read.
        // Each pack's lets live in its own namespace; a pack sees its own and core's.
        var lets: [(pack: String, binding: Binding)] = []
        for file in files {
            c.pack = file.pack
            lets += file.lets.filter { c.registerGlobal($0) }.map { (file.pack, $0) }
        }
        var globals: [(String, Evaluator)] = lets.map { let_ in
            c.pack = let_.pack
            return (let_.binding.name.value, c.compileGlobal(let_.binding))
        }
        c.checkGlobalCycles(lets.map(\.binding))
        // Extensions, once every let is known: each appends its list to a let of
        // another pack, in file order (an extension point, rules-language.md).
        for file in files {
            c.pack = file.pack
            for binding in file.extensions { c.compileExtension(binding, of: &globals) }
        }
        var ruleIDs: [String: SourceRange] = [:], metricIDs: [String: SourceRange] = [:]
        var rules: [CompiledRule] = [], metrics: [CompiledMetric] = []
        for file in files {
            c.pack = file.pack
            rules += file.rules.compactMap { c.claim($0.id, in: &ruleIDs, what: "rule") ? c.compileRule($0) : nil }
            metrics += file.metrics.compactMap { c.claim($0.id, in: &metricIDs, what: "metric") ? c.compileMetric($0) : nil }
        }
        var program = Program(rules: rules, kinds: c.kinds, indexes: c.indexes, globals: globals, membershipGlobals: c.membershipGlobals)
        program.metrics = metrics
        program.limits = options.limits
        program.globalDependencies = c.globalDependencies
        program.vocabularyNames = Set(files.flatMap { $0.vocabularies.map(\.name.value) })
        program.schemas = schemas
        SchemaValidation.validateReferences(schemas, rules: rules, diagnostics: &schemaProblems)
        return (program, schemaProblems + c.checker.diagnostics + c.diagnostics)
    }
}
