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
        guard !worst.isEmpty, findings.contains(where: followsOn) else { return findings }
        return findings.filter { !followsOn($0) }
    }
}
