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
