import Foundation

/// The little of git that `--new-since` needs, through git's plumbing commands: the
/// repository's top folder, a revision's commit, the files under some folders at that
/// commit, and their contents, read by one `git cat-file --batch` process.
public enum Git {
    /// The commit checked out in the repository that holds `directory`, or nil outside
    /// one (or in one without commits).
    public static func head(of directory: String) -> String? {
        guard let top = topLevel(of: directory) else { return nil }
        return commit("HEAD", in: top)
    }

    struct Failure: Error {
        var message: String
    }

    /// The repository's top folder (symbolic links resolved), or nil outside one.
    static func topLevel(of directory: String) -> String? {
        guard let r = try? run(["rev-parse", "--show-toplevel"], in: directory), r.status == 0 else { return nil }
        let path = String(decoding: r.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The commit a revision names, or nil when it names none.
    static func commit(_ revision: String, in top: String) -> String? {
        guard !revision.hasPrefix("-"),
              let r = try? run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: top), r.status == 0 else { return nil }
        let sha = String(decoding: r.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return sha.isEmpty ? nil : sha
    }

    /// The files (paths relative to `top`) under `folders` at `commit`.
    static func files(at commit: String, under folders: [String], in top: String) throws -> [String] {
        let r = try run(["ls-tree", "-r", "-z", "--name-only", commit, "--"] + folders, in: top)
        guard r.status == 0 else { throw Failure(message: "git ls-tree failed: \(r.error)") }
        return r.output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The contents of `paths` (relative to `top`) at `commit`; a path missing there has none.
    static func contents(of paths: [String], at commit: String, in top: String) throws -> [String: [UInt8]] {
        let asked = paths.filter { !$0.contains("\n") }
        guard !asked.isEmpty else { return [:] }
        let request = asked.map { "\(commit):\($0)\n" }.joined()
        let r = try run(["cat-file", "--batch"], in: top, input: Data(request.utf8))
        guard r.status == 0 else { throw Failure(message: "git cat-file failed: \(r.error)") }
        // Each answer: "<sha> <type> <size>\n<bytes>\n", or "<name> missing\n".
        var found: [String: [UInt8]] = [:]
        let out = [UInt8](r.output)
        var i = 0
        for path in asked {
            guard let eol = out[i...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: out[i..<eol], as: UTF8.self).split(separator: " ")
            i = eol + 1
            guard header.count == 3, let size = Int(header[2]), i + size <= out.count else { continue }
            if header[1] == "blob" { found[path] = Array(out[i..<(i + size)]) }
            i += size + 1
        }
        return found
    }

    /// Runs git; the input goes through a temporary file so that a large answer cannot
    /// dead-lock against a large question.
    private static func run(_ arguments: [String], in directory: String, input: Data? = nil) throws -> (status: Int32, output: Data, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        var inputFile: URL?
        if let input {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-git-\(UUID().uuidString)")
            try input.write(to: url)
            inputFile = url
            process.standardInput = try FileHandle(forReadingFrom: url)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        defer { if let inputFile { try? FileManager.default.removeItem(at: inputFile) } }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read standard error on another thread so neither pipe can fill up and block git.
        let errorData = ErrorReader(error.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data, errorData.text())
    }

    private final class ErrorReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }
        }
        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
