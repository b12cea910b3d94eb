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
        subcommands: [Check.self, AuditCommand.self, GraphCommand.self, TestCommand.self, RulesCommand.self, BaselineCommand.self, Init.self],
        defaultSubcommand: Check.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data(failure.rendered.utf8))
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
