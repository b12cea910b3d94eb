import ArgumentParser
import Engine
import Foundation
import YAML

/// `stratlint baseline [PATHS...] --output FILE`
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record today's findings in a baseline file, so that check reports only new ones.",
        discussion: """
        The file holds one entry per finding: rule id, logical path (such as
        Inventory.systems[id=pos].security.mfa) and a hash of the flagged value, without
        line numbers, sorted. `check --baseline FILE` (or `baseline: FILE` in
        .stratlint.yaml) hides those findings and reports entries that match nothing any
        more, so the file only shrinks. Examples:
          stratlint baseline --output .stratlint-baseline.json
          stratlint check --baseline .stratlint-baseline.json
        """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("The baseline file to write (default: the configuration's baseline).", valueName: "file"))
    var output: String?

    func run() throws {
        let sources = SourceTable()
        var request = common.request()
        request.ignoreBaseline = true
        let result = try common.run(request, sources: sources)
        guard let path = output ?? result.configuration.baseline else {
            throw CommandFailure("no baseline file to write", hint: "give the file to write with --output FILE, or set baseline: in .stratlint.yaml", sources)
        }
        let baseline = Baseline(findings: result.report.findings)
        try OutputFile.write(baseline.rendered(), to: path, sources)
        let n = baseline.entries.count
        Console.current.err("Wrote \(n) baseline entr\(n == 1 ? "y" : "ies") to \(path).\n")
    }
}
