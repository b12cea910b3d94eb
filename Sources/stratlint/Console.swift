import Engine
import Foundation

/// Where a command writes: the process's standard output and error, or, for a command
/// run in process (the tests), two buffers. Commands write only through
/// ``Console/current``, a task-local value, so commands run side by side in one process
/// each write to their own.
final class Console: @unchecked Sendable {
    @TaskLocal static var current = Console(capturing: false)

    private let capturing: Bool
    private let lock = NSLock()
    private var outBytes: [UInt8] = []
    private var errBytes: [UInt8] = []

    init(capturing: Bool) { self.capturing = capturing }

    /// Whether standard output is a terminal (never for a captured console).
    var isTerminal: Bool { !capturing && isatty(STDOUT_FILENO) == 1 }

    func out(_ text: String) { put(text, fd: STDOUT_FILENO, into: \.outBytes) }
    func err(_ text: String) { put(text, fd: STDERR_FILENO, into: \.errBytes) }

    /// A stream for a report to standard output, buffered (``FileOutput``).
    func stream() -> FileOutput {
        guard capturing else { return FileOutput(fd: STDOUT_FILENO, name: "standard output") }
        return FileOutput(name: "standard output") { [self] bytes in
            lock.lock()
            defer { lock.unlock() }
            outBytes.append(contentsOf: bytes)
            return nil
        }
    }

    /// What a captured console holds.
    var captured: (out: String, err: String) {
        lock.lock()
        defer { lock.unlock() }
        return (String(decoding: outBytes, as: UTF8.self), String(decoding: errBytes, as: UTF8.self))
    }

    private func put(_ text: String, fd: Int32, into buffer: ReferenceWritableKeyPath<Console, [UInt8]>) {
        if capturing {
            lock.lock()
            defer { lock.unlock() }
            self[keyPath: buffer].append(contentsOf: text.utf8)
        } else {
            var text = text
            _ = text.withUTF8 { AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: fd) }
        }
    }
}
