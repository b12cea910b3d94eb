import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// Runs compiled rules over a workspace.
public enum Checker {
    /// Evaluates every rule of `program` over `workspace` (rules in parallel; the result
    /// does not depend on scheduling) and returns the sorted report.
    /// The findings pass through `pipeline` (``FindingPipeline``): suppressions and
    /// unknown kinds always, path scope, baseline and `--new-since` when it holds them.
    public static func run(_ program: Program, on workspace: Workspace, today: CivilDate, sources: SourceTable,
                           configuration: Configuration = Configuration(directory: ""),
                           pipeline: FindingPipeline = FindingPipeline()) -> Report {
        let disabled = configuration.disabledRules(in: program)
        let known = Set(program.rules.map(\.id))
        let fullProgram = program
        let program = disabled.isEmpty ? program : program.removing(disabled)
        let (documentFindings, outcomes, metrics, stoppedGlobals) = schemasAndRules(program, on: workspace, today: today, sources: sources,
                                                                                      configuration: configuration)
        // In the order they were made; the pipeline sorts them and drops repeats.
        var findings = workspace.parseErrors
        var engineRules: [RuleInfo] = []
        if configuration.backstage != false, let rule = configuration.configured(UnregisteredFiles.info) {
            let unregistered = UnregisteredFiles.findings(in: workspace, reached: workspace.locationReached, severity: rule.severity, sources: sources)
            if !unregistered.isEmpty { engineRules.append(rule) }
            findings += unregistered
        }
        findings += ListDocuments.findings(workspace.listDocuments, program: program, severity: configuration.severity(of:default:), sources: sources)
        for var f in documentFindings {
            f.severity = configuration.severity(of: f.ruleID, default: f.severity)
            findings.append(f)
        }
        var problems: [RuleProblem] = []
        for (rule, outcome) in outcomes {
            let severity = configuration.severity(of: rule.id, default: rule.severity)
            for match in outcome.matches {
                let file = match.range.flatMap { sources[$0.file]?.path } ?? ""
                var finding = Finding(
                    ruleID: rule.id, pitfall: rule.pitfall, severity: severity,
                    message: match.message, fix: rule.fix, file: file, range: match.range)
                finding.related = match.related
                finding.atFound = match.atFound
                finding.stoppedBefore = match.stoppedBefore.map { FieldInMap(map: $0.map, field: $0.field) }
                findings.append(finding)
            }
            if let stopped = outcome.stopped {
                problems.append(RuleProblem(.rule(rule.id), message: stopped.message, range: stopped.range ?? rule.range, count: 1, stopped: true))
            } else if outcome.errorCount > 0 {
                var problem = RuleProblem(
                    .rule(rule.id), message: outcome.firstError?.message ?? "evaluation error",
                    range: outcome.firstError?.range ?? rule.range, count: outcome.errorCount)
                problem.item = outcome.firstErrorItem
                problems.append(problem)
            }
        }
        for (name, error) in stoppedGlobals {
            problems.append(RuleProblem(.packLet(name), message: error.message, range: error.range, count: 1, stopped: true))
        }
        // A metric stopped by a limit is a rule error; an item it cannot evaluate (a type
        // error, which the model-integrity rules report) only counts as not holding.
        for (metric, result) in zip(program.metrics, metrics) where result.value.stopped {
            guard let error = result.value.firstError else { continue }
            problems.append(RuleProblem(.metric(metric.id), message: error.message, range: error.range ?? metric.range,
                                        count: 1, stopped: true))
        }
        let output = pipeline.run(
            findings, workspace: workspace, configuration: configuration, rulesRan: Set(program.rules.map(\.id)),
            knownRules: known, knownKinds: Set(fullProgram.kinds), apiVersions: Set(fullProgram.schemas.values.compactMap(\.apiVersion)), today: today, sources: sources)
        let infos = program.rules.map {
            RuleInfo(id: $0.id, title: $0.title, pitfall: $0.pitfall,
                     severity: configuration.severity(of: $0.id, default: $0.severity), fix: $0.fix, docs: $0.docs)
        } + output.engineRules + engineRules
        var report = Report(
            findings: output.findings,
            ruleProblems: problems.sorted { $0.ruleID < $1.ruleID },
            sources: sources, fileCount: workspace.fileCount, rules: infos.sorted { $0.id < $1.id })
        report.metrics = metrics
        report.acceptedByBaseline = output.accepted
        report.alreadyThere = output.old
        return report
    }

    /// The YAML files a `parse-error` says could not be read as YAML, in report order
    /// (once each: a workspace may have thousands).
    private static func unparsedFiles(_ workspace: Workspace) -> [String] {
        var files: [String] = [], seen = Set<String>()
        for f in workspace.parseErrors where (f.file.hasSuffix(".yaml") || f.file.hasSuffix(".yml")) && seen.insert(f.file).inserted {
            files.append(f.file)
        }
        return files
    }

