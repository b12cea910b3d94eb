import ArgumentParser
import Engine
import Foundation
import YAML

/// `stratlint init [DIR]`
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter .stratlint.yaml, strategy.yaml and inventory.yaml (an existing file is never overwritten).",
        discussion: """
        The starter documents pass every built-in rule; edit them into your organisation's.
        Then run `stratlint check`.
        """
    )

    @Argument(help: "The folder to write into (default: the current folder).")
    var directory: String = "."

    /// The date the starter documents use for reviews and audits.
    @OptionGroup var today: TodayOption

    func run() throws {
        let date = today.date
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            Console.current.err("stratlint: error: cannot create \(directory): \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        // A folder that already holds YAML documents gets the configuration only: the
        // example goals and systems would merge into the organisation's real model.
        let starterNames = Set(StarterFiles.all(today: date).map(\.name))
        let existing = FileDiscovery.files(under: [directory], gitIgnore: true).files.filter { !starterNames.contains(($0 as NSString).lastPathComponent) }
        var failed = false
        for (name, text) in StarterFiles.all(today: date) {
            let path = directory == "." ? name : URL(fileURLWithPath: directory).appendingPathComponent(name).relativePath
            if name != ".stratlint.yaml", !existing.isEmpty {
                Console.current.out("skipped \(path) (the folder holds \(existing.count) YAML file\(existing.count == 1 ? "" : "s") already; the example would join your model)\n")
                continue
            }
            switch create(path, Array(text.utf8)) {
            case .created: Console.current.out("created \(path)\n")
            case .exists: Console.current.out("kept    \(path) (it exists; init never overwrites a file)\n")
            case .failed(let reason):
                Console.current.err("stratlint: error: cannot write \(path): \(reason)\n")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        Console.current.out("Next: edit the documents, then run `stratlint check`.\n")
    }

    private enum Outcome {
        case created, exists
        case failed(String)
    }

    /// Creates a file only if it does not exist (O_EXCL: no race with another writer).
    private func create(_ path: String, _ bytes: [UInt8]) -> Outcome {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            return errno == EEXIST ? .exists : .failed(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return .failed(String(cString: strerror(errno))) }
            written += n
        }
        return .created
    }
}
