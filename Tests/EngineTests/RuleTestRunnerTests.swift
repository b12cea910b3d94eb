@testable import Engine
import Foundation
import Testing
import TestSupport
import YAML

@Suite("Rule tests (stratlint test)")
struct RuleTestRunnerTests {
    func run(_ roots: [String], rules: [String] = [], only: Set<String> = []) -> Result<RuleTestRunner.Outcome, CheckFailure> {
        var request = RuleTestRunner.Request(fixtureRoots: roots.map(fixturePath), today: fixedToday)
        request.ruleDirectories = rules.map(fixturePath)
        request.rules = only
        return RuleTestRunner.run(request, sources: SourceTable())
    }

    /// The built-in pack passes its own fixtures, and every rule is tested.
    @Test func builtinPackPassesItsFixtures() throws {
        let outcome = try run(["rules"]).get()
        for r in outcome.results where !r.passed {
            Issue.record("\(r.rule): \(r.mismatches)")
        }
        #expect(outcome.untested.isEmpty, "rules without fixtures: \(outcome.untested)")
        #expect(outcome.results.map(\.rule) == builtinRuleIDs())
    }

    /// Each built-in rule has a workspace where it fires and one where it stays quiet.
    @Test(arguments: builtinRuleIDs())
    func everyRuleHasAFiringAndACleanFixture(_ id: String) throws {
        let folder = Repository.fixture("rules/\(id)")
        let units = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var firing = 0, clean = 0
        for unit in units where !unit.hasPrefix(".") {
            let files = FileDiscovery.files(under: [folder.appendingPathComponent(unit).path]).files
            let expects = files.contains { path in
                let bytes = FileManager.default.contents(atPath: path).map(Array.init) ?? []
                let file = SourceTable().add(path: path, bytes: bytes)
                return RuleTestRunner.annotations(in: file).contains { $0.rule == id && $0.expected }
            }
            if expects { firing += 1 } else { clean += 1 }
        }
        #expect(firing >= 1, "\(id) has no fixture where it fires")
        #expect(clean >= 1, "\(id) has no clean fixture")
    }

    /// A wrong fixture fails, and says what differs at which line.
    @Test func wrongFixtureFailsWithEachDifference() throws {
        let outcome = try run(["rule-tests/wrong"], only: ["goal-without-deadline"]).get()
        #expect(!outcome.passed)
        let mismatches = try #require(outcome.results.first).mismatches
        let file = "fixtures/rule-tests/wrong/goal-without-deadline/fires.yaml"
        #expect(mismatches == [
            .init(kind: .unexpected("Goal 'someday' has no deadline"), rule: "goal-without-deadline", file: file, line: 5),
            .init(kind: .missing, rule: "goal-without-deadline", file: file, line: 6),
            .init(kind: .unexpected("Goal 'later' has no deadline"), rule: "goal-without-deadline", file: file, line: 7),
            .init(kind: .missing, rule: "goal-without-deadline", file: file, line: 11),
        ])
    }

    @Test func folderThatNeverExpectsItsRuleFails() throws {
        let outcome = try run(["rule-tests/vacuous"], only: ["goal-without-deadline"]).get()
        #expect(outcome.results.first?.mismatches.map(\.kind) == [.vacuous])
    }

    @Test func folderNamedForNoRuleIsAnError() throws {
        guard case .failure(let failure) = run(["rule-tests/unknown"]) else {
            Issue.record("an unknown folder was accepted")
            return
        }
        #expect(failure.diagnostics.first?.message == "fixture folder fixtures/rule-tests/unknown/goal-without-dedline names no rule")
        #expect(failure.diagnostics.first?.hint == "did you mean 'goal-without-deadline'?")
    }

    @Test func annotationsOnTheLineOrBefore() throws {
        let text = """
            # expect: a
            x: 1   # expect: b, c -- a note
            z: 2   # expect: f
            # expect-not: d
            #
            y: "# expect: e"
            """
        let file = SourceTable().add(path: "t.yaml", bytes: Array(text.utf8))
        let found = RuleTestRunner.annotations(in: file).map { "\($0.rule)@\($0.line)\($0.expected ? "" : "!")" }
        #expect(found == ["a@2", "b@2", "c@2", "f@3", "d@6!"])
    }
}
