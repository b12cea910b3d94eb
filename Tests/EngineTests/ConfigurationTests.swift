import Engine
import Foundation
import RuleLanguage
import Testing
import TestSupport
import YAML

@Suite("Configuration")
struct ConfigurationTests {
    @Test func everyKeyTakesEffect() throws {
        let report = try #require(check(["config/org"], config: "config/org/.stratlint.yaml").0)
        let expected = try #require(Repository.read(Repository.fixture("config/org/expected.txt")))
        let actual = report.findings.map { f in
            "\(f.file.replacingOccurrences(of: "fixtures/config/org/", with: "")):\(f.range?.start.line ?? 0):\(f.range?.start.column ?? 0): \(f.ruleID) \(f.severity.rawValue)"
        }
        #expect(actual == expected.split(separator: "\n").map(String.init))
        // vocabularies: the added term is the one the message names.
        #expect(report.findings.contains { $0.ruleID == "vague-goal-title" && $0.message == "Goal 'team-synergy' says 'synergise' but states no number" })
        // disable: orphan-system would fire on `wiki`.
        #expect(!report.rules.contains { $0.id == "orphan-system" })
        // severity: raised to error, also in the rule list reporters show.
        #expect(report.rules.first { $0.id == "goal-without-deadline" }?.severity == .error)
    }

    @Test func invalidConfigurationMessages() throws {
        let folder = Repository.fixture("config/invalid")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 7)
        for name in names {
            let (report, problems) = check(["clean"], config: "config/invalid/\(name)")
            #expect(report == nil, "\(name) was accepted")
            let sources = SourceTable()
            var request = CheckRequest(today: fixedToday)
            request.paths = [Repository.fixture("clean").path]
            request.configurationPath = folder.appendingPathComponent(name).path
            guard case .failure(let failure) = CheckRunner.run(request, sources: sources) else { continue }
            #expect(failure.diagnostics.count == problems.count)
            for d in failure.diagnostics { #expect(d.range != nil, "\(name): \(d.message) has no position") }
            // The repository's path differs between clones.
            let text = failure.diagnostics.map { $0.rendered(with: sources) }.joined(separator: "\n")
                .replacingOccurrences(of: Repository.root.path, with: "<repository>")
            expectGolden(text, at: folder.appendingPathComponent(name.replacingOccurrences(of: ".yaml", with: ".expected")))
        }
    }

    @Test(arguments: [
        ("*.yaml", "a.yaml", true), ("*.yaml", "deep/a.yaml", true), ("*.yaml", "a.yml", false),
        ("drafts/**", "drafts/a.yaml", true), ("drafts/**", "drafts/x/a.yaml", true), ("drafts/**", "other/drafts/a.yaml", false),
        ("**/drafts/**", "other/drafts/a.yaml", true), ("legacy/*.yaml", "legacy/a.yaml", true), ("legacy/*.yaml", "legacy/x/a.yaml", false),
        ("inv?ntory.yaml", "inventory.yaml", true), ("[ab].yaml", "b.yaml", true), ("[!ab].yaml", "b.yaml", false),
        ("strategy/", "strategy/goals.yaml", true), ("./a.yaml", "a.yaml", true), ("a+b.yaml", "a+b.yaml", true),
        // Sets with ranges, a reversed range, an unclosed `[`, a `]` first, `?` and `*` never match `/`.
        ("[a-c]x.yaml", "bx.yaml", true), ("[c-a]x.yaml", "bx.yaml", false), ("a[.yaml", "a[.yaml", true),
        ("[]a].yaml", "].yaml", true), ("a?b.yaml", "a/b.yaml", false), ("/a*.yaml", "ab/c.yaml", false),
        ("/top.yaml", "top.yaml", true), ("/top.yaml", "deep/top.yaml", false), ("**/x/**/*.yml", "a/x/b/c/d.yml", true),
        // No backtracking blow-up: a pattern of many stars over a long name.
        ("*a*a*a*a*a*a*a*a*a*a*b.yaml", String(repeating: "a", count: 2000) + ".yaml", false),
    ])
    func globs(_ pattern: String, _ path: String, _ matches: Bool) throws {
        #expect(try #require(Glob(pattern)).matches(path) == matches)
    }
}
