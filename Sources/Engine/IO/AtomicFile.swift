import Foundation

/// Writes a file so that it is never seen half-written: the bytes go to a temporary
/// file beside it (`.NAME.stratlint-PID.tmp`), which is flushed to disk and renamed over
/// the target. Readers see the old file or the new one.
///
/// If the run is interrupted (SIGINT, SIGTERM, SIGHUP) during a write, the temporary
/// file is removed before the process dies of the signal; the target is untouched. The
/// handlers are installed on the first write. Only SIGKILL (which nothing can catch)
/// can leave a temporary file, named as above; the next write of the same file removes
/// it.
public enum AtomicFile {
    /// Writes `bytes` to `path`, replacing it (keeping its permissions) if it exists.
    /// Throws an error whose description says what failed, with the system's reason.
    ///
    /// A target that exists and is not a regular file (`/dev/stdout`, `/dev/null`, a
    /// FIFO) is written to directly: there is nothing to replace. A symbolic link to a
    /// regular file keeps the link, and its target is replaced.
    public static func write(_ bytes: [UInt8], to requested: String) throws {
        try write(to: requested) { fd in
            if let error = writeAll(bytes, to: fd) { throw Failure(error, "write \(requested)") }
        }
    }

    /// Writes what `produce` writes to the file descriptor it is given, as
    /// ``write(_:to:)`` does: a report is streamed to disk, never held whole in memory.
    public static func write(to requested: String, _ produce: (Int32) throws -> Void) throws {
        try write(to: destination(of: requested), produce)
    }

    /// Where a write lands: a regular file (created or replaced) at a real path, or a
    /// device or pipe written as it is.
    public enum Destination: Sendable, Equatable {
        case file(String)
        case device(String)

        public var path: String {
            switch self {
            case .file(let p), .device(let p): return p
            }
        }
    }

    /// Where writing to `requested` lands, resolved as the kernel resolves the path: no
    /// `..` is folded away by spelling (`nosuchdir/../x.yaml` needs `nosuchdir`), a
    /// trailing `/` names a folder, never the file before it, and a link leads to its
    /// target. So the destination can be compared with the files a run reads.
    public static func destination(of requested: String) throws -> Destination {
        try destination(of: requested, looksLeft: 2)
    }

    /// `looksLeft`: how many more times to look when another process makes the file
    /// between two looks (twenty audits starting one history at once).
    private static func destination(of requested: String, looksLeft: Int) throws -> Destination {
        guard !requested.isEmpty else { throw Failure(description: "the output path is empty") }
        var info = stat()
        if stat(requested, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw Failure(description: "cannot write \(requested): it is a folder")
            case S_IFREG: return .file(try realPath(requested, writing: requested))
            default: return .device(requested)
            }
        }
        let code = errno
        guard code == ENOENT else { throw Failure(code, "write \(requested)") }
        guard !requested.hasSuffix("/") else { throw Failure(description: "cannot write \(requested): a path that ends with / names a folder") }
        if lstat(requested, &info) == 0 {
            if info.st_mode & S_IFMT != S_IFLNK {
                guard looksLeft > 0 else { throw Failure(description: "cannot write \(requested): another program keeps making and removing it; try again") }
                return try destination(of: requested, looksLeft: looksLeft - 1)
            }
            throw Failure(description: "cannot write \(requested): it is a link to a file that does not exist")
        }
        let slash = requested.lastIndex(of: "/")
        let folder = slash.map { $0 == requested.startIndex ? "/" : String(requested[..<$0]) } ?? "."
        let name = slash.map { String(requested[requested.index(after: $0)...]) } ?? requested
        guard name != ".", name != ".." else { throw Failure(description: "cannot write \(requested): it names a folder") }
        let real = try realPath(folder, writing: requested)
        return .file(real == "/" ? "/" + name : real + "/" + name)
    }

    /// The kernel's `realpath`: every link and `..` resolved on disk; a failure names the
    /// path the user asked to write.
    private static func realPath(_ path: String, writing requested: String) throws -> String {
        guard let resolved = realpath(path, nil) else { throw Failure(errno, "write \(requested)") }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes to a destination from ``destination(of:)``.
    public static func write(to destination: Destination, _ produce: (Int32) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        guard case .file(let path) = destination else {
            try stream(to: destination.path, produce)
            return
        }
        installHandlers()
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).stratlint-\(getpid()).tmp")
        var existing = stat()
        let replacing = stat(path, &existing) == 0
        let mode: mode_t = replacing ? existing.st_mode & 0o7777 : 0o666

        removeLeftovers(of: url.lastPathComponent, in: folder)
        pending = strdup(temporary)
        defer { finish(removing: true) }
        // A file left by a killed run of the same pid, or a link planted there, is removed
        // first; O_EXCL then refuses anything that appears in between.
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(errno, "create a temporary file in \(folder)") }
        var closed = false
        defer { if !closed { close(fd) } }
        if replacing { fchmod(fd, mode) }  // the umask must not narrow a kept mode
        try produce(fd)
        pauseForTests()
        guard fsync(fd) == 0 else { throw Failure(errno, "write \(path) to disk") }
        closed = true
        guard close(fd) == 0 else { throw Failure(errno, "write \(path)") }
        guard rename(temporary, path) == 0 else { throw Failure(errno, "replace \(path)") }
        // Renamed: nothing left to remove.
        finish(removing: false)
    }

    /// Removes the temporary files an earlier write of `name` left when it was killed
    /// (SIGKILL, a power cut): `.NAME.stratlint-PID.tmp` whose process is gone. A file of
    /// a process that still runs (another write under way) is left alone.
    private static func removeLeftovers(of name: String, in folder: String) {
        let prefix = ".\(name).stratlint-", suffix = ".tmp"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(suffix) {
            guard let pid = pid_t(entry.dropFirst(prefix.count).dropLast(suffix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink((folder as NSString).appendingPathComponent(entry))
            }
        }
    }

    /// Forgets the pending temporary file, removing it unless it was renamed. The
    /// pointer is cleared before it is freed, so the signal handler never reads freed
    /// memory.
    private static func finish(removing: Bool) {
        guard let p = pending else { return }
        if removing { unlink(p) }  // first: a signal meanwhile only unlinks it again
        pending = nil
        free(p)
    }

    /// Writes to a device or a pipe as it is.
    private static func stream(to path: String, _ produce: (Int32) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(errno, "open \(path)") }
        defer { close(fd) }
        try produce(fd)
    }

    /// Writes every byte, retrying on EINTR; the errno of a failure, else nil.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let n = Foundation.write(fd, base + written, bytes.count - written)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return n < 0 ? errno : EIO }
            written += n
        }
        return nil
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }

    /// Why a write failed: "cannot write report.json: no space left on device".
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
        public init(_ code: Int32, _ action: String) {
            description = "cannot \(action): \(FileReader.reason(code))"
        }
    }

    // MARK: Interruption

    /// Serialises writes, so one temporary file at most is pending.
    private static let lock = NSLock()
    /// The temporary file being written, for the signal handler. A C string, so the
    /// handler only calls `unlink`, which is safe in a signal handler.
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if let p = AtomicFile.pending { unlink(p) }
                // Die of the signal, as without the handler, so callers see why.
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    /// For the test that interrupts a write: with `STRATLINT_TEST_PAUSE_WRITE=SECONDS`,
    /// waits with the temporary file written and not yet renamed.
    private static func pauseForTests() {
        guard let text = getenv("STRATLINT_TEST_PAUSE_WRITE"), let seconds = UInt32(String(cString: text)) else { return }
        sleep(seconds)
    }
}
