import Engine
import Foundation
import RuleCompiler
import TestSupport
import YAML

let fixedToday = CivilDate(iso: "2026-11-22")!

/// Runs the built-in pack (plus `rules`) over `paths` under fixtures/.
func check(_ paths: [String], rules: [String] = [], builtin: Bool = true, options: CompileOptions = CompileOptions(),
           config: String? = nil, workspace: String? = nil, today: CivilDate = fixedToday,
           edit: (inout CheckRequest) -> Void = { _ in }) -> (Report?, [Diagnostic]) {
    var request = checkRequest(paths, rules: rules, config: config, today: today)
    request.builtin = builtin
    request.options = options
    request.workspace = workspace.map(fixturePath)
    edit(&request)
    switch CheckRunner.run(request, sources: SourceTable()) {
    case .success(let r): return (r.report, [])
    case .failure(let f): return (nil, f.diagnostics)
    }
}

/// The whole result of a check of `paths` under fixtures/, for tests that need more than
/// the report (the workspace, the rule files); a failed check throws.
func checkResult(_ paths: [String], config: String? = nil) throws -> CheckResult {
    try CheckRunner.run(checkRequest(paths, config: config), sources: SourceTable()).get()
}

private func checkRequest(_ paths: [String], rules: [String] = [], config: String?, today: CivilDate = fixedToday) -> CheckRequest {
    var request = CheckRequest(today: today)
    request.paths = paths.map(fixturePath)
    request.ruleDirectories = rules.map(fixturePath)
    request.configurationPath = config.map(fixturePath)
    return request
}

/// A path under fixtures/, or an absolute path as it is.
func fixturePath(_ path: String) -> String { path.hasPrefix("/") ? path : Repository.fixture(path).path }

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

/// `file:line:col: rule-id severity: message` for each finding, file relative to `base`:
/// the format of the `expected.txt` golden files.
func described(_ report: Report, relativeTo base: String) -> String {
    zip(lines(report, relativeTo: base), report.findings).map { "\($0) \($1.severity.rawValue): \($1.message)\n" }.joined()
}

/// A copy of a fixture folder in a new temporary folder, removed by the caller.
func temporaryCopy(of fixture: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let copy = dir.appendingPathComponent(URL(fileURLWithPath: fixture).lastPathComponent)
    try FileManager.default.copyItem(at: Repository.fixture(fixture), to: copy)
    return copy
}
