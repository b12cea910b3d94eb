import Engine
import Foundation
import RuleCompiler

/// A long report written a batch of items at a time: a few batches rendered at once on
/// every core, then written in order. The bytes do not depend on the cores, and a large
/// report is never held whole. Shared by the JSON and text reports and ``JSONSplice``.
enum InBatches {
    /// Items rendered together.
    static let batch = 256
    /// Batches rendered at once (on every core) before they are written.
    static let wave = 2 * ProcessInfo.processInfo.activeProcessorCount

    /// Writes `render(range)` for each batch of the `count` items, in order.
    static func write<Out: TextOutputStream>(count: Int, to out: inout Out, _ render: @Sendable (Range<Int>) -> String) {
        inWaves(count: count, render) { out.write($0) }
    }

    /// The same for batches rendered as bytes made of strings (valid UTF-8): a
    /// ``FileOutput`` takes them as they are; another stream as a `String`, which
    /// checks them again (140 M instructions for a report of 30,000 findings).
    static func write<Out: TextOutputStream>(count: Int, to out: inout Out, utf8 render: @Sendable (Range<Int>) -> [UInt8]) {
        inWaves(count: count, render) { bytes in
            if Out.self == FileOutput.self {
                withUnsafeMutablePointer(to: &out) { UnsafeMutableRawPointer($0).assumingMemoryBound(to: FileOutput.self).pointee.write(utf8: bytes) }
            } else {
                out.write(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    private static func inWaves<T: Sendable>(count: Int, _ render: @Sendable (Range<Int>) -> T, write: (T) -> Void) {
        let batches = stride(from: 0, to: count, by: batch).map { $0..<min($0 + batch, count) }
        for first in stride(from: 0, to: batches.count, by: wave) {
            for rendered in ParallelMap.map(Array(batches[first..<min(first + wave, batches.count)]), render) { write(rendered) }
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of a literal (an escape, a key): no String made.
    mutating func append(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
