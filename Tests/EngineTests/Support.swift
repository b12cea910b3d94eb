import Engine
import Foundation
import RuleCompiler
import TestSupport
import YAML

let fixedToday = CivilDate(iso: "2026-11-22")!

/// Runs the built-in pack (plus `rules`) over `paths` under fixtures/.
func check(_ paths: [String], rules: [String] = [], builtin: Bool = true, options: CompileOptions = CompileOptions(),
           config: String? = nil, workspace: String? = nil) -> (Report?, [Diagnostic]) {
    var request = CheckRequest(today: fixedToday)
    request.paths = paths.map { Repository.fixture($0).path }
    request.ruleDirectories = rules.map { Repository.fixture($0).path }
    request.builtin = builtin
    request.options = options
    request.configurationPath = config.map { Repository.fixture($0).path }
    request.workspace = workspace.map { Repository.fixture($0).path }
    switch CheckRunner.run(request, sources: SourceTable()) {
    case .success(let r): return (r.report, [])
    case .failure(let f): return (nil, f.diagnostics)
    }
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
