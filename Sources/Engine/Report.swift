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
    /// How many rules ran.
    public var ruleCount: Int

    public init(findings: [Finding], ruleProblems: [RuleProblem], sources: SourceTable, fileCount: Int, ruleCount: Int) {
        self.findings = findings
        self.ruleProblems = ruleProblems
        self.sources = sources
        self.fileCount = fileCount
        self.ruleCount = ruleCount
    }

    /// Counts by severity, every severity present (zero included).
    public var countsBySeverity: [(Severity, Int)] {
        Severity.allCases.reversed().map { s in (s, findings.filter { $0.severity == s }.count) }
    }

    /// Counts by pitfall, in the pitfall table's order, only those with findings.
    public var countsByPitfall: [(Pitfall, Int)] {
        Pitfall.allCases.compactMap { p in
            let n = findings.filter { $0.pitfall == p }.count
            return n > 0 ? (p, n) : nil
        }
    }

    /// Whether any finding is at or above `threshold`.
    public func hasFindings(atOrAbove threshold: Severity) -> Bool {
        findings.contains { $0.severity >= threshold }
    }
}
