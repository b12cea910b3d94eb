import Foundation
import FuzzTargets

// Built two ways (see scripts/fuzz.sh):
// - normally: `stratlint-fuzz TARGET FILE...` replays inputs through a target, to
//   reproduce what a fuzzer found without libFuzzer;
// - with `-sanitize=fuzzer -DFUZZING`: libFuzzer's entry point, the target named by
//   the environment variable STRATLINT_FUZZ_TARGET.

/// The target named by the environment (fuzzing) or the first argument (replay), or the
/// usage line to print.
private func target(named name: String?) -> Result<FuzzTarget, UsageError> {
    if let name, let target = FuzzTarget(rawValue: name) { return .success(target) }
    return .failure(UsageError(names: FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))
}

private struct UsageError: Error {
    let names: String
}

#if FUZZING
/// The target under fuzzing, checked by the entry point before the driver starts.
private let fuzzed = try? target(named: ProcessInfo.processInfo.environment["STRATLINT_FUZZ_TARGET"]).get()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzed?.run(bytes)
    return 0
}

/// libFuzzer's driver, for programs that have their own `main` (SwiftPM names the
/// executable's entry point `stratlint_fuzz_main` and makes it `main`).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("stratlint_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    if case .failure(let usage) = target(named: ProcessInfo.processInfo.environment["STRATLINT_FUZZ_TARGET"]) {
        FileHandle.standardError.write(Data("stratlint-fuzz: set STRATLINT_FUZZ_TARGET to one of \(usage.names)\n".utf8))
        return 2
    }
    FuzzTarget.prepare()
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzOneInput)
}
#else
/// The replay entry point. As in the fuzzing build, the program's entry is this function
/// (SwiftPM names the executable's entry point `stratlint_fuzz_main`), so a failure is a
/// status it returns, not an exit from the middle of the program.
@_cdecl("stratlint_fuzz_main")
public func replayMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    do {
        try FuzzReplay.replay(Array(CommandLine.arguments.dropFirst()))
        return 0
    } catch let usage as UsageError {
        FileHandle.standardError.write(Data("usage: stratlint-fuzz TARGET FILE...   (TARGET: \(usage.names))\n".utf8))
        return 2
    } catch {
        FileHandle.standardError.write(Data("stratlint-fuzz: \(error)\n".utf8))
        return 2
    }
}

enum FuzzReplay {
    /// Runs each file through the target the first argument names.
    static func replay(_ arguments: [String]) throws {
        let chosen = try target(named: arguments.first).get()
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(path: path) }
            chosen.run(Array(data))
            print("ok \(path)")
        }
    }

    struct Unreadable: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot read \(path)" }
    }
}
#endif
