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

    /// A list's terms, lowered.
    struct Terms: Sendable {
        struct Term: Sendable {
            let term: String
            /// Its lower-cased code points, and their UTF-8.
            let scalars: [Unicode.Scalar]
            let bytes: [UInt8]
            var isASCII: Bool { bytes.count == scalars.count }
        }
        let items: [Term]
        /// For each byte, the ASCII terms that start with it, in list order (the byte
        /// search looks up the bytes that begin the text's words; a term beyond ASCII
        /// cannot occur in an ASCII text).
        let byFirstByte: [[Int]]

        /// Each string item of `list`, lowered; other items are passed over.
        init(_ list: ListValue) {
            items = list.items.compactMap { item -> Term? in
                guard case .string(let term) = item else { return nil }
                let lowered = term.lowercased()
                return Term(term: term, scalars: Array(lowered.unicodeScalars), bytes: Array(lowered.utf8))
            }
            var byFirstByte = [[Int]](repeating: [], count: 256)
            for (k, term) in items.enumerated() where term.isASCII {
                if let first = term.bytes.first { byFirstByte[Int(first)].append(k) }
            }
            self.byFirstByte = byFirstByte
        }
    }

    private let lock = NSLock()
    private var recent: [(list: ListValue, terms: Terms)] = []

    /// Each string item of `list`, with its lower-cased code points.
    func terms(of list: ListValue) -> Terms {
        lock.lock()
        defer { lock.unlock() }
        if let hit = recent.first(where: { $0.list.isSame(as: list) }) { return hit.terms }
        let terms = Terms(list)
        if recent.count == Self.remembered { recent.removeFirst() }
        recent.append((list, terms))
        return terms
    }
}
