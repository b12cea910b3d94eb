import ArgumentParser
import Engine
import Foundation
import Reporters
import RuleLanguage
import YAML

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Severity: ExpressibleByArgument {}

/// `stratlint check [PATHS...]`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check YAML documents against the rule packs.",
        discussion: """
        Examples:
          stratlint check fixtures/acme-retail
          stratlint check --format json --today 2026-11-22 strategy/ inventory/
          stratlint check --rules my-rules/ --fail-on error
        """
    )

    @Argument(help: "Files or folders to check (folders recursively: *.yaml, *.yml). Default: the current folder.")
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule pack: a folder of rule files, or one file. Repeatable.", valueName: "dir"))
    var ruleDirectories: [String] = []

    @Flag(help: "Do not load the built-in pack.")
    var noBuiltin = false

    @Option(help: "Exit with 1 when a finding is at or above this severity: error, warning or info.")
    var failOn: Severity = .warning

    @Option(help: ArgumentHelp("The date rules see as today() (YYYY-MM-DD); default: today in UTC.", valueName: "date"))
    var today: String?

    func validate() throws {
        if let today, CivilDate(iso: today) == nil {
            throw ValidationError("--today must be a date written YYYY-MM-DD, not '\(today)'")
        }
        if noBuiltin, ruleDirectories.isEmpty {
            throw ValidationError("--no-builtin leaves no rules to run; add --rules DIR")
        }
    }

    func run() throws {
        let sources = SourceTable()
        let (program, ruleProblems) = RulePacks.load(builtin: !noBuiltin, directories: ruleDirectories, into: sources)
        guard ruleProblems.isEmpty else {
            fail(ruleProblems, sources, summary: "stopped: \(ruleProblems.count) rule error\(ruleProblems.count == 1 ? "" : "s"); no document was checked")
        }
        let date = today.flatMap { CivilDate(iso: $0) } ?? CivilDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86400).rounded(.down)))
        let (report, problems) = Checker.check(
            paths: paths.isEmpty ? ["."] : paths, excluding: ruleDirectories,
            program: program, today: date, sources: sources)
        guard let report, problems.isEmpty else { fail(problems, sources, summary: nil) }

        let text: String
        switch format {
        case .text:
            let colour = output == nil && isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            text = TextReporter(colour: colour).render(report)
        case .json:
            text = JSONReporter().render(report)
        }
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                fail([.error("cannot write \(output): \(error.localizedDescription)", at: nil)], sources, summary: nil)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        for p in report.ruleProblems {
            let d = Diagnostic(.warning, "rule '\(p.ruleID)' could not be evaluated on \(p.count) item\(p.count == 1 ? "" : "s"): \(p.message)", at: p.range,
                               hint: "the rule did not fire on those items; fix the rule, or the documents' types")
            FileHandle.standardError.write(Data(d.rendered(with: sources).utf8))
        }
        if report.hasFindings(atOrAbove: failOn) { throw ExitCode(1) }
    }

    private func fail(_ diagnostics: [Diagnostic], _ sources: SourceTable, summary: String?) -> Never {
        var text = diagnostics.map { $0.rendered(with: sources) }.joined(separator: "\n")
        if let summary { text += "\n" + summary + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
        Foundation.exit(2)
    }
}
