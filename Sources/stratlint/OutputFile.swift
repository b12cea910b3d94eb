import Engine
import Foundation
import YAML

/// Writes a report or baseline the user asked for with `--output`.
enum OutputFile {
    /// Writes `text` to `path` atomically (``AtomicFile``), or throws why not.
    static func write(_ text: String, to path: String, _ sources: SourceTable) throws {
        try stream(to: path, sources) { $0.write(text) }
    }

    /// Writes what `produce` writes, streamed, to `path` atomically, or throws why not. stratlint never writes a file it has read in this run: `--output
    /// strategy.yaml` would otherwise replace an organisation document with a report.
    static func stream(to path: String, _ sources: SourceTable, _ produce: (inout FileOutput) -> Void) throws {
        let destination: AtomicFile.Destination
        do {
            destination = try AtomicFile.destination(of: path)
        } catch {
            throw CommandFailure("\(error)", hint: "check that the folder of \(path) exists and is writable", sources)
        }
        try refuseInput(destination, named: path, sources)
        do {
            try AtomicFile.write(to: destination) { fd in
                var out = FileOutput(fd: fd, name: path)
                produce(&out)
                try out.finish()
            }
        } catch {
            throw CommandFailure("\(error)", hint: "check that the folder of \(path) exists and is writable", sources)
        }
    }

    /// Throws when `destination` is a file this run has read (a linted document, a
    /// rule file, the configuration, the baseline), by whatever name or link it was
    /// reached: files are compared by identity (device and inode), not by spelling.
    static func refuseInput(_ destination: AtomicFile.Destination, named path: String, _ sources: SourceTable) throws {
        guard let target = FileIdentity.of(destination.path) else { return }  // nothing there: nothing read it
        if let input = sources.all.first(where: { $0.identity == target }) {
            throw CommandFailure("refusing to write \(path): it is \(input.path), a file this run reads", hint: "write the output to another file", sources)
        }
    }

    /// The real path of the `--history` database: a file path (never SQLite's
    /// `:memory:` or a `file:` URI, which would record nothing or open another file),
    /// resolved as ``AtomicFile/destination(of:)`` resolves it, and not a file this run
    /// reads.
    static func historyPath(_ path: String, _ sources: SourceTable) throws -> String {
        let hint = "--history takes a SQLite file that stratlint writes; give a new path to start one"
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else {
            throw CommandFailure("--history takes the path of a file, not '\(path)'", hint: hint, sources)
        }
        let destination: AtomicFile.Destination
        do {
            destination = try AtomicFile.destination(of: path)
        } catch {
            throw CommandFailure("\(error)", hint: hint, sources)
        }
        guard case .file(let real) = destination else {
            throw CommandFailure("the history \(path) is not a regular file", hint: hint, sources)
        }
        try refuseInput(destination, named: path, sources)
        return real
    }
}
