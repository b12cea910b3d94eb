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
    /// four letters, two for longer ones (a different case counts as an edit).
    public static func nearest(_ name: String, among names: [String]) -> String? {
        let n = name.unicodeScalars.count
        guard n <= 64 else { return nil }
        var best: (String, Int)?
        for f in names where f != name {
            let m = f.unicodeScalars.count
            let limit = min(n, m) <= 4 ? 1 : 2
            guard abs(m - n) <= limit else { continue }
            let d = between(name, f)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (f, d) }
        }
        return best?.0
    }

    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
