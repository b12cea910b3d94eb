/// The loader's stack of children waiting for their collection to close. When it
/// closes, its children are handed to the sink by moving them, not copying: with an
/// `Array`, each child was copied into its collection (a retain) and then removed from
/// the stack (a release), a fifth of the cost of building the values.
///
/// A noncopyable struct rather than a class: a class's stored properties are checked
/// for exclusive access at run time on every push, which cost more than the copies.
@usableFromInline
struct MovingStack<Element>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    @inlinable
    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    @inlinable
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inlinable
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    @inlinable
    mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    @inlinable
    subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count)
        return base[i]
    }

    @inlinable
    var last: Element? { count > 0 ? base[count - 1] : nil }

    /// The elements from `start` up to `end`, lent: valid until the stack next changes.
    @inlinable
    func elements(from start: Int, to end: Int) -> UnsafeBufferPointer<Element> {
        precondition(start >= 0 && start <= end && end <= count)
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }

    /// Copies of the elements from `start` up to `end`.
    @inlinable
    func copies(from start: Int, to end: Int) -> [Element] {
        Array(elements(from: start, to: end))
    }

    /// The elements from `start` to the top, handed over: the caller moves each out
    /// exactly once (`moveElement(from:)`) before the stack next grows. The stack ends
    /// at `start`.
    @inlinable
    mutating func popMoving(from start: Int) -> UnsafeMutableBufferPointer<Element> {
        precondition(start >= 0 && start <= count)
        let taken = UnsafeMutableBufferPointer(start: base + start, count: count - start)
        count = start
        return taken
    }

    /// Drops the elements from `start` to the top.
    @inlinable
    mutating func removeAll(from start: Int) {
        precondition(start >= 0 && start <= count)
        (base + start).deinitialize(count: count - start)
        count = start
    }
}
