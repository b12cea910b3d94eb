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

    public func render(_ report: Report) -> String {
        var out = ""
        write(report, to: &out)
        return out
    }

    /// Streams the report: each suite's counts are known before its cases, which are
    /// rendered a few batches at once on every core (``InBatches``), in report order.
    public func write<Out: TextOutputStream>(_ report: Report, to out: inout Out) {
        // Every finding appears, also one whose rule is not among those that ran (a parse error).
        var rules = report.rules
        var known = Set(rules.map(\.id))
        for f in report.findings where !known.contains(f.ruleID) {
            known.insert(f.ruleID)
            rules.append(f.ruleID == RuleInfo.parseError.id ? RuleInfo.parseError
                         : RuleInfo(id: f.ruleID, title: f.ruleID, pitfall: f.pitfall, severity: f.severity, fix: f.fix, docs: nil))
        }
        // The findings of each rule, in report order, from one pass.
        let findings = report.findings
        var byRule: [String: [Int]] = [:]
        for i in findings.indices { byRule[findings[i].ruleID, default: []].append(i) }
        let suites = Pitfall.allCases.map { pitfall in (pitfall, rules.filter { $0.pitfall == pitfall }) }.filter { !$0.1.isEmpty }
        func counts(_ group: [RuleInfo]) -> (tests: Int, failures: Int) {
            let failures = group.reduce(0) { $0 + (byRule[$1.id]?.count ?? 0) }
            return (failures + group.filter { byRule[$0.id] == nil }.count, failures)
        }
        let totals = suites.map { counts($0.1) }.reduce((0, 0)) { ($0.0 + $1.tests, $0.1 + $1.failures) }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"stratlint\" tests=\"\(totals.0)\" failures=\"\(totals.1)\" errors=\"0\">\n")
        for (pitfall, group) in suites {
            let (tests, failures) = counts(group)
            out.write("  <testsuite name=\"\(pitfall.rawValue)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n")
            for rule in group {
                guard let found = byRule[rule.id] else {
                    out.write("    <testcase classname=\"\(XML.escape(rule.id))\" name=\"\(XML.escape(rule.title))\"/>\n")
                    continue
                }
                let classname = XML.escape(rule.id)
                InBatches.write(count: found.count, to: &out) { range in
                    var cases = ""
                    for i in range { Self.failingCase(findings[found[i]], classname: classname, to: &cases) }
                    return cases
                }
            }
            out.write("  </testsuite>\n")
        }
        out.write("</testsuites>\n")
    }

    /// A finding as a failing test case.
    private static func failingCase(_ f: Finding, classname: String, to cases: inout String) {
        // The data's own line breaks and controls are shown escaped (TerminalText): a CI
        // that prints the body must not take them as lines.
        let e = TerminalText.escape
        let place = f.range.map { "\(e(f.file)):\($0.start.line):\($0.start.column)" } ?? e(f.file)
        var body = "\(place): \(f.severity.rawValue): \(e(f.message))"
        if let fix = f.fix { body += "\nfix: \(e(fix))" }
        cases += "    <testcase classname=\"\(classname)\" name=\"\(XML.escape(place))\">\n"
        cases += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(XML.escape(e(f.message)))\">\(XML.escape(body, attribute: false))</failure>\n"
        cases += "    </testcase>\n"
    }
}
