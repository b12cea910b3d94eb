/// "Did you mean" hints for misspelt names.
public enum Suggestion {
    /// "did you mean 'x'?" when a candidate is close to `name`, else the candidates
    /// listed (`listing: a, b, c`), or a note that there are none.
    public static func hint(for name: String, among candidates: [String], listing: String) -> String {
        let best = candidates.min { distance($0, name) < distance($1, name) }
        if let best, distance(best, name) <= max(2, name.count / 3) { return "did you mean '\(best)'?" }
        let list = candidates.sorted().prefix(30).joined(separator: ", ")
        return list.isEmpty ? "no \(listing) are defined here" : "\(listing): \(list)"
    }

    /// Levenshtein distance, ignoring case.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}

/// The edit distance of two names, case counting: insertions, deletions, substitutions
/// and swaps of neighbours each cost one (`deadlin` → `deadline`: 1, `ownr` → `owner`:
/// 1, `Owner` → `owner`: 1).
public enum EditDistance {
    /// The name `name` is probably a misspelling of: one edit away for names of up to
    /// four letters, two for longer ones (a different case counts as an edit); the first
    /// of equally near ones. `spend` is told the work of each distance computed (the
    /// product of the lengths) and stops the search, with nil, when it says no: the
    /// rule language's `closest` pays for it out of a rule's step budget.
    public static func nearest(_ name: String, among names: some Sequence<String>, spend: (Int) -> Bool = { _ in true }) -> String? {
        let scalars = Array(name.unicodeScalars), n = scalars.count
        guard n <= 64 else { return nil }
        var best: (String, Int)?
        for f in names where f != name {
            // Lengths first: nearly every name is ruled out without splitting it.
            let m = f.unicodeScalars.count
            let limit = min(n, m) <= 4 ? 1 : 2
            guard abs(m - n) <= limit else { continue }
            guard spend(m * n) else { return nil }
            if let d = between(scalars, Array(f.unicodeScalars), limit: limit), d < (best?.1 ?? Int.max) {
                best = (f, d)
                if d == 1 { break }  // no other name is nearer
            }
        }
        return best?.0
    }

    /// The edit distance of `a` and `b` (the enum's) when it is at most `limit`, else
    /// nil. The names come split into code points: a dangling id is compared with every
    /// id in reach, nearly all of them far, so each id is split once.
    /// The common prefix and suffix are set aside first (ids share most of their
    /// letters: `sys-1234`, `sys-1243`), the rows live on the stack, and the work stops
    /// once two rows in a row cost more than `limit` everywhere (a row is built from the
    /// two before it, each step adding nothing or more).
    public static func between(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var (lo, ha, hb) = (0, a.count, b.count)
                while lo < ha, lo < hb, a[lo] == b[lo] { lo += 1 }
                while ha > lo, hb > lo, a[ha - 1] == b[hb - 1] { ha -= 1; hb -= 1 }
                return distance(UnsafeBufferPointer(rebasing: a[lo..<ha]), UnsafeBufferPointer(rebasing: b[lo..<hb]), limit: limit)
            }
        }
    }

    private static func distance(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ t: UnsafeBufferPointer<Unicode.Scalar>, limit: Int) -> Int? {
        let m = s.count, n = t.count
        guard m > 0, n > 0 else { return max(m, n) <= limit ? max(m, n) : nil }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (n + 1)) { rows -> Int? in
            rows.initialize(repeating: 0)
            var (before, previous, current) = (0, n + 1, 2 * (n + 1))
            for j in 0...n { rows[previous + j] = j }
            var previousMin = 0
            for i in 1...m {
                rows[current] = i
                var rowMin = i
                for j in 1...n {
                    let cost = s[i - 1] == t[j - 1] ? 0 : 1
                    var d = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                        d = min(d, rows[before + j - 2] + 1)
                    }
                    rows[current + j] = d
                    rowMin = min(rowMin, d)
                }
                if rowMin > limit, previousMin > limit { return nil }
                previousMin = rowMin
                (before, previous, current) = (previous, current, before)
            }
            let d = rows[previous + n]
            return d <= limit ? d : nil
        }
    }
}
