import RuleLanguage
import Testing
import YAML

/// Severities as people write them: the names in any case, and ESLint's and Spectral's
/// `warn`; nothing else.
@Suite("Severity")
struct SeverityTests {
    @Test(arguments: [("error", Severity.error), ("Warning", .warning), ("warn", .warning), ("WARN", .warning), ("info", .info)])
    func written(_ text: String, _ expected: Severity) {
        #expect(Severity(written: text) == expected)
    }

    @Test(arguments: ["critical", "off", "warnings", "", "2"])
    func notASeverity(_ text: String) {
        #expect(Severity(written: text) == nil)
    }

    /// A rule file's `severity: warn` is a warning, not an error about the rule.
    @Test func ruleFileTakesWarn() {
        let text = """
            rules:
              - id: r
                pitfall: vague-goals
                severity: warn
                title: T
                for: { goal: Strategy.goals }
                when: "true"
                message: m
            """
        let (file, problems) = RuleFileParser.parse(SourceFile(id: FileID(0), path: "r.yaml", bytes: Array(text.utf8)))
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        #expect(file.rules.first?.severity == .warning)
    }
}
