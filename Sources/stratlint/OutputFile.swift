import Engine
import Foundation
import YAML

/// Writes a report or baseline the user asked for with `--output`.
enum OutputFile {
    /// Writes `text` to `path` atomically (``AtomicFile``), or exits with 2 and a message.
    /// stratlint never writes a file it has read in this run: `--output strategy.yaml`
    /// would otherwise replace an organisation document with a report.
    static func write(_ text: String, to path: String, _ sources: SourceTable) {
        refuseInput(path, sources)
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            Diagnostics.exit(with: [.error("\(error)", at: nil, hint: "check that the folder of \(path) exists and is writable")], sources, summary: nil)
        }
    }

    /// Exits with 2 when `path` is a file this run has read (a linted document, a rule
    /// file, the configuration, the baseline).
    static func refuseInput(_ path: String, _ sources: SourceTable) {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let input = sources.all.first(where: { $0.absolutePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == target }) {
            Diagnostics.exit(with: [.error("refusing to write \(path): it is \(input.path), a file this run reads", at: nil,
                                           hint: "write the output to another file")], sources, summary: nil)
        }
    }
}
