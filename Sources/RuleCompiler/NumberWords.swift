/// Numbers written in English words, for `hasNumber`: `target: zero`, `target: double`,
/// `net zero`, "cut wait times by half", "ten percent". `one` is not among them: "one
/// platform", "a one-stop shop" and "one customer view" state no number.
enum NumberWords {
    static let words = [
        "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen",
        "half", "halve", "halved", "halving", "double", "doubled", "doubling", "triple", "tripled", "tripling",
        "quadruple", "quadrupled", "twice", "threefold", "fourfold", "fivefold", "tenfold",
    ]
    /// ``words`` as bytes, by their length: a word of the text is compared with those of
    /// its own length only.
    private static let byLength: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: longest + 1)
        for w in words { table[w.utf8.count].append(Array(w.utf8)) }
        return table
    }()
    private static let longest = words.map(\.utf8.count).max() ?? 0

    /// Whether `s` has one of ``words`` as a whole word, in any case (`two-thirds` is
    /// `two` and `thirds`). The words are ASCII letters: a text is searched in its bytes,
    /// a run of ASCII letters at a time, without a copy; any other byte ends a word (a
    /// letter beyond ASCII too, so `zéro` is no `zero`).
    static func occur(in s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                guard isLetter(bytes[start]) else { start += 1; continue }
                var end = start
                while end < bytes.count, isLetter(bytes[end]) { end += 1 }
                // A word that runs on into (or out of) a letter beyond ASCII is not one of ours.
                let whole = (end == bytes.count || bytes[end] < 0x80) && (start == 0 || bytes[start - 1] < 0x80)
                if whole, end - start <= longest, matches(bytes, start, end) { return true }
                start = end
            }
            return false
        }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        candidates: for word in byLength[end - start] {
            for (i, b) in word.enumerated() where bytes[start + i] | 0x20 != b { continue candidates }
            return true
        }
        return false
    }
}
