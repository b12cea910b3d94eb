import Foundation

/// Wall time per phase of a run, printed on standard error when `STRATLINT_TIMINGS=1`
/// (for `Benchmarks/` and profiling; off, it costs one environment lookup). Each line
/// also says when the phase began, counted from the start of `main` (`@12.3`), so that
/// phases on different threads show which of them the run waited for; then the CPU time
/// the whole process spent meanwhile (`cpu 610 ms`: against the wall time, how well the
/// phase kept the cores busy; a phase that overlaps another counts the other's too), and
/// the resident memory when the phase ended and the run's peak so far (`rss 412 MB, peak
/// 530 MB`, from `/proc/self/status`; absent where that file is not).
public enum PhaseTimer {
    static let enabled = ProcessInfo.processInfo.environment["STRATLINT_TIMINGS"] == "1"

    /// Runs `body`, and prints how long it took under `name` when enabled.
    @discardableResult
    /// The name is an autoclosure: off, it is never built (this runs once per rule).
    public static func measure<T>(_ name: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuMilliseconds()
        let result = try body()
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let cpu = cpuMilliseconds() - cpuStart
        let began = Double(Int64(bitPattern: start &- origin)) / 1e6
        FileHandle.standardError.write(Data("timing: @\(String(format: "%.1f", began)) \(name()) \(String(format: "%.1f", ms)) ms, cpu \(String(format: "%.0f", cpu)) ms\(memory())\n".utf8))
        return result
    }

    /// The process's user and system CPU time so far, all threads.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1e3 + Double(t.tv_usec) / 1e3 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// `, rss N MB, peak N MB` from the kernel's account of this process, or nothing.
    static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ field: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
                  let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
            else { return nil }
            return kilobytes / 1024
        }
        guard let rss = megabytes("VmRSS:"), let peak = megabytes("VmHWM:") else { return "" }
        return ", rss \(rss) MB, peak \(peak) MB"
    }

    /// When `main` began (``begin()``), or the first phase did.
    static let origin = DispatchTime.now().uptimeNanoseconds

    /// Marks the start of the run (`main` calls it first), from which each phase's
    /// start is counted.
    public static func begin() {
        if enabled { _ = origin }
    }
}
