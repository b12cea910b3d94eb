import ArgumentParser
import Engine
import Foundation

/// The root command, and the one way out of every command: a command returns, or throws
/// `ExitCode(1)` for findings, a ``CommandFailure`` (exit 2, its diagnostics on standard
/// error), or a usage error (exit 2, as DESIGN §4 says; ArgumentParser's own default is
/// 64). Nothing else calls `exit`.
@main
struct Stratlint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stratlint",
        abstract: "Lint an organisation's strategy and IT inventory (YAML) against rules for aligning technology with business strategy.",
        discussion: """
        Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, configuration or rule error.
        """,
        version: stratlintVersion,
        subcommands: [Check.self, AuditCommand.self, GraphCommand.self, TestCommand.self, RulesCommand.self, BaselineCommand.self, Init.self, LSPCommand.self],
        defaultSubcommand: Check.self
    )

    static func main() {
        PhaseTimer.begin()
        // One command, then exit: what it built is returned to the system whole.
        ExitWithoutFreeing.enable()
        Foundation.exit(execute())
    }

    /// Runs the command `arguments` name (the process's, when nil) and returns its exit
    /// code, having written what it says to ``Console/current``. The tests run commands
    /// in process through it.
    static func execute(_ arguments: [String]? = nil) -> Int32 {
        let console = Console.current
        var command: ParsableCommand
        do {
            command = try PhaseTimer.measure("parse the command line") { try parseAsRoot(arguments) }
        } catch {
            // --help, --version, and usage errors, in ArgumentParser's words.
            guard exitCode(for: error) != .success else {
                console.out(fullMessage(for: error) + "\n")
                return 0
            }
            console.err(fullMessage(for: error) + "\n")
            return 2
        }
        do {
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch let failure as CommandFailure {
            console.err(failure.rendered)
            return 2
        } catch {
            // Help asked for on a subcommand, and usage errors, arrive here too, in
            // ArgumentParser's words; anything else a command meets (the system's errors)
            // is reported like the commands' own: `stratlint: error: …`.
            switch exitCode(for: error) {
            case .success:
                console.out(fullMessage(for: error) + "\n")
                return 0
            case .validationFailure:
                console.err(fullMessage(for: error) + "\n")
            default:
                console.err(CommandFailure(CommandFailure.describe(error)).rendered)
            }
            return 2
        }
    }
}
