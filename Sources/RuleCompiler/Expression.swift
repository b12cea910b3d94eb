import RuleLanguage
import YAML

/// A single expression compiled on its own, with named variables: for tests, the CEL
/// conformance suite and tools. Rules go through ``PackCompiler``.
public struct CompiledExpression: Sendable {
    let eval: Evaluator
    let slotCount: Int
    let variables: [String]
    /// The kinds and indexes the expression needs.
    let program: Program

    /// How many hash indexes the compiler planned.
    public var indexCount: Int { program.indexCount }

    /// Parses and compiles `text`, which may read `variables` and the vocabularies.
    /// Errors are returned with ranges in `file` (line 1, one column per character).
    public static func compile(
        _ text: String, variables: [String] = [], vocabularies: [String: [String]] = [:],
        file: FileID = FileID(0), options: CompileOptions = CompileOptions()
    ) -> Result<CompiledExpression, CompileErrors> {
        let source = EmbeddedText(standalone: text, file: file)
        let expr: Expr
        switch ExpressionParser.parse(text) {
        case .failure(let e): return .failure(CompileErrors(diagnostics: [.error(e.message, at: source.range(e.span))]))
        case .success(let e): expr = e
        }
        var vocab: [String: Value] = [:]
        for (k, v) in vocabularies { vocab[String(k.map { $0 == "-" ? "_" : $0 })] = .list(v.map(Value.string)) }
        let c = Emitter(vocabularies: vocab, options: options)
        c.checker = TypeChecker(schemas: [:], vocabularies: Set(vocab.keys))
        let slots = c.declareVariables(variables)
        let compiled = c.checkedCompile(expr, Origin(text: source, offset: 0)).0
        let problems = c.checker.diagnostics + c.diagnostics
        guard problems.isEmpty else { return .failure(CompileErrors(diagnostics: problems)) }
        let program = Program(rules: [], kinds: c.kinds, indexes: c.indexes, globals: [], membershipGlobals: [])
        return .success(CompiledExpression(eval: compiled.eval, slotCount: max(slots, c.maxSlots), variables: variables, program: program))
    }

    /// Evaluates with `values` for the variables (in order) and `documents` by kind.
    public func evaluate(_ values: [Value] = [], documents: [String: ListValue] = [:],
                         today: CivilDate = CivilDate(daysSinceEpoch: 0)) -> Value {
        let context = program.makeContext(documents: documents, today: today)
        let frame = Frame(slotCount: slotCount, context: context)
        for (i, v) in values.prefix(variables.count).enumerated() { frame.slots[i] = v }
        return eval(frame)
    }
}

/// The problems that stopped an expression from compiling.
public struct CompileErrors: Error, Sendable {
    public let diagnostics: [Diagnostic]
}
