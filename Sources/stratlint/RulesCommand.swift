import ArgumentParser
import Engine
import Foundation
import Reporters
import RuleCompiler
import RuleLanguage
import YAML

/// `stratlint rules list|explain|check|docs`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "What each rule checks, why, and how to fix it; compile rule packs; write docs/rules/.",
        subcommands: [List.self, Explain.self, CheckPacks.self, Docs.self, Schema.self],
        defaultSubcommand: List.self
    )

    /// Which packs to load.
    struct Packs: ParsableArguments {
        @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule pack (a folder of rule files, or one file). Repeatable.", valueName: "dir"))
        var ruleDirectories: [String] = []

        @Flag(help: "Do not load the built-in pack.")
        var noBuiltin = false

        /// The compiled packs, or the errors thrown.
        func load(_ sources: SourceTable) throws -> Program {
            let (program, problems) = RulePacks.load(builtin: !noBuiltin, directories: ruleDirectories, into: sources)
            if !problems.isEmpty {
                let n = problems.count
                throw CommandFailure(problems, sources, summary: "stopped: \(n) rule error\(n == 1 ? "" : "s")")
            }
            return program
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules: id, pitfall, severity, title.")

        @OptionGroup var packs: Packs

        @Option(help: "text or json.")
        var format: ListFormat = .text

        enum ListFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let rules = try packs.load(SourceTable()).rules.sorted { $0.id < $1.id }
            switch format {
            case .json:
                struct Row: Encodable { var id, pitfall, severity, title: String }
                let rows = rules.map { Row(id: $0.id, pitfall: $0.pitfall.rawValue, severity: $0.severity.rawValue, title: $0.title) }
                Console.current.out((JSONText.encode(rows) ?? "[]") + "\n")
            case .text:
                let idWidth = rules.map(\.id.count).max() ?? 2
                let pitfallWidth = rules.map(\.pitfall.rawValue.count).max() ?? 7
                for r in rules {
                    let id = r.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                    let pitfall = r.pitfall.rawValue.padding(toLength: pitfallWidth, withPad: " ", startingAt: 0)
                    let severity = r.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                    Console.current.out(TerminalText.escape("\(id)  \(pitfall)  \(severity)  \(r.title)") + "\n")
                }
            }
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print a kind's schema as a JSON Schema, for editors (schemas/*.schema.json are written so).")

        @OptionGroup var packs: Packs

        @Argument(help: "The kind, e.g. Strategy.")
        var kind: String

        func run() throws {
            let schemas = try packs.load(SourceTable()).schemas
            guard let schema = schemas[kind] else {
                throw CommandFailure("no pack declares a schema for the kind '\(kind)'",
                                     hint: Suggestion.hint(for: kind, among: Array(schemas.keys), listing: "kinds with a schema"))
            }
            Console.current.out(KindSchemaJSON.render(schema))
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule: what it checks, why it matters, how to fix it, and an example.")

        @OptionGroup var packs: Packs

        @Argument(help: "The rule id.")
        var id: String

        func run() throws {
            let rules = try packs.load(SourceTable()).rules
            guard let rule = rules.first(where: { $0.id == id }) else {
                throw CommandFailure("no rule '\(id)'", hint: Suggestion.hint(for: id, among: rules.map(\.id), listing: "rules"))
            }
            let examples = RulePacks.builtinExamples(for: rule.id)
            // A pack's docs are data: shown escaped, so they cannot drive the terminal.
            Console.current.out(TerminalText.escapeLines(RuleDocs.page(for: rule, fires: examples.fires, clean: examples.clean)))
        }
    }

    struct CheckPacks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compile rule packs and print every rule error at once, without reading documents.",
            discussion: """
            Exit 2 on any error, 0 when every rule compiles. With --workspace DIR and
            --verbose, rules whose `for` finds nothing in DIR's documents are listed as info
            (often a misspelt kind or field).
            """
        )

        @Argument(help: "Rule packs: folders of rule files, or files.")
        var directories: [String]

        @Flag(help: "Do not load the built-in pack (its vocabularies and pack-level lets are then unavailable).")
        var noBuiltin = false

        @Option(help: ArgumentHelp("With --verbose: documents to try the rules' `for` on.", valueName: "dir"))
        var workspace: String?

        @Flag(help: "Report rules that match nothing in --workspace.")
        var verbose = false

        func run() throws {
            let sources = SourceTable()
            let (program, problems) = RulePacks.load(builtin: !noBuiltin, directories: directories, into: sources)
            if !problems.isEmpty {
                let n = problems.count
                throw CommandFailure(problems, sources, summary: "\(n) rule error\(n == 1 ? "" : "s")")
            }
            let checked = program.rules.filter { !RulePacks.isBuiltin($0, in: sources) }
            let own = Set(checked.map(\.id))
            Console.current.out("\(checked.count) rule\(checked.count == 1 ? "" : "s") in \(directories.joined(separator: ", ")) compile.\n")
            guard verbose, let workspace else { return }
            let files = FileDiscovery.files(under: [workspace], gitIgnore: true).files
            let loaded = Workspace.load(files, into: sources)
            for rule in Checker.idleRules(program, on: loaded, today: TodayOption.resolve(nil)) where own.contains(rule.id) {
                let d = Diagnostic(.info, "rule '\(rule.id)' looks at nothing in \(workspace): its `for` gives no item", at: rule.range,
                                   hint: "check the kind and field names it reads")
                Console.current.err(d.rendered(with: sources))
            }
        }
    }

    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "docs", abstract: "Write the built-in pack's pages (docs/rules/) from the rules and their fixtures.")

        @Option(help: ArgumentHelp("The folder to write (default: docs/rules).", valueName: "dir"))
        var output = "docs/rules"

        func run() throws {
            let sources = SourceTable()
            let (program, problems) = RulePacks.load(builtin: true, directories: [], into: sources)
            if !problems.isEmpty { throw CommandFailure(problems, sources) }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let files = RuleDocs.builtinFolder(program.rules)
            let keep = Set(files.map(\.name))
            // A page of a rule that no longer exists is removed; nothing else is: only a
            // file that reads as a page this command wrote (`# <id>`, the title, the pitfall
            // table, for a name that is a rule id), so `--output .` cannot delete a README.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? [] where name.hasSuffix(".md") && !keep.contains(name) {
                let path = (output as NSString).appendingPathComponent(name)
                let id = String(name.dropLast(3))
                guard name != "README.md", id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }),
                      case .bytes(let bytes, _) = FileReader.read(path, maxSize: 1 << 20),
                      bytes.starts(with: Array("# \(id)\n\n**".utf8)),
                      String(decoding: bytes, as: UTF8.self).contains("\n| pitfall | default severity |\n") else { continue }
                try FileManager.default.removeItem(atPath: path)
            }
            // A file of the same name that this command did not write (a README of the
            // folder's own) is not replaced.
            for (name, text) in files {
                let path = (output as NSString).appendingPathComponent(name)
                let heading = text.prefix { $0 != "\n" } + "\n"
                if case .bytes(let bytes, _) = FileReader.read(path, maxSize: 1 << 20), !bytes.starts(with: Array(heading.utf8)) {
                    throw CommandFailure("refusing to replace \(path): it is not a page that `rules docs` wrote",
                                         hint: "write the pages to a folder of their own, such as docs/rules", sources)
                }
            }
            for (name, text) in files {
                try AtomicFile.write(Array(text.utf8), to: (output as NSString).appendingPathComponent(name))
            }
            Console.current.out("wrote \(files.count) pages to \(output)\n")
        }
    }
}
