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
    /// Other places the same problem occurs (a rule's `once-per` merged them here).
    public var related: [SourceRange] = []
    /// Where the flagged node sits in the model, e.g. `Inventory.systems[id=pos].security.mfa`;
    /// nil when the finding is not on a document of a kind (a parse error).
    public var logicalPath: String?
    /// A hash of the flagged value (of the message when there is no logical path).
    public var valueHash: String = ""
    /// A stable identity that survives line moves: rule id, logical path (or file and
    /// message) and the flagged value, hashed. Identical findings get a `:N` suffix.
    public var fingerprint: String = ""
    /// Text that certainly fixes the finding when it replaces the text at `range` (the
    /// field a key is one typo from, the id a dangling one is one edit from, `true` for
    /// `yes`); the editor offers it as a quick fix. Not in the reports.
    public var replacement: String?
    /// Set on a `wrong-type` finding (`mfa: yes`, a quoted date, `backups: daily`): a
    /// rule's finding whose `at` names that very value, which the rule read as absent, is
    /// a follow-on and is not reported (``FollowOnFindings``). Not in the reports.
    public var hidesFollowOns = false
    /// Set on a rule's finding whose `at` led all the way to a value, rather than
    /// stopping at the nearest part that exists (``Match/atFound``). Not in the reports.
    public var atFound = false
    /// Set on a rule's finding whose `at` stopped at a map that lacks the field it names
    /// next (``Match/stoppedBefore``): that map and field. The finding is at the map, or
    /// at its key when the map is a block below it. Not in the reports.
    public var stoppedBefore: FieldInMap?
    /// Set on a `misspelt-field` finding for a key that stands for a field its map lacks
    /// (`encryption-at-rest`, `audited`, `mfa` a level too high): that map and field. A
    /// rule's finding that stopped there before that field is a follow-on
    /// (``FollowOnFindings``). Not in the reports.
    public var standsFor: FieldInMap?

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

    /// `FNV1a.hash(identity)`, without building the identity (its pieces hashed in turn).
    var identityHash: UInt64 {
        var h = FNV1a()
        h.add(ruleID)
        h.add("|")
        if let logicalPath { h.add(logicalPath) } else { h.add("file:"); h.add(file) }
        h.add("|")
        h.add(valueHash)
        return h.value
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

/// A field of the map at a position.
public struct FieldInMap: Sendable, Hashable {
    public var map: SourceRange
    public var field: String
}

/// A rule, pack-level let or metric that met evaluation errors (a type error on some
/// item), or went over a limit: reported once, with where in the rule file; a rule did
/// not fire on those items.
public struct RuleProblem: Sendable, Hashable {
    /// What met the problem.
    public enum Source: Sendable, Hashable {
        case rule(String)
        case packLet(String)
        case metric(String)
    }

    public var source: Source
    public var message: String
    public var range: SourceRange?
    /// How many items met the error.
    public var count: Int
    /// It went over a limit (`limits.max-steps`, `limits.max-regex-steps`,
    /// `limits.max-bindings`) and was stopped: its findings are incomplete, and the run
    /// exits with 2.
    public var stopped = false
    /// The document item the first error was met on, where it has a position (`stratlint
    /// test` shows it at the fixture's line).
    public var item: SourceRange?

    public init(_ source: Source, message: String, range: SourceRange?, count: Int, stopped: Bool = false) {
        self.source = source
        self.message = message
        self.range = range
        self.count = count
        self.stopped = stopped
    }

    /// The id the JSON report gives it (`ruleId`): the rule's id, `let NAME` or
    /// `metric ID`.
    public var ruleID: String {
        switch source {
        case .rule(let id): return id
        case .packLet(let name): return "let " + name
        case .metric(let id): return "metric " + id
        }
    }

    /// What met it, as messages name it: `rule 'x'`, `pack-level let 'y'` or `metric 'z'`.
    public var subject: String {
        switch source {
        case .rule(let id): return "rule '\(id)'"
        case .packLet(let name): return "pack-level let '\(name)'"
        case .metric(let id): return "metric '\(id)'"
        }
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
