import Foundation

/// Wall time per phase of a run, printed on standard error when `STRATLINT_TIMINGS=1`
/// (for `Benchmarks/` and profiling; off, it costs one environment lookup).
public enum PhaseTimer {
    static let enabled = ProcessInfo.processInfo.environment["STRATLINT_TIMINGS"] == "1"

    /// Runs `body`, and prints how long it took under `name` when enabled.
    @discardableResult
    /// The name is an autoclosure: off, it is never built (this runs once per rule).
    public static func measure<T>(_ name: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        FileHandle.standardError.write(Data("timing: \(name()) \(String(format: "%.1f", ms)) ms\n".utf8))
        return result
    }
}
