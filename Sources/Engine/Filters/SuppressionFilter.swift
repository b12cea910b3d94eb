import RuleLanguage
import YAML

/// Applies inline suppressions to findings, and reports the suppressions that do not
/// hold as `useless-suppression` findings.
///
/// A suppression suppresses nothing when it has no reason, is malformed, has expired
/// (`until` is before today) or names a mandatory rule; each of those, an unknown rule
/// and a rule with no finding to suppress is reported at the comment.
struct SuppressionFilter {
    static let ruleID = "useless-suppression"
    /// Findings the engine makes itself; no comment can suppress them.
    static let engineRules: Set<String> = ["parse-error", ruleID, BaselineFilter.ruleID, UnknownKinds.info.id]

    var known: Set<String>
    var mandatory: Set<String>
    /// Rules the configuration disables: a suppression of one has nothing to do.
    var disabled: Set<String> = []
    var today: CivilDate
    var severity: Severity

    static let info = RuleInfo(
        id: ruleID, title: "Suppression comment that suppresses nothing", pitfall: .modelIntegrity, severity: .warning,
        fix: "Give the reason after `--`, fix the rule id, renew or remove an expired `until`, or delete the comment.",
        docs: "An inline `# stratlint-disable-…` comment must name known rules, give a reason after `--`, and still suppress a finding; otherwise it hides nothing and misleads the reader.")

    /// The findings that stay, and one `useless-suppression` finding per problem.
    func apply(_ suppressions: [Suppression], to findings: [Finding], sources: SourceTable) -> (kept: [Finding], useless: [Finding]) {
        guard !suppressions.isEmpty else { return (findings, []) }
        // Findings by file and rule, for the files that have suppressions.
        let files = Set(suppressions.map(\.file))
        var index: [FileID: [String: [Int]]] = [:]
        for (i, f) in findings.enumerated() {
            guard let r = f.range, files.contains(r.file) else { continue }
            index[r.file, default: [:]][f.ruleID, default: []].append(i)
        }
        var suppressed = Set<Int>()
        var useless: [Finding] = []
        func report(_ message: String, at range: SourceRange) {
            useless.append(Finding(
                ruleID: Self.ruleID, pitfall: .modelIntegrity, severity: severity, message: message,
                fix: Self.info.fix, file: sources[range.file]?.path ?? "", range: range))
        }
        for s in suppressions {
            if let problem = s.malformed {
                report("Suppression is not valid: \(problem)", at: s.range)
                continue
            }
            let names = s.rules.map(\.id).joined(separator: ", ")
            guard s.reason != nil else {
                if let (rules, reason) = Self.reasonWithoutDashes(s.rules.map(\.id), known: known) {
                    report("Suppression of \(rules) gives its reason without `--`, so it suppresses nothing; write `\(rules) -- \(reason)`", at: s.range)
                } else {
                    report("Suppression of \(names) gives no reason, so it suppresses nothing; write why after `--`", at: s.range)
                }
                continue
            }
            if let until = s.until, today > until {
                report("Suppression of \(names) expired on \(until) and no longer suppresses; fix the finding or renew the date", at: s.range)
                continue
            }
            for rule in s.rules {
                if Self.engineRules.contains(rule.id) {
                    report("'\(rule.id)' cannot be suppressed inline", at: rule.range)
                    continue
                }
                guard known.contains(rule.id) else {
                    report("Suppression names rule '\(rule.id)', which no rule pack defines; "
                        + Suggestion.hint(for: rule.id, among: Array(known), listing: "rules"), at: rule.range)
                    continue
                }
                if mandatory.contains(rule.id) {
                    report("Rule '\(rule.id)' is mandatory in the configuration and cannot be suppressed inline", at: rule.range)
                    continue
                }
                let candidates = index[s.file]?[rule.id] ?? []
                let hits = candidates.filter { i in
                    switch s.scope {
                    case .file: return true
                    case .line(let line): return findings[i].range?.start.line == line
                    }
                }
                if disabled.contains(rule.id) {
                    report("Suppression of '\(rule.id)' suppresses nothing: the configuration disables the rule", at: rule.range)
                } else if hits.isEmpty {
                    let place = if case .line(let line) = s.scope { "on line \(line)" } else { "in this file" }
                    report("Suppression of '\(rule.id)' suppresses nothing: the rule has no finding \(place)", at: rule.range)
                }
                suppressed.formUnion(hits)
            }
        }
        let kept = findings.enumerated().filter { !suppressed.contains($0.offset) }.map(\.element)
        return (kept, useless)
    }

    /// The rules and the reason of `goal-without-deadline: agreed at the offsite` (or
    /// `… - agreed`, `… because …`), a reason written without `--`: the ids up to the
    /// first word that is not a rule, when one is, and the words after. nil otherwise.
    static func reasonWithoutDashes(_ words: [String], known: Set<String>) -> (rules: String, reason: String)? {
        var rules: [String] = []
        var rest = words[...]
        while let first = rest.first {
            let id = first.hasSuffix(":") ? String(first.dropLast()) : first
            guard known.contains(id) else { break }
            rules.append(id)
            rest = rest.dropFirst()
            if first.hasSuffix(":") { break }
        }
        if rest.first == "-" || rest.first == ":" { rest = rest.dropFirst() }
        guard !rules.isEmpty, !rest.isEmpty, !rest.contains(where: known.contains) else { return nil }
        return (rules.joined(separator: ", "), rest.joined(separator: " "))
    }
}
