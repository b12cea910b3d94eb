import ArgumentParser
import Engine
import Foundation
import Reporters
import RuleLanguage
import YAML

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, github, markdown
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
          stratlint check --workspace . strategy/goals.yaml   # as a pre-commit hook runs it
        """
    )

    @Argument(help: "Files or folders to check (folders recursively: *.yaml, *.yml). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Report format: text, json, sarif, junit, github or markdown. Repeatable: the i-th --output is the i-th format's file; one format may go to standard output.",
        valueName: "format"))
    var formats: [OutputFormat] = []

    @Option(name: .customLong("output"), help: ArgumentHelp("Write the report of the matching --format to this file (atomically).", valueName: "file"))
    var outputs: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule pack: a folder of rule files, or one file. Repeatable.", valueName: "dir"))
    var ruleDirectories: [String] = []

    @Flag(help: "Do not load the built-in pack.")
    var noBuiltin = false

    @Option(help: "Exit with 1 when a finding is at or above this severity: error, warning or info (default: the configuration's fail-on, else warning).")
    var failOn: Severity?

    @Option(help: ArgumentHelp("The configuration file (default: the nearest .stratlint.yaml from the working folder up).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Load documents from this folder to resolve references, but report only on PATHS (for pre-commit hooks).", valueName: "dir"))
    var workspace: String?

    @Option(help: ArgumentHelp("The date rules see as today() (YYYY-MM-DD); default: today in UTC.", valueName: "date"))
    var today: String?

    func validate() throws {
        if let today, CivilDate(iso: today) == nil {
            throw ValidationError("--today must be a date written YYYY-MM-DD, not '\(today)'")
        }
        if outputs.count > max(formats.count, 1) {
            throw ValidationError("each --output needs a --format before it: \(outputs.count) outputs for \(max(formats.count, 1)) formats")
        }
        if formats.count - outputs.count > 1 {
            throw ValidationError("only one report can go to standard output; give --output FILE for each --format but one")
        }
        if noBuiltin, ruleDirectories.isEmpty {
            throw ValidationError("--no-builtin leaves no rules to run; add --rules DIR")
        }
    }

    func run() throws {
        let sources = SourceTable()
        var request = CheckRequest(today: today.flatMap { CivilDate(iso: $0) } ?? CivilDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86400).rounded(.down))))
        request.paths = paths
        request.workspace = workspace
        request.configurationPath = config
        request.ruleDirectories = ruleDirectories
        request.builtin = !noBuiltin
        let result: CheckResult
        switch CheckRunner.run(request, sources: sources) {
        case .failure(let failure):
            let n = failure.diagnostics.count
            fail(failure.diagnostics, sources, summary: failure.inRules ? "stopped: \(n) rule error\(n == 1 ? "" : "s"); no document was checked" : nil)
        case .success(let r):
            result = r
        }
        let report = result.report
        let threshold = failOn ?? result.configuration.failOn ?? .warning
        let chosen = formats.isEmpty ? [OutputFormat.text] : formats
        for (i, format) in chosen.enumerated() {
            let file = i < outputs.count ? outputs[i] : nil
            let text = render(report, as: format, toTerminal: file == nil)
            if let file {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
                } catch {
                    fail([.error("cannot write \(file): \(error.localizedDescription)", at: nil, hint: "check that its folder exists and is writable")], sources, summary: nil)
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
        for p in report.ruleProblems {
            let d = Diagnostic(.warning, "rule '\(p.ruleID)' could not be evaluated on \(p.count) item\(p.count == 1 ? "" : "s"): \(p.message)", at: p.range,
                               hint: "the rule did not fire on those items; fix the rule, or the documents' types")
            FileHandle.standardError.write(Data(d.rendered(with: sources).utf8))
        }
        if report.hasFindings(atOrAbove: threshold) { throw ExitCode(1) }
    }

    private func render(_ report: Report, as format: OutputFormat, toTerminal: Bool) -> String {
        switch format {
        case .text:
            let colour = toTerminal && isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            return TextReporter(colour: colour).render(report)
        case .json: return JSONReporter().render(report)
        case .sarif:
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
            return SARIFReporter(repositoryRoot: RepositoryRoot.find(from: cwd), workingDirectory: cwd).render(report)
        case .junit: return JUnitReporter().render(report)
        case .github: return GitHubReporter().render(report)
        case .markdown: return MarkdownReporter().render(report)
        }
    }

    private func fail(_ diagnostics: [Diagnostic], _ sources: SourceTable, summary: String?) -> Never {
        var text = diagnostics.map { $0.rendered(with: sources) }.joined(separator: "\n")
        if let summary { text += "\n" + summary + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
        Foundation.exit(2)
    }
}
