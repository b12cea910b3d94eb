@testable import Engine
import RuleLanguage
import Testing
import YAML

/// The report's order and its one copy of each identical finding.
@Suite("Finding order")
struct FindingOrderTests {
    static func finding(_ file: String, line: Int, rule: String = "r", message: String = "m", fix: String? = nil) -> Finding {
        let at = SourceRange(file: FileID(0), start: SourcePosition(line: line, column: 1), end: SourcePosition(line: line, column: 2))
        return Finding(ruleID: rule, pitfall: .vagueGoals, severity: .warning, message: message, fix: fix, file: file, range: at)
    }

    @Test func sortedWithEachIdenticalFindingOnce() {
        let a = Self.finding("a.yaml", line: 3), b = Self.finding("a.yaml", line: 1), c = Self.finding("b.yaml", line: 1)
        // Equal in order to `a` but not the same finding (another fix).
        let a2 = Self.finding("a.yaml", line: 3, fix: "other")
        let sorted = FindingPipeline.sortedOnce([c, a, b, a, a2, a, c])
        #expect(sorted == [b, a, a2, c])
        // Findings the order cannot tell apart keep the order they were made in.
        #expect(FindingPipeline.sortedOnce([a2, a, a2]) == [a2, a])
        #expect(FindingPipeline.sortedOnce([]) == [])
    }

    /// A long run of findings equal in order (hashed past eight) still keeps one of each,
    /// in the order they were made.
    @Test func longRunOfTies() {
        let distinct = (0..<50).map { Self.finding("a.yaml", line: 1, fix: "fix \($0)") }
        let sorted = FindingPipeline.sortedOnce(distinct + distinct.reversed() + distinct)
        #expect(sorted == distinct)
    }
}
