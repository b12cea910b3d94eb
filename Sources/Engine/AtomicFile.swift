import Foundation

/// Writes a file so that it is never seen half-written: the bytes go to a temporary
/// file beside it (`.NAME.stratlint-PID.tmp`), which is flushed to disk and renamed over
/// the target. Readers see the old file or the new one.
///
/// If the run is interrupted (SIGINT, SIGTERM, SIGHUP) during a write, the temporary
/// file is removed before the process dies of the signal; the target is untouched. The
/// handlers are installed on the first write. Only SIGKILL (which nothing can catch)
/// can leave a temporary file, named as above.
public enum AtomicFile {
    /// Writes `bytes` to `path`, replacing it (keeping its permissions) if it exists.
    /// Throws an error whose description says what failed, with the system's reason.
    ///
    /// A target that exists and is not a regular file (`/dev/stdout`, `/dev/null`, a
    /// FIFO) is written to directly: there is nothing to replace. A symbolic link to a
    /// regular file keeps the link, and its target is replaced.
    public static func write(_ bytes: [UInt8], to requested: String) throws {
        lock.lock()
        defer { lock.unlock() }
        var info = stat()
        if stat(requested, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            try stream(bytes, to: requested)
            return
        }
        let path = URL(fileURLWithPath: requested).resolvingSymlinksInPath().path
        installHandlers()
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).stratlint-\(getpid()).tmp")
        var existing = stat()
        let replacing = stat(path, &existing) == 0
        let mode: mode_t = replacing ? existing.st_mode & 0o7777 : 0o666

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
        if let error = writeAll(bytes, to: fd) { throw Failure(error, "write \(path)") }
        pauseForTests()
        guard fsync(fd) == 0 else { throw Failure(errno, "write \(path) to disk") }
        closed = true
        guard close(fd) == 0 else { throw Failure(errno, "write \(path)") }
        guard rename(temporary, path) == 0 else { throw Failure(errno, "replace \(path)") }
        // Renamed: nothing left to remove.
        finish(removing: false)
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
    private static func stream(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(errno, "open \(path)") }
        defer { close(fd) }
        if let error = writeAll(bytes, to: fd) { throw Failure(error, "write \(path)") }
    }

    /// Writes every byte, retrying on EINTR; the errno of a failure, else nil.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var written = 0
            while written < buffer.count {
                let n = Foundation.write(fd, base + written, buffer.count - written)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return n < 0 ? errno : EIO }
                written += n
            }
            return nil
        }
    }

    /// Why a write failed: "cannot write report.json: no space left on device".
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ code: Int32, _ action: String) {
            description = "cannot \(action): \(String(cString: strerror(code)).lowercased())"
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
