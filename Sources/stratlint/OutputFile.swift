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
    /// file, the configuration, the baseline), by whatever name or link it was reached.
    /// Only inputs of the target's size are looked at, so a large workspace costs nothing.
    static func refuseInput(_ path: String, _ sources: SourceTable) {
        var target = stat()
        guard stat(path, &target) == 0 else { return }  // it does not exist: nothing read it
        let input = sources.all.first { file in
            guard let absolute = file.absolutePath, file.bytes.count == Int(target.st_size) else { return false }
            var other = stat()
            return stat(absolute, &other) == 0 && other.st_dev == target.st_dev && other.st_ino == target.st_ino
        }
        if let input {
            Diagnostics.exit(with: [.error("refusing to write \(path): it is \(input.path), a file this run reads", at: nil,
                                           hint: "write the output to another file")], sources, summary: nil)
        }
    }
}
