import Foundation

/// What a one-shot process would free only on its way out: the check's result (the
/// workspace's values, the findings). Freeing it object by object cost about 3% of a
/// pre-commit run (`valgrind --tool=callgrind`), for memory the exit returns at once;
/// compilers skip it the same way (clang's `-disable-free`). The pack-level values are
/// still freed before the report is rendered, where keeping them raised the peak
/// memory. Only the command-line entry point turns it on, so tests and other callers
/// that run many checks in one process still free each one.
public enum ExitWithoutFreeing {
    private static let state = Mutex()

    /// Keep what ``keep(_:)`` is given until the process ends. Set once, by `main`.
    public static func enable() { state.with { $0.enabled = true } }

    /// Keeps `value` alive until the process exits, when enabled; else does nothing.
    public static func keep(_ value: Any) {
        state.with { if $0.enabled { $0.kept.append(value) } }
    }

    private final class Mutex: @unchecked Sendable {
        struct State {
            var enabled = false
            var kept: [Any] = []
        }
        private var state = State()
        private let lock = NSLock()
        func with(_ body: (inout State) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            body(&state)
        }
    }
}
