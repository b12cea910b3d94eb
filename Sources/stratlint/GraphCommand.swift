import ArgumentParser
import Audit
import Engine
import Foundation
import Reporters
import YAML

/// `stratlint graph [PATHS...]`: the alignment map.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the alignment map: goals → initiatives → systems, integrations, and what is wrong marked.",
        discussion: """
        Marked: goals no initiative supports, active systems that support no goal and that
        no initiative lists (orphan technology), and ids referred to but not defined
        (dangling references, drawn as dashed nodes). docs/audit.md explains the map.

        Examples:
          stratlint graph fixtures/acme-retail --format mermaid
          stratlint graph --format svg --output map.svg
          stratlint graph --format dot | dot -Tpng > map.png
        """
    )

    enum Layout: String, ExpressibleByArgument, CaseIterable {
        case auto, graphviz, builtin
    }

    @OptionGroup var common: CommonOptions

    @Option(help: "dot, svg or mermaid.")
    var format = GraphFormat.first

    @Option(help: "For svg: graphviz (run `dot`), builtin (stratlint's own layered layout), or auto: graphviz when `dot` is installed, else builtin.")
    var layout: Layout = .auto

    @Option(help: ArgumentHelp("Write the map to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let sources = SourceTable()
        // The documents, and the rules' verdicts: a system is an orphan where the rule
        // orphan-system says so, on the map as in the report.
        let map = AlignmentMap(checked: try common.run(common.request(), sources: sources))
        let text = try graphvizSVG(of: map, sources) ?? {
            var out = ""
            format.reporter.init(context: ReportContext()).write(map, to: &out)
            return out
        }()
        if let output {
            try OutputFile.write(text, to: output, sources)
        } else {
            Console.current.out(text)
        }
    }

    /// The SVG Graphviz lays out, for `--format svg` unless `--layout builtin`; nil where
    /// the registry's reporter writes the map (another format, or `auto` without `dot`).
    private func graphvizSVG(of map: AlignmentMap, _ sources: SourceTable) throws -> String? {
        guard format.reporter == GraphSVGReporter.self, layout != .builtin else { return nil }
        guard let dot = Graphviz.find() else {
            guard layout != .graphviz else {
                throw CommandFailure("--layout graphviz needs Graphviz's `dot`, which is not on the PATH",
                                     hint: "install it (apt-get install graphviz), or use --layout builtin", sources)
            }
            return nil
        }
        do {
            return try Graphviz.svg(GraphDOTReporter().render(map), dot: dot)
        } catch {
            throw CommandFailure("`dot -Tsvg` failed: \(error)", hint: "use --layout builtin", sources)
        }
    }
}

/// Graphviz's `dot`, run on a DOT text.
enum Graphviz {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The path of `dot` on the PATH, if any.
    static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The SVG `dot -Tsvg` makes of `source`. The input goes through a temporary file so
    /// that a large answer cannot block against a large question.
    static func svg(_ source: String, dot: String) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-map-\(getpid())-\(UUID().uuidString).dot")
        try source.write(to: input, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg", input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "exit status \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
