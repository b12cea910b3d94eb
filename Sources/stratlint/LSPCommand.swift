import ArgumentParser
import Foundation
import LanguageServer

/// `stratlint lsp`: the language server, over standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run a language server (LSP 3.17 over standard input and output): check's findings as diagnostics in an editor.",
        discussion: "Editors start it in the workspace folder; see docs/editors.md. It reads the nearest .stratlint.yaml as check does, and never writes a file."
    )

    @OptionGroup var today: TodayOption

    @Option(name: .customLong("docs-url"), help: ArgumentHelp(
        "Where the built-in rules' pages (docs/rules/RULE.md) are published, e.g. your mirror's docs/rules folder; diagnostics link to them. Default: the pages scripts/install.sh installs beside the binary, if there.",
        valueName: "url"))
    var docsURL: String?

    func run() throws {
        // A client that goes away must not end the server with SIGPIPE mid-message.
        signal(SIGPIPE, SIG_IGN)
        if let docsURL, !(docsURL.hasPrefix("https://") || docsURL.hasPrefix("http://") || docsURL.hasPrefix("file://")) {
            throw ValidationError("--docs-url takes an http(s) or file URL, not '\(docsURL)'")
        }
        let pages = docsURL ?? RulePages.installed(besides: RulePages.executable)
        let status = Server(today: today.date, docsURL: pages, writer: MessageWriter(fd: 1)).run(MessageReader(fd: 0))
        if status != 0 { throw ExitCode(status) }
    }
}
