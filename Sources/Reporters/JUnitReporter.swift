import Engine
import RuleLanguage
import YAML

/// JUnit XML, for CI systems that show test reports (GitLab, Jenkins). One test suite
/// per pitfall; in it, one passing test case per rule without findings and one failing
/// test case per finding. Files that cannot be parsed are failures in `model-integrity`.
public struct JUnitReporter: Reporter {
    public static let name = "junit"

    public init() {}
    public init(context: ReportContext) {}

    public func write<Out: TextOutputStream>(_ subject: Report, to out: inout Out) {
        out.write(render(subject))
    }

    public func render(_ report: Report) -> String {
        var suites = ""
        var totalTests = 0, totalFailures = 0
        // Every finding appears, also one whose rule is not among those that ran (a parse error).
        var rules = report.rules
        var known = Set(rules.map(\.id))
        for f in report.findings where !known.contains(f.ruleID) {
            known.insert(f.ruleID)
            rules.append(f.ruleID == RuleInfo.parseError.id ? RuleInfo.parseError
                         : RuleInfo(id: f.ruleID, title: f.ruleID, pitfall: f.pitfall, severity: f.severity, fix: f.fix, docs: nil))
        }
        // The findings of each rule, in report order, from one pass.
        var byRule: [String: [Finding]] = [:]
        for f in report.findings { byRule[f.ruleID, default: []].append(f) }
        for pitfall in Pitfall.allCases {
            let group = rules.filter { $0.pitfall == pitfall }
            guard !group.isEmpty else { continue }
            var cases = ""
            var tests = 0, failures = 0
            for rule in group {
                let found = byRule[rule.id] ?? []
                if found.isEmpty {
                    tests += 1
                    cases += "    <testcase classname=\"\(XML.escape(rule.id))\" name=\"\(XML.escape(rule.title))\"/>\n"
                }
                for f in found {
                    tests += 1
                    failures += 1
                    // The data's own line breaks and controls are shown escaped
                    // (TerminalText): a CI that prints the body must not take them as lines.
                    let e = TerminalText.escape
                    let place = f.range.map { "\(e(f.file)):\($0.start.line):\($0.start.column)" } ?? e(f.file)
                    var body = "\(place): \(f.severity.rawValue): \(e(f.message))"
                    if let fix = f.fix { body += "\nfix: \(e(fix))" }
                    cases += "    <testcase classname=\"\(XML.escape(rule.id))\" name=\"\(XML.escape(place))\">\n"
                    cases += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(XML.escape(e(f.message)))\">\(XML.escape(body, attribute: false))</failure>\n"
                    cases += "    </testcase>\n"
                }
            }
            totalTests += tests
            totalFailures += failures
            suites += "  <testsuite name=\"\(pitfall.rawValue)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            suites += cases + "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"stratlint\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
            + suites + "</testsuites>\n"
    }
}
