import Audit
import Engine
import Foundation
import RuleCompiler
import RuleLanguage
import Testing
import TestSupport
import YAML

@Suite("Audit")
struct AuditTests {
    private func findings(errors: Int = 0, warnings: Int = 0, infos: Int = 0) -> [Finding] {
        [(Severity.error, errors), (.warning, warnings), (.info, infos)].flatMap { severity, n in
            (0..<n).map { i in Finding(ruleID: "r\(i)", pitfall: .vagueGoals, severity: severity, message: "m", fix: nil, file: "f", range: nil) }
        }
    }

    /// The formula of docs/audit.md on cases worked out by hand.
    @Test func scoreByHand() {
        // Nothing to judge and nothing found: F = 1, no metric has items.
        let empty = AlignmentScore(metrics: [MetricValue(holds: 0, total: 0)], findings: [], items: 0)
        #expect(empty.metricPart == nil && empty.findingPart == 1 && empty.value == 100)
        // M = (0.5 + 1.0) / 2 = 0.75 (the metric without items is left out);
        // w = 3·1 + 2 = 5 (info weighs nothing); F = 10 / 15; (0.75 + 0.6667) / 2 = 0.7083 → 71.
        let mixed = AlignmentScore(
            metrics: [MetricValue(holds: 1, total: 2), MetricValue(holds: 3, total: 3), MetricValue(holds: 0, total: 0)],
            findings: findings(errors: 1, warnings: 2, infos: 5), items: 10)
        #expect(mixed.metricPart == 0.75)
        #expect(mixed.weightedFindings == 5)
        #expect(abs(mixed.findingPart - 2.0 / 3.0) < 1e-12)
        #expect(mixed.value == 71)
        // Weighted findings equal to the items halve F: 4 / (4 + 4) = 0.5 → 50.
        #expect(AlignmentScore(metrics: [], findings: findings(warnings: 4), items: 4).value == 50)
        // Findings but no items: F = 0; with every metric met, (1 + 0) / 2 → 50.
        #expect(AlignmentScore(metrics: [MetricValue(holds: 2, total: 2)], findings: findings(errors: 1), items: 0).value == 50)
        // Halves round up, as by hand: M = 0.5, F = 1 → 75; M = 0.25, F = 6 / (6 + 3 + 1) = 0.6
        // → 42.5 → 43 (in binary floating point 0.425 × 100 is 42.4999…, which must not give 42).
        #expect(AlignmentScore(metrics: [MetricValue(holds: 1, total: 2)], findings: [], items: 3).value == 75)
        #expect(AlignmentScore(metrics: [MetricValue(holds: 1, total: 4)], findings: findings(errors: 1, warnings: 1), items: 6).value == 43)
    }
}

@Suite("Audit evidence")
struct AuditEvidenceTests {
    /// The digests an auditor can recompute with sha256sum: each input file's, and the
    /// rule packs' (one line "PATH NUL SHA-256 LF" per rule file, sorted, hashed).
    @Test func digestsAreRecomputable() throws {
        let result = try checkResult(["acme-retail"])
        let audit = Audit.make(result, today: fixedToday)
        // Both built-in packs: rules/*.yaml and rules/backstage/*.yaml.
        let lines = try ["rules", "rules/backstage"].flatMap { folder -> [String] in
            let url = Repository.root.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".yaml") }
            return try names.map { name in
                "<builtin>/\(folder)/\(name)\u{0}\(SHA256.hex(try Data(contentsOf: url.appendingPathComponent(name))))\n"
            }
        }
        #expect(audit.rulesDigest == SHA256.hex(Array(lines.sorted().joined().utf8)))
        #expect(audit.inputs.count == 5)
        for input in audit.inputs {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: input.path, relativeTo: Repository.root))
            #expect(input.sha256 == SHA256.hex(bytes), "\(input.path)")
        }
        #expect(audit.configurationDigest == nil)
    }

    /// With a configuration, its SHA-256 is recorded.
    @Test func configurationDigest() throws {
        let result = try checkResult(["config/org"], config: "config/org/.stratlint.yaml")
        let bytes = try Data(contentsOf: Repository.fixture("config/org/.stratlint.yaml"))
        #expect(Audit.make(result, today: fixedToday).configurationDigest == SHA256.hex(bytes))
    }
}
