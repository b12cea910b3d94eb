import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// What happens to the rules' findings before they are reported: every filter, in this
/// order, in this one place.
///
/// 1. **Inline suppressions** hide what a `# stratlint-disable…` comment with a reason
///    covers; a useless suppression becomes a finding (`useless-suppression`).
///    **Follow-on findings** go next: a rule's finding on a value that a `wrong-type`
///    finding as severe already reports, or on a field a misspelt key stands for
///    (``FollowOnFindings``).
/// 2. **Unknown kinds** add a finding for each document nothing reads (`unknown-kind`),
///    among those that could be the model's (not another tool's manifests).
/// 3. The findings are **sorted and identified**: logical paths, value hashes and
///    fingerprints, which the next steps compare.
/// 4. **Path scope**: only findings in the paths asked about are kept (hook mode, or
///    paths inside a configured workspace).
/// 5. **Baseline**: findings it accepts are hidden; its entries that match nothing become
///    findings (`stale-baseline-entry`).
/// 6. **`--new-since`**: findings the workspace already had at the revision are hidden.
///
/// Steps 4 to 6 run only when the check asks for them (`CheckRunner`); the other callers
/// of ``Checker`` (the revision of `--new-since`, rule tests) stop after step 3.
public struct FindingPipeline: Sendable {
    /// Step 4: whether a finding's absolute path is among the paths asked about.
    var inScope: (@Sendable (String) -> Bool)?
    /// Step 5: the baseline's entries and file.
    var baseline: (entries: Baseline, file: String)?
    /// Step 6: how many findings of each identity the revision had.
    var newSince: [String: Int]?
    /// The working folder, to make a finding's relative path absolute for step 4.
    var cwd = "/"

    public init() {}

    /// What the pipeline gives: the findings to report, and the engine rules that have
    /// findings among them (for the report's rule list).
    struct Output {
        var findings: [Finding]
        var engineRules: [RuleInfo]
        /// How many findings the baseline accepted (hidden, and said in the summary).
        var accepted = 0
        /// How many findings `--new-since` hid as already there at the revision.
        var old = 0
    }

    /// Runs the steps on `raw` (the rules' findings and the parse errors).
    func run(_ raw: [Finding], workspace: Workspace, configuration: Configuration, rulesRan: Set<String>,
             knownRules: Set<String>, knownKinds: Set<String>, apiVersions: Set<String>, today: CivilDate, sources: SourceTable) -> Output {
        var engineRules: [RuleInfo] = []
        // 1. Inline suppressions.
        let disabled = Set(configuration.disable.map(\.value))
        let uselessRule = configuration.configured(SuppressionFilter.info)
        let suppressions = SuppressionFilter(
            known: knownRules, mandatory: Set(configuration.mandatory.map(\.value)), disabled: disabled, today: today,
            severity: uselessRule?.severity ?? .warning)
        var (kept, useless) = suppressions.apply(workspace.suppressions, to: raw, sources: sources)
        if let uselessRule, !useless.isEmpty { engineRules.append(uselessRule) } else { useless = [] }
        kept = FollowOnFindings.dropping(kept)
        // 2. Unknown kinds.
        if let kindRule = configuration.configured(UnknownKinds.info) {
            let unknown = UnknownKinds.findings(in: workspace, known: knownKinds.union(configuration.kinds.map(\.kind)),
                                                apiVersions: apiVersions, severity: kindRule.severity, sources: sources)
            if !unknown.isEmpty { engineRules.append(kindRule) }
            kept += unknown
        }
        // 3. Sorted and identified (positions are sorted, not findings: a finding is a
        // large value to move around).
        var findings = PhaseTimer.measure("sort and fingerprint") { () -> [Finding] in
            Checker.identify(Self.sortedOnce(useless.isEmpty ? kept : kept + useless), in: workspace)
        }
        // 4. Path scope.
        if let inScope {
            findings = findings.filter { f in
                guard let absolute = f.range.flatMap({ sources[$0.file]?.absolutePath }) ?? absolutePath(of: f.file) else { return true }
                return inScope(absolute)
            }
        }
        // 5. Baseline.
        var stale: [Finding] = []
        var accepted = 0
        if let baseline {
            let staleRule = configuration.configured(BaselineFilter.info)
            let filter = BaselineFilter(
                baseline: baseline.entries, ranRules: rulesRan.union(engineRules.map(\.id)),
                inScope: { file in inScope?(absolutePath(of: file) ?? file) ?? true },
                severity: staleRule?.severity ?? .warning, baselineFile: baseline.file)
            let before = findings.count
            (findings, stale) = filter.apply(to: findings)
            accepted = before - findings.count
            if let staleRule, !stale.isEmpty { engineRules.append(staleRule) } else { stale = [] }
        }
        // 6. --new-since.
        var old = 0
        if var counts = newSince {
            let before = findings.count
            findings = findings.removingIdentities(&counts)
            old = before - findings.count
        }
        if !stale.isEmpty {
            findings = (findings + Checker.identify(stale, in: workspace)).sorted(by: Finding.ordered)
        }
        return Output(findings: findings, engineRules: engineRules, accepted: accepted, old: old)
    }

    /// `findings` in report order, each identical finding once (two bindings that reach
    /// the same place with the same words). Findings the order cannot tell apart keep
    /// the order they were made in, so the report is the same on every run.
    static func sortedOnce(_ findings: [Finding]) -> [Finding] {
        let order = findings.indices.sorted { i, j in
            Finding.ordered(findings[i], findings[j]) || (!Finding.ordered(findings[j], findings[i]) && i < j)
        }
        var unique: [Finding] = []
        unique.reserveCapacity(findings.count)
        var tiesStart = 0  // where the findings equal in order to the last one begin
        // Ties are few, and scanned; a long run of them, which input could make, is hashed.
        var ties: Set<Finding> = []
        for i in order {
            let f = findings[i]
            if let last = unique.last, Finding.ordered(last, f) {
                tiesStart = unique.count
                ties = []
            }
            if unique.count - tiesStart < 8 {
                if unique[tiesStart...].contains(f) { continue }
            } else {
                if ties.isEmpty { ties = Set(unique[tiesStart...]) }
                if !ties.insert(f).inserted { continue }
            }
            unique.append(f)
        }
        return unique
    }

    private func absolutePath(of display: String) -> String? {
        guard !display.isEmpty else { return nil }
        return display.hasPrefix("/") ? display : cwd + "/" + display
    }
}
