import RuleLanguage
import YAML

/// A place where the organisation's documents break a rule.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var pitfall: Pitfall
    public var severity: Severity
    public var message: String
    public var fix: String?
    /// The file as the user should see it; empty for a finding no file explains.
    public var file: String
    public var range: SourceRange?
    /// Where the flagged node sits in the model, e.g. `Inventory.systems[id=pos].security.mfa`;
    /// nil when the finding is not on a document of a kind (a parse error).
    public var logicalPath: String?
    /// A hash of the flagged value (of the message when there is no logical path).
    public var valueHash: String = ""
    /// A stable identity that survives line moves: rule id, logical path (or file and
    /// message) and the flagged value, hashed. Identical findings get a `:N` suffix.
    public var fingerprint: String = ""

    public init(ruleID: String, pitfall: Pitfall, severity: Severity, message: String, fix: String?, file: String, range: SourceRange?) {
        self.ruleID = ruleID
        self.pitfall = pitfall
        self.severity = severity
        self.message = message
        self.fix = fix
        self.file = file
        self.range = range
    }

    /// What a baseline records and matches: rule, logical path (or file) and value hash;
    /// no line numbers, so a finding whose line moved keeps it.
    public var identity: String { Self.identity(rule: ruleID, path: logicalPath, file: file, valueHash: valueHash) }

    /// The identity of a finding, or of a baseline entry that records one.
    static func identity(rule: String, path: String?, file: String, valueHash: String) -> String {
        "\(rule)|\(path ?? "file:" + file)|\(valueHash)"
    }

    /// File, line, column, rule, message: the order every reporter uses.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        let pa = a.range?.start ?? SourcePosition(line: 0, column: 0)
        let pb = b.range?.start ?? SourcePosition(line: 0, column: 0)
        if pa != pb { return pa < pb }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

/// A rule that met evaluation errors (a type error on some item): reported once per rule,
/// with where in the rule file, and the rule did not fire on those items.
public struct RuleProblem: Sendable, Hashable {
    public var ruleID: String
    public var message: String
    public var range: SourceRange?
    /// How many items met the error.
    public var count: Int
    /// The rule (or pack-level let) went over a limit (`limits.max-steps`,
    /// `limits.max-regex-steps`) and was stopped: its findings are incomplete, and the
    /// run exits with 2.
    public var stopped = false

    /// The id a stopped pack-level `let` is reported under (JSON `ruleId`): `let NAME`.
    static func packLetID(_ name: String) -> String { "let " + name }
    /// The id under which a metric's problem is reported: `metric ID`.
    static func metricID(_ id: String) -> String { "metric " + id }

    /// What was stopped, as messages name it: `rule 'x'`, `pack-level let 'y'` or `metric 'z'`.
    public var subject: String {
        if ruleID.hasPrefix("let ") { return "pack-level let '\(ruleID.dropFirst(4))'" }
        if ruleID.hasPrefix("metric ") { return "metric '\(ruleID.dropFirst(7))'" }
        return "rule '\(ruleID)'"
    }
}

extension Array where Element == Finding {
    /// The findings left after taking away, per `Finding.identity`, as many as `counts`
    /// holds (a multiset difference: two identical findings need two entries). `counts`
    /// keeps what was not taken. Baselines and `--new-since` both match this way.
    func removingIdentities(_ counts: inout [String: Int]) -> [Finding] {
        filter { f in
            guard let n = counts[f.identity], n > 0 else { return true }
            counts[f.identity] = n - 1
            return false
        }
    }
}
