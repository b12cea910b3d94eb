import ArgumentParser
import Engine
import Foundation
import Reporters
import RuleLanguage
import YAML

extension Severity: ExpressibleByArgument {
    public init?(argument: String) { self.init(written: argument) }
}

/// `stratlint check [PATHS...]`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check YAML documents against the rule packs.",
        discussion: """
        Examples:
          stratlint check fixtures/acme-retail
          stratlint check --format json --today 2026-11-22 strategy/ inventory/
          stratlint check --rules my-rules/ --fail-on error
          stratlint check --workspace . strategy/goals.yaml   # as a pre-commit hook runs it
        """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Report format: \(CheckFormat.allValueStrings.joined(separator: ", ")). Repeatable: the i-th --output is the i-th format's file; one format may go to standard output.",
        valueName: "format"))
    var formats: [CheckFormat] = []

    @Option(name: .customLong("output"), help: ArgumentHelp("Write the report of the matching --format to this file (atomically).", valueName: "file"))
    var outputs: [String] = []

    @Option(help: "Exit with 1 when a finding is at or above this severity: error, warning or info (default: the configuration's fail-on, else warning).")
    var failOn: Severity?

    @Option(help: ArgumentHelp("Hide the findings this baseline file accepts and report its entries that match nothing (default: the configuration's baseline).", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Report only findings the workspace did not have at this git revision (a branch, tag or commit).", valueName: "ref"))
    var newSince: String?

    func validate() throws {
        if outputs.count > max(formats.count, 1) {
            throw ValidationError("each --output needs a --format before it: \(outputs.count) outputs for \(max(formats.count, 1)) formats")
        }
        if formats.count - outputs.count > 1 {
            throw ValidationError("only one report can go to standard output; give --output FILE for each --format but one")
        }
    }

    func run() throws {
        let sources = SourceTable()
        var request = common.request()
        request.baselinePath = baseline
        request.newSince = newSince
        let chosen = (formats.isEmpty ? [CheckFormat.first] : formats).map(\.reporter)
        request.keepsSourceBytes = chosen.contains { $0.quotesSourceLines }
        let result = try common.run(request, sources: sources)
        defer { ExitWithoutFreeing.keep(result) }
        let report = result.report
        let threshold = failOn ?? result.configuration.failOn ?? .warning
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        for (i, format) in chosen.enumerated() {
            let file = i < outputs.count ? outputs[i] : nil
            // Colour only for text on a terminal, and never with NO_COLOR set.
            let colour = file == nil && Console.current.isTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            let reporter = format.init(context: ReportContext(colour: colour, workingDirectory: cwd, repositoryRoot: RepositoryRoot.find(from: cwd)))
            try PhaseTimer.measure("render \(format.name)") {
                if let file {
                    try OutputFile.stream(to: file, sources) { reporter.write(report, to: &$0) }
                } else {
                    var out = Console.current.stream()
                    reporter.write(report, to: &out)
                    do {
                        try out.finish()
                    } catch {
                        throw CommandFailure("\(error)", sources)
                    }
                }
            }
        }
        try Diagnostics.reportRuleProblems(report, sources)
        if report.hasFindings(atOrAbove: threshold) { throw ExitCode(1) }
    }
}
