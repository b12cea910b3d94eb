import Foundation

/// `map` over an array on every core, keeping the order. Shared by the loader, the
/// rules and the pack-level lets.
package enum ParallelMap {
    package static func map<T: Sendable, R: Sendable>(_ items: [T], parallel: Bool = true, _ transform: @Sendable (T) -> R) -> [R] {
        guard parallel, items.count > 1 else { return items.map(transform) }
        let results = Box<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            results.set(i, transform(items[i]))
        }
        return results.values()
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
