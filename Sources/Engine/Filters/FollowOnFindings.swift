import RuleLanguage
import YAML

/// A value of the wrong type is reported once.
///
/// The schema check reports `mfa: yes` (a string) as `wrong-type`, and every rule then
/// reads the field as absent; a rule that asks for the field fires at the same value,
/// in words that contradict what the user sees there ("does not require multi-factor
/// authentication" beside `mfa: yes`, "has never been recorded" beside a quoted date).
/// Like a compiler that does not report the errors an earlier error caused, the
/// pipeline drops a rule's finding whose `at` names exactly the value of such a type
/// finding (``Finding/hidesFollowOns``, ``Finding/atFound``) when the type finding is
/// at least as severe: the run fails on it as it would have, and a type finding the
/// configuration made milder keeps the rule's. Once the value is fixed the rule judges
/// it, and fires if it still holds (`mfa: false`).
///
/// A finding about a field inside a map of the wrong type is not a follow-on, though it
/// lands on the same value: with `security: see the ISMS register`, the rule asking for
/// `security.mfa` stops at `security`, and "no MFA", "no audit" … tell what the type
/// finding does not. `backups: daily` is one value to the rule asking for `backups`.
///
/// A key that stands for a field (`encryption-at-rest`, one typo from it; `audited`,
/// another name for `last_audit`; `mfa` written beside `security` rather than in it) is
/// reported by `misspelt-field`, and the rule asking for the field stops at the map
/// before it and says what the writer did record is missing ("does not encrypt it at
/// rest" beside `encryption-at-rest: true`). That finding is a follow-on too
/// (``Finding/standsFor``, ``Finding/stoppedBefore``), whatever its severity: the
/// `misspelt-field` finding takes the severity of the worst one it hides, so the run
/// fails as it would have, and names them.
enum FollowOnFindings {
    /// `findings` without the follow-ons of the type findings among them.
    static func dropping(_ findings: [Finding]) -> [Finding] {
        var worst: [SourceRange: Severity] = [:]
        for f in findings where f.hidesFollowOns {
            guard let range = f.range else { continue }
            worst[range] = max(worst[range] ?? f.severity, f.severity)
        }
        func followsOn(_ f: Finding) -> Bool {
            guard !f.hidesFollowOns, f.atFound, let range = f.range, let severity = worst[range] else { return false }
            return f.severity <= severity
        }
        // Most reports have none to drop: the findings (large values) are not copied then.
        var kept = !worst.isEmpty && findings.contains(where: followsOn) ? findings.filter { !followsOn($0) } : findings
        droppingThoseOfSlips(&kept)
        return kept
    }

    /// Drops the rule findings that stopped before a field some key stands for, and
    /// raises that key's finding to their severity, naming their rules.
    static func droppingThoseOfSlips(_ findings: inout [Finding]) {
        var slips: [FieldInMap: Int] = [:]
        for (i, f) in findings.enumerated() {
            if let place = f.standsFor { slips[place] = i }
        }
        guard !slips.isEmpty else { return }
        var hidden: [Int: [(rule: String, severity: Severity)]] = [:]
        var dropped = Set<Int>()
        for (j, f) in findings.enumerated() {
            guard !f.atFound, let place = f.stoppedBefore, let slip = slips[place] else { continue }
            hidden[slip, default: []].append((f.ruleID, f.severity))
            dropped.insert(j)
        }
        guard !hidden.isEmpty else { return }
        for (i, followOns) in hidden {
            let field = findings[i].standsFor?.field ?? ""
            let rules = Set(followOns.map(\.rule)).sorted()
            findings[i].severity = max(findings[i].severity, followOns.map(\.severity).max() ?? findings[i].severity)
            findings[i].message += (findings[i].message.hasSuffix("?") ? " Rules" : "; rules")
                + " read no `\(field)` until then (\(rules.joined(separator: ", ")))"
        }
        findings = findings.indices.filter { !dropped.contains($0) }.map { findings[$0] }
    }
}
