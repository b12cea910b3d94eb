import Foundation
import FuzzTargets

// Built two ways (see scripts/fuzz.sh):
// - normally: `stratlint-fuzz TARGET FILE...` replays inputs through a target, to
//   reproduce what a fuzzer found without libFuzzer;
// - with `-sanitize=fuzzer -DFUZZING`: libFuzzer's entry point, the target named by
//   the environment variable STRATLINT_FUZZ_TARGET.

#if FUZZING
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["STRATLINT_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("stratlint-fuzz: set STRATLINT_FUZZ_TARGET to one of \(names)\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target.run(bytes)
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
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        guard let first = arguments.first, let target = FuzzTarget(rawValue: first) else {
            FileHandle.standardError.write(Data("usage: stratlint-fuzz TARGET FILE...   (TARGET: \(names))\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("stratlint-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            target.run(Array(data))
            print("ok \(path)")
        }
    }
}
#endif
