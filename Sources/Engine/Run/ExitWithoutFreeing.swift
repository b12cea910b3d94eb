import Foundation

/// What a one-shot process would free only on its way out: the check's result (the
/// workspace's values, the findings). Freeing it object by object cost about 3% of a
/// pre-commit run (`valgrind --tool=callgrind`), for memory the exit returns at once;
/// compilers skip it the same way (clang's `-disable-free`). The pack-level values are
/// still freed before the report is rendered, where keeping them raised the peak
/// memory. Only the command-line entry point turns it on, so tests and other callers
/// that run many checks in one process still free each one.
public enum ExitWithoutFreeing {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var enabled = false
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keep what ``keep(_:)`` is given until the process ends. Set once, by `main`.
    public static func enable() { lock.withLock { enabled = true } }

    /// Keeps `value` alive until the process exits, when enabled; else does nothing.
    public static func keep(_ value: Any) {
        lock.withLock { if enabled { kept.append(value) } }
    }
}
