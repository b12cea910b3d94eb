import Foundation

/// What the server's loop waits for: a message from the client (nil at the end of its
/// input), or a check that finished on the worker.
enum Event {
    case message(MessageReader.Message?)
    case checked(generation: Int, WorkspaceCheck)
}

/// A blocking queue of events, filled by the reading thread and the check worker and
/// drained by the server's loop, the one thread that touches the server's state.
final class EventQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [Event] = []

    func post(_ event: Event) {
        condition.lock()
        events.append(event)
        condition.signal()
        condition.unlock()
    }

    func next() -> Event {
        condition.lock()
        defer { condition.unlock() }
        while events.isEmpty { condition.wait() }
        return events.removeFirst()
    }
}
