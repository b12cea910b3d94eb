import ArgumentParser
import Engine
import Foundation
import Reporters
import YAML

/// `stratlint test [RULE-DIRS...]`
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rules on fixtures annotated with `# expect: RULE-ID` and `# expect-not: RULE-ID`.",
        discussion: """
        Fixtures live in one folder per rule, named by its id: under fixtures/rules/ (or
        --fixtures DIR), and under tests/ beside each RULE-DIR. Each YAML file in a rule's
        folder is a workspace of its own; each sub-folder is one workspace. An annotation
        on a line with YAML is about that line; alone on its line, about the next line
        that holds YAML. Every finding of the folder's rule (and of the rules its
        annotations name) must be expected, and every expectation found.
        Without RULE-DIRS the built-in pack is tested; with them, only their rules.
        Exit codes: 0 all pass, 1 a rule fails, 2 a rule or usage error.
        """
    )

    @Argument(help: "Rule packs whose rules to test (default: the built-in pack).")
    var ruleDirectories: [String] = []

    @Option(help: ArgumentHelp("The folder of <rule-id>/ fixture folders (default: fixtures/rules, if it exists).", valueName: "dir"))
    var fixtures: String?

    @Flag(help: "Do not load the built-in pack (its vocabularies and pack-level lets are then unavailable).")
    var noBuiltin = false

    @OptionGroup var today: TodayOption

    func validate() throws {
        if noBuiltin, ruleDirectories.isEmpty {
            throw ValidationError("--no-builtin leaves no rules to test; add RULE-DIRS")
        }
    }

    func run() throws {
        var roots: [String] = []
        if let fixtures {
            roots.append(fixtures)
        } else if FileManager.default.fileExists(atPath: "fixtures/rules") {
            roots.append("fixtures/rules")
        }
        roots += ruleDirectories.map { URL(fileURLWithPath: $0).appendingPathComponent("tests").relativePath }
            .filter { FileManager.default.fileExists(atPath: $0) }
        let sources = SourceTable()
        guard !roots.isEmpty else {
            throw CommandFailure("no fixtures found", hint: "give --fixtures DIR, or put them in fixtures/rules/ or RULE-DIR/tests/", sources)
        }
        var request = RuleTestRunner.Request(fixtureRoots: roots, today: today.date)
        request.ruleDirectories = ruleDirectories
        request.builtin = !noBuiltin
        request.packRulesOnly = !ruleDirectories.isEmpty
        switch RuleTestRunner.run(request, sources: sources) {
        case .failure(let failure):
            let n = failure.diagnostics.count
            throw CommandFailure(failure.diagnostics, sources,
                                 summary: failure.inRules ? "stopped: \(n) rule error\(n == 1 ? "" : "s"); no fixture was run" : nil)
        case .success(let outcome):
            Console.current.out(RuleTestReporter().render(outcome))
            if !outcome.passed { throw ExitCode(1) }
        }
    }
}