    /// The schemas' findings, then every rule's outcome and metric's value over the typed
    /// documents and the pack-level values. Those live only in here: released before the
    /// findings are sorted, fingerprinted and rendered, where a run reaches its peak of
    /// memory (the pack-level values and their hash sets were a quarter of it).
    private static func schemasAndRules(_ program: Program, on workspace: Workspace, today: CivilDate, sources: SourceTable,
                                 configuration: Configuration)
        -> (documentFindings: [Finding], rules: [(CompiledRule, RuleOutcome)], metrics: [MetricResult], stoppedGlobals: [(String, EvalError)]) {
        // The schemas first: rules see typed documents, and the findings of `check` rules.
        let (documents, documentFindings) = PhaseTimer.measure("document check (schemas)") {
            DocumentCheck.run(program, on: workspace.documents, sources: sources, fiscalYearStart: configuration.fiscalYearStart,
                              namedFilesOnly: workspace.namedFilesOnly, unparsed: unparsedFiles(workspace), hashComments: workspace.hashComments)
        }
        let context = PhaseTimer.measure("context (pack lets, indexes)") { program.makeContext(documents: documents, today: today, workspaceBytes: workspace.bytes) }
        let (outcomes, metrics) = PhaseTimer.measure("evaluate \(program.rules.count) rules and \(program.metrics.count) metrics") {
            evaluate(program, in: context)
        }
        return (documentFindings, outcomes, metrics, context.stoppedGlobals)
    }

    /// Every rule's outcome and every metric's value, in the program's order. Rules and
    /// metrics read the same context and nothing of each other's, so they share one
    /// pass on every core: the metrics no longer wait for the slowest rule.
    static func evaluate(_ program: Program, in context: EvalContext) -> (rules: [(CompiledRule, RuleOutcome)], metrics: [MetricResult]) {
        enum Result: Sendable {
            case rule(CompiledRule, RuleOutcome)
            case metric(MetricResult)
        }
        let (rules, metrics) = (program.rules, program.metrics)
        let results = ParallelMap.map(Array(0..<(rules.count + metrics.count))) { i -> Result in
            guard i >= rules.count else {
                let rule = rules[i]
                return .rule(rule, PhaseTimer.measure("  rule \(rule.id)") { rule.evaluate(in: context) })
            }
            let m = metrics[i - rules.count]
            return .metric(MetricResult(id: m.id, title: m.title, docs: m.docs, value: m.evaluate(in: context)))
        }
        var outcomes: [(CompiledRule, RuleOutcome)] = [], values: [MetricResult] = []
        for result in results {
            switch result {
            case .rule(let rule, let outcome): outcomes.append((rule, outcome))
            case .metric(let value): values.append(value)
            }
        }
        return (outcomes, values)
    }

    /// Gives each finding its logical path, value hash and fingerprint, in place: a
    /// finding is a large value, and copying each out and back three times was half of
    /// this step's time on a report of 30,000 findings.
    static func identify(_ findings: consuming [Finding], in workspace: Workspace) -> [Finding] {
        var findings = findings
        // A finding at a block map's key (`security:`, for a field the map lacks) is
        // identified by the map, as it was when it pointed there.
        let wanted = LogicalPaths.Wanted(findings.map { $0.stoppedBefore?.map ?? $0.range })
        let paths = LogicalPaths.find(wanted, in: workspace.documents)
        // Each finding's path and hashes depend on it alone (on every core, in parts);
        // the `:n` of a repeated identity depends on the order (one pass after).
        let hashes = ParallelMap.updateInParts(&findings, parts: 4 * ProcessInfo.processInfo.activeProcessorCount) { part, range -> [UInt64] in
            range.map { i in
                let located = wanted.slots[i].flatMap { paths[$0] }
                part[i].logicalPath = located?.path
                // A scalar's text; for a mapping or list only its type, so an edit inside a
                // flagged `security:` block does not make its finding new.
                let value: String
                switch located?.value {
                case .map?: value = "{}"
                case .list?: value = "[]"
                case let v?: value = v.displayText
                case nil: value = part[i].message
                }
                part[i].valueHash = FNV1a.hex(value)
                return part[i].identityHash
            }
        }
        var seen: [UInt64: Int] = [:]
        for (i, base) in hashes.joined().enumerated() {
            let n = seen[base, default: 0]
            seen[base] = n + 1
            findings[i].fingerprint = n == 0 ? FNV1a.hex(base) : "\(FNV1a.hex(base)):\(n)"
        }
        return findings
    }
}

extension Checker {
    /// The rules whose `for` gives nothing to look at in `workspace` (for
    /// `stratlint rules check --verbose`): a rule that matches no document is often a
    /// misspelt kind or field.
    public static func idleRules(_ program: Program, on workspace: Workspace, today: CivilDate) -> [CompiledRule] {
        let documents = DocumentCheck.run(program, on: workspace.documents, sources: SourceTable()).documents
        let context = program.makeContext(documents: documents, today: today, workspaceBytes: workspace.bytes)
        let rules = program.rules.filter { $0.check == nil }
        let outcomes = ParallelMap.map(rules) { rule in (rule, rule.evaluate(in: context).candidates) }
        return outcomes.filter { $0.1 == 0 }.map(\.0)
    }
}
