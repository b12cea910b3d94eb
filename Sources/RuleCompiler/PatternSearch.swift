/// Substring search in time proportional to the text and the pattern together
/// (Knuth–Morris–Pratt), whatever either holds: `contains`, `indexOf`, `lastIndexOf`,
/// `split` and `replace` compared a slice at every position before, which a long text
/// and a long pattern made quadratic.
///
/// Over Unicode scalars, or over UTF-8 bytes: an occurrence of a whole string's bytes
/// in another's starts and ends on code-point boundaries (UTF-8 never takes a lead byte
/// for a continuation byte), so the bytes find what the scalars would, without decoding.
struct PatternSearch<Element: Equatable> {
    let pattern: [Element]
    /// `failure[i]`: the length of the longest proper prefix of `pattern[...i]` that is
    /// also its suffix.
    private let failure: [Int]

    init(_ pattern: [Element]) {
        self.pattern = pattern
        var failure = [Int](repeating: 0, count: pattern.count)
        var k = 0
        for i in pattern.indices.dropFirst() {
            while k > 0, pattern[i] != pattern[k] { k = failure[k - 1] }
            if pattern[i] == pattern[k] { k += 1 }
            failure[i] = k
        }
        self.failure = failure
    }

    /// The starts of the occurrences in `text[from...]`, left to right, at most `limit`;
    /// overlapping ones too when `overlapping`. The pattern must not be empty.
    func occurrences(in text: [Element], from: Int = 0, limit: Int = .max, overlapping: Bool = false) -> [Int] {
        guard !pattern.isEmpty, limit > 0 else { return [] }
        var found: [Int] = []
        var k = 0
        var i = from
        while i < text.count {
            while k > 0, text[i] != pattern[k] { k = failure[k - 1] }
            if text[i] == pattern[k] { k += 1 }
            if k == pattern.count {
                found.append(i + 1 - k)
                if found.count == limit { return found }
                k = overlapping ? failure[k - 1] : 0
            }
            i += 1
        }
        return found
    }

    /// The first occurrence at or after `from`.
    func first(in text: [Element], from: Int = 0) -> Int? {
        occurrences(in: text, from: from, limit: 1).first
    }

    /// The last occurrence that starts at or before `through`.
    func last(in text: [Element], through: Int) -> Int? {
        guard through >= 0 else { return nil }
        let end = min(text.count, through + pattern.count)
        return occurrences(in: Array(text[..<end]), overlapping: true).last
    }
}
