import ArgumentParser
import Audit
import Engine
import Foundation
import History
import Reporters
import YAML

/// `stratlint audit [PATHS...]`: the governance scorecard.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Write a governance audit: the alignment score, findings per pitfall, metrics, breakdowns and evidence.",
        discussion: """
        An audit reports on every finding: the baseline is not applied. It exits with 0
        when it is written, whatever it found (use `check` as a gate), and with 2 when the
        rules or the configuration are broken. docs/audit.md explains every figure.

        Examples:
          stratlint audit fixtures/acme-retail --today 2026-11-22
          stratlint audit --format json --output audit.json
          stratlint audit --history audits.sqlite --format html --output audit.html
        """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "markdown, html (one self-contained page) or json.")
    var format = AuditFormat.first

    @Option(help: ArgumentHelp("Write the audit to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Record this audit in a SQLite history (created if missing) and show the trend over the recorded audits.", valueName: "file"))
    var history: String?

    func run() throws {
        let sources = SourceTable()
        var request = common.request()
        request.ignoreBaseline = true
        let result = try common.run(request, sources: sources)
        var audit = Audit.make(result, today: request.today)
        // A rule stopped by a limit leaves the audit incomplete: it is written, with exit
        // code 2, but not recorded in the history, whose trend it would bend.
        if let history, !result.report.ruleProblems.contains(where: \.stopped) {
            let path = try OutputFile.historyPath(history, sources)
            do {
                let store = try HistoryStore(path: path)
                try store.record(AuditRecord(audit, commit: Git.head(of: FileManager.default.currentDirectoryPath)))
                audit.history = try store.all()
            } catch {
                throw CommandFailure("\(error)", hint: "--history takes a SQLite file that stratlint writes; give a new path to start one", sources)
            }
        }
        let reporter = format.reporter.init(context: ReportContext())
        if let output {
            try OutputFile.stream(to: output, sources) { reporter.write(audit, to: &$0) }
        } else {
            var out = Console.current.stream()
            reporter.write(audit, to: &out)
            do { try out.finish() } catch { throw CommandFailure("\(error)", sources) }
        }
        try Diagnostics.reportRuleProblems(result.report, sources)
    }
}
