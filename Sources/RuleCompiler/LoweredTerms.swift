import Foundation

/// The terms of the last few lists `firstMatch` was given, lower-cased and split into
/// code points. A rule's terms are one constant vocabulary, read for every title it
/// scans: they are worked out once, not on every call (84,000 instructions a call at
/// N = 10,000, most of them lower-casing the same forty terms again). A list is
/// remembered by identity and kept alive while it is, so that no other list can take
/// its place; at most ``remembered`` are kept, whatever the rules pass.
final class LoweredTerms: @unchecked Sendable {
    static let shared = LoweredTerms()
    static let remembered = 8

    private let lock = NSLock()
    private var recent: [(list: ListValue, terms: [(term: String, scalars: [Unicode.Scalar])])] = []

    /// Each string item of `list`, with its lower-cased code points.
    func terms(of list: ListValue) -> [(term: String, scalars: [Unicode.Scalar])] {
        lock.lock()
        defer { lock.unlock() }
        if let hit = recent.first(where: { $0.list.isSame(as: list) }) { return hit.terms }
        let terms = list.items.compactMap { item -> (term: String, scalars: [Unicode.Scalar])? in
            guard case .string(let term) = item else { return nil }
            return (term, Array(term.lowercased().unicodeScalars))
        }
        if recent.count == Self.remembered { recent.removeFirst() }
        recent.append((list, terms))
        return terms
    }
}
