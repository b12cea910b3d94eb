import RuleCompiler
import RuleLanguage
import YAML

/// Everything one `check` found, ready for a reporter.
public struct Report: Sendable {
    /// Sorted by file, line, column, rule.
    public var findings: [Finding]
    /// Rules that met evaluation errors.
    public var ruleProblems: [RuleProblem]
    /// The files read, for snippets and relative paths.
    public var sources: SourceTable
    /// How many YAML files were checked.
    public var fileCount: Int
    /// The rules that ran, sorted by id.
    public var rules: [RuleInfo]
    public var ruleCount: Int { rules.count }
    /// Every metric of the rule packs with what it counted, in pack order.
    public var metrics: [MetricResult] = []
    /// How many findings the baseline accepted and the report leaves out.
    public var acceptedByBaseline = 0
    /// How many findings `--new-since` left out as already there at the revision, and
    /// the revision as given.
    public var alreadyThere = 0
    public var revision: String?

    public init(findings: [Finding], ruleProblems: [RuleProblem], sources: SourceTable, fileCount: Int, rules: [RuleInfo]) {
        self.findings = findings
        self.ruleProblems = ruleProblems
        self.sources = sources
        self.fileCount = fileCount
        self.rules = rules
    }

    /// Counts by severity, every severity present (zero included).
    public var countsBySeverity: [(Severity, Int)] {
        let counts = tally(Array(Severity.allCases)) { findings[$0].severity }
        return zip(Severity.allCases, counts).reversed().map { ($0, $1) }
    }

    /// Counts by pitfall, in the pitfall table's order, only those with findings.
    public var countsByPitfall: [(Pitfall, Int)] {
        let counts = tally(Array(Pitfall.allCases)) { findings[$0].pitfall }
        return zip(Pitfall.allCases, counts).filter { $1 > 0 }.map { ($0, $1) }
    }

    /// How many findings have each of `cases` (`property(i)` of the `i`th): one field
    /// read per finding, where a loop over the findings copied each whole (60 M
    /// instructions for the two counts of a report of 30,000 findings).
    private func tally<T: Equatable>(_ cases: [T], _ property: (Int) -> T) -> [Int] {
        var counts = [Int](repeating: 0, count: cases.count)
        for i in findings.indices {
            let value = property(i)
            if let k = cases.firstIndex(of: value) { counts[k] += 1 }
        }
        return counts
    }

    /// "5 errors, 12 warnings, 1 info": the non-zero counts, for summaries.
    public var severitySummary: String {
        countsBySeverity.filter { $0.1 > 0 }
            .map { "\($0.1) \($0.0.rawValue)\($0.1 == 1 || $0.0 == .info ? "" : "s")" }
            .joined(separator: ", ")
    }

    /// Whether any finding is at or above `threshold`.
    public func hasFindings(atOrAbove threshold: Severity) -> Bool {
        findings.contains { $0.severity >= threshold }
    }
}

/// One metric's value in a workspace.
public struct MetricResult: Sendable, Hashable {
    public var id: String
    public var title: String
    public var docs: String?
    public var value: MetricValue

    public init(id: String, title: String, docs: String?, value: MetricValue) {
        self.id = id
        self.title = title
        self.docs = docs
        self.value = value
    }
}

/// What reporters need to know of a rule.
public struct RuleInfo: Sendable, Hashable {
    public var id: String
    public var title: String
    public var pitfall: Pitfall
    public var severity: Severity
    public var fix: String?
    public var docs: String?

    public init(id: String, title: String, pitfall: Pitfall, severity: Severity, fix: String?, docs: String?) {
        self.id = id
        self.title = title
        self.pitfall = pitfall
        self.severity = severity
        self.fix = fix
        self.docs = docs
    }

    /// The pseudo-rule for files that cannot be parsed.
    public static let parseError = RuleInfo(
        id: "parse-error", title: "File cannot be parsed as YAML", pitfall: .modelIntegrity, severity: .error,
        fix: "Fix the YAML at the position shown; the other files are still checked.", docs: nil)
}
