import Foundation

/// A value worked out on a thread of its own while the caller does something else;
/// ``value`` waits for it. A check compiles its rule packs this way while the documents
/// load: the two are independent, and in a pre-commit run each is a few milliseconds
/// on one core.
final class InBackground<T: Sendable>: @unchecked Sendable {
    private let work: @Sendable () -> T
    private let done = DispatchGroup()
    private let lock = NSLock()
    private var result: T?

    init(_ work: @escaping @Sendable () -> T) {
        self.work = work
        done.enter()
        Thread.detachNewThread { [self] in
            let value = work()
            lock.withLock { result = value }
            done.leave()
        }
    }

    /// The value, once the thread has made it.
    var value: T {
        done.wait()
        if let made = lock.withLock({ result }) { return made }
        // Not reached: the group is left only after the result is set.
        return work()
    }
}
