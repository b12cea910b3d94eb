import Engine
import YAML

/// The text `stratlint test` prints: a line per rule, and under a failing rule each
/// difference between the fixtures' expectations and the findings, at its line.
public struct RuleTestReporter: Sendable {
    public init() {}

    public func render(_ outcome: RuleTestRunner.Outcome) -> String {
        var out = ""
        for r in outcome.results {
            let n = r.fixtures.count
            out += "\(r.passed ? "PASS" : "FAIL")  \(r.rule)  (\(n) fixture\(n == 1 ? "" : "s"))\n"
            for m in r.mismatches {
                let place = m.line > 0 ? "\(m.file):\(m.line)" : m.file
                switch m.kind {
                case .missing:
                    out += "      \(place): expected \(m.rule), not found\n"
                case .unexpected(let message):
                    out += "      \(place): found \(m.rule), not expected: \(message)\n"
                case .vacuous:
                    out += "      \(place): no fixture expects \(m.rule); add `# expect: \(m.rule)` where it must fire\n"
                case .unknownRule:
                    out += "      \(place): the annotation names \(m.rule), which no rule pack defines\n"
                case .evaluationError(let message):
                    out += "      \(place): \(m.rule) could not be evaluated: \(message)\n"
                }
            }
        }
        if !outcome.untested.isEmpty {
            out += "untested (no fixture folder): \(outcome.untested.joined(separator: ", "))\n"
        }
        let failed = outcome.results.filter { !$0.passed }.count
        out += "\(outcome.results.count) rule\(outcome.results.count == 1 ? "" : "s") tested: \(outcome.results.count - failed) passed, \(failed) failed\n"
        // Fixture names and annotations are data: shown escaped (TerminalText).
        return TerminalText.escapeLines(out)
    }
}
