import Engine
import Foundation
import RuleCompiler
import TestSupport
import YAML

let fixedToday = CivilDate(iso: "2026-11-22")!

/// Runs the built-in pack (plus `rules`) over `paths` under fixtures/.
func check(_ paths: [String], rules: [String] = [], builtin: Bool = true, options: CompileOptions = CompileOptions()) -> (Report?, [Diagnostic]) {
    let sources = SourceTable()
    let (program, problems) = RulePacks.load(builtin: builtin, directories: rules.map { Repository.fixture($0).path }, into: sources, options: options)
    guard problems.isEmpty else { return (nil, problems) }
    return Checker.check(paths: paths.map { Repository.fixture($0).path }, program: program, today: fixedToday, sources: sources)
}

/// `file:line:col: rule-id` for each finding, file relative to `base`.
func lines(_ report: Report, relativeTo base: String) -> [String] {
    report.findings.map { f in
        let file = f.file.hasPrefix(base + "/") ? String(f.file.dropFirst(base.count + 1)) : f.file
        return "\(file):\(f.range?.start.line ?? 0):\(f.range?.start.column ?? 0): \(f.ruleID)"
    }
}

func builtinRuleIDs() -> [String] {
    let (program, _) = RulePacks.load(builtin: true, directories: [], into: SourceTable())
    return program.rules.map(\.id).sorted()
}
