import Engine
import YAML

/// One audit as the history keeps it: enough to draw trends, not the findings.
public struct AuditRecord: Sendable, Hashable {
    /// The audit's date (`--today`).
    public var date: CivilDate
    /// The git commit the workspace was at, when it is in a repository.
    public var commit: String?
    public var score: Int
    public var findings: Int
    /// Findings per pitfall (raw value) by severity, for every pitfall.
    public var pitfalls: [String: Audit.Counts]
    /// Each metric's counts by id.
    public var metrics: [String: Tally]
    /// The stratlint version that recorded it (nil in records from schema version 1).
    public var version: String?
    /// The rule packs' digest (nil in records from schema version 1).
    public var rulesDigest: String?

    public init(date: CivilDate, commit: String?, score: Int, findings: Int, pitfalls: [String: Audit.Counts],
                metrics: [String: Tally], version: String?, rulesDigest: String?) {
        self.date = date
        self.commit = commit
        self.score = score
        self.findings = findings
        self.pitfalls = pitfalls
        self.metrics = metrics
        self.version = version
        self.rulesDigest = rulesDigest
    }

    /// The record of `audit`, made at `commit`.
    public init(_ audit: Audit, commit: String?) {
        self.init(
            date: audit.today, commit: commit, score: audit.score.value, findings: audit.findings.count,
            pitfalls: Dictionary(uniqueKeysWithValues: audit.pitfalls.map { ($0.pitfall.rawValue, $0.counts) }),
            metrics: Dictionary(uniqueKeysWithValues: audit.metrics.map { ($0.id, Tally(holds: $0.value.holds, total: $0.value.total)) }),
            version: audit.version, rulesDigest: audit.rulesDigest)
    }

    /// A metric's counts: items for which it holds, of how many.
    public struct Tally: Sendable, Hashable {
        public var holds: Int
        public var total: Int

        public init(holds: Int, total: Int) {
            self.holds = holds
            self.total = total
        }
    }
}
