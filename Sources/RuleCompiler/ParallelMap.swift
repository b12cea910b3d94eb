import Foundation

/// `map` over an array on every core, keeping the order. Shared by the loader, the
/// rules and the pack-level lets.
package enum ParallelMap {
    /// `weight`, when given, estimates each item's work: the heaviest items start first,
    /// so that one large item (an 11 MB strategy file among a hundred inventory files)
    /// does not start last and run alone while the other cores wait. The result keeps
    /// the items' order whatever the schedule.
    package static func map<T: Sendable, R: Sendable>(_ items: [T], parallel: Bool = true, weight: ((T) -> Int)? = nil,
                                                      _ transform: @Sendable (T) -> R) -> [R] {
        guard parallel, items.count > 1 else { return items.map(transform) }
        let results = Box<R>(count: items.count)
        let order = weight.map { weight in schedule(items.map(weight)) }
        DispatchQueue.concurrentPerform(iterations: items.count) { n in
            let i = order?[n] ?? n
            results.set(i, transform(items[i]))
        }
        return results.values()
    }

    /// Runs `body` on `parts` consecutive parts of `array` on every core, each part
    /// lent for changing in place (no element is copied out and back); the results in
    /// order. Parts are disjoint, so no element is touched by two calls.
    package static func updateInParts<T, R: Sendable>(_ array: inout [T], parts: Int,
                                                      _ body: @Sendable (UnsafeMutableBufferPointer<T>, Range<Int>) -> R) -> [R] {
        let count = array.count, parts = max(1, min(parts, count))
        let size = max(1, (count + parts - 1) / parts)
        let ranges = stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
        return array.withUnsafeMutableBufferPointer { buffer in
            let shared = Lent(buffer: buffer)
            return map(ranges) { range in body(shared.buffer, range) }
        }
    }

    /// A buffer lent to the calls of ``updateInParts(_:parts:_:)``, each of which
    /// changes only its own part.
    private struct Lent<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T>
    }

    /// The order in which items of these weights start: heaviest first, equal weights
    /// in their written order.
    package static func schedule(_ weights: [Int]) -> [Int] {
        weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
    }

    private final class Box<R>: @unchecked Sendable {
        private var slots: [R?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: R) {
            lock.lock()
            slots[i] = r
            lock.unlock()
        }
        func values() -> [R] { slots.compactMap { $0 } }
    }
}
