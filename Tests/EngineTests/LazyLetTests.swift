import Engine
import Foundation
import Testing
import YAML

/// A rule's lets are worked out when first read (issue 19): the result is what working
/// them out in order gives, and a let the rule does not read costs nothing.
@Suite("Lazy lets")
struct LazyLetTests {
    /// A folder with one inventory, the rule file `rules` and `config`, checked with
    /// only those rules.
    static func run(rules: String, config: String = "version: 1\n") throws -> Report {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-lets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let systems = (0..<300).map { "  - { id: system-\($0), owner: cio }\n" }.joined()
        try ("kind: Inventory\nsystems:\n" + systems).write(to: dir.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        try rules.write(to: dir.appendingPathComponent("rules/lets.yaml"), atomically: true, encoding: .utf8)
        try config.write(to: dir.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
        let (report, problems) = check([dir.appendingPathComponent("inventory.yaml").path], rules: [dir.appendingPathComponent("rules").path],
                                       builtin: false, config: dir.appendingPathComponent(".stratlint.yaml").path)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        return try #require(report)
    }

    /// `b` is read before `a`, whose nested comprehensions need two slots of their
    /// own: they must not be `b`'s (the rule would read `b` back as a string). The lets
    /// read the system, so that they are not folded to constants when compiled.
    @Test func letsReadInAnyOrderKeepTheirValues() throws {
        let report = try Self.run(rules: """
            rules:
              - id: lets-in-any-order
                title: Lets read in any order
                pitfall: model-integrity
                severity: warning
                for: { system: "Inventory.systems.filter(s, s.id == 'system-7')" }
                let:
                  a: "[system.id, system.owner].map(x, [system.owner, system.id].map(y, x + '/' + y))"
                  b: "[system.id].map(z, z + '!')"
                when: "size(b) == 1 && size(a) == 2 && b[0] == 'system-7!' && a[1][1] == 'cio/system-7' && b == ['system-7!']"
                message: "{{system.id}}: {{b}} then {{a}}"

            """)
        #expect(report.ruleProblems.isEmpty, "\(report.ruleProblems.map(\.message))")
        #expect(report.findings.map(\.message) == ["system-7: system-7! then system-7/cio, system-7/system-7, cio/cio, cio/system-7"])
    }

    /// A let that would go over `max-steps` is never worked out for the systems whose
    /// `when` fails first, and stops the rule where it is read.
    @Test func aLetNotReadCostsNothing() throws {
        let rule = { (when: String) in Self.heavyRule(heavy: "\(Self.everyPair) > 0", when: when) }
        let skipped = try Self.run(rules: rule("system.id == 'none' && heavy"), config: Self.tightSteps)
        #expect(skipped.ruleProblems.isEmpty, "\(skipped.ruleProblems.map(\.message))")
        #expect(skipped.findings.isEmpty)
        let read = try Self.run(rules: rule("system.id == 'system-3' || heavy"), config: Self.tightSteps)
        #expect(read.ruleProblems.map(\.ruleID) == ["heavy"])
        #expect(read.ruleProblems.first?.message.contains("limits.max-steps") == true)
    }

    /// A let first read by `at`, as the index of a path, that goes over `max-steps`
    /// stops the rule there too: no finding placed with a value that was never worked out
    /// (the message reads nothing, so nothing after `at` would notice).
    @Test func aLetFirstReadByAtStopsTheRule() throws {
        let report = try Self.run(rules: Self.heavyRule(heavy: "\(Self.everyPair) > 0 ? 'owner' : 'id'", when: "system.id == 'system-3'",
                                                        at: "system[heavy]"), config: Self.tightSteps)
        #expect(report.ruleProblems.map(\.ruleID) == ["heavy"])
        #expect(report.ruleProblems.first?.stopped == true)
        #expect(report.findings.isEmpty)
    }

    /// 300 × 300 ids joined: over ``tightSteps`` wherever it is worked out.
    static let everyPair = "Inventory.systems.map(s, Inventory.systems.map(t, s.id + t.id)).size()"
    static let tightSteps = "version: 1\nlimits: { max-steps: 20000 }\n"

    /// A rule over every system whose let `heavy` is `value`, placed `at` when given. Its
    /// message reads nothing, so only `when` and `at` can read the let.
    static func heavyRule(heavy value: String, when: String, at: String? = nil) -> String {
        """
        rules:
          - id: heavy
            title: A heavy let
            pitfall: model-integrity
            severity: warning
            for: { system: Inventory.systems }
            let:
              heavy: "\(value)"
            when: "\(when)"
        \(at.map { "    at: \"\($0)\"\n" } ?? "")    message: "found"

        """
    }
}
