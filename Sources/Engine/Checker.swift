import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// Runs compiled rules over a workspace.
public enum Checker {
    /// Evaluates every rule of `program` over `workspace` (rules in parallel; the result
    /// does not depend on scheduling) and returns the sorted report.
    public static func run(_ program: Program, on workspace: Workspace, today: CivilDate, sources: SourceTable) -> Report {
        let context = program.makeContext(documents: workspace.documents, today: today)
        let outcomes = ParallelMap.map(program.rules) { rule in (rule, rule.evaluate(in: context)) }
        var findings = Set(workspace.parseErrors)
        var problems: [RuleProblem] = []
        for (rule, outcome) in outcomes {
            for match in outcome.matches {
                let file = match.range.flatMap { sources[$0.file]?.path } ?? ""
                findings.insert(Finding(
                    ruleID: rule.id, pitfall: rule.pitfall, severity: rule.severity,
                    message: match.message, fix: rule.fix, file: file, range: match.range))
            }
            if outcome.errorCount > 0 {
                problems.append(RuleProblem(
                    ruleID: rule.id, message: outcome.firstError?.message ?? "evaluation error",
                    range: outcome.firstError?.range ?? rule.range, count: outcome.errorCount))
            }
        }
        return Report(
            findings: findings.sorted(by: Finding.ordered),
            ruleProblems: problems.sorted { $0.ruleID < $1.ruleID },
            sources: sources, fileCount: workspace.fileCount, ruleCount: program.rules.count)
    }

    /// Discovers the files under `paths`, loads them and runs `program`.
    public static func check(paths: [String], excluding: [String] = [], program: Program, today: CivilDate,
                             sources: SourceTable) -> (Report?, [Diagnostic]) {
        let (files, problems) = FileDiscovery.files(under: paths, excluding: excluding)
        guard problems.isEmpty else { return (nil, problems) }
        let workspace = Workspace.load(files, into: sources)
        return (run(program, on: workspace, today: today, sources: sources), [])
    }
}
