/// Numbers written in English words, for `hasNumber`: `target: zero`, `target: double`,
/// `net zero`, "cut wait times by half", "ten percent". `one` is not among them: "one
/// platform", "a one-stop shop" and "one customer view" state no number.
enum NumberWords {
    static let words: Set<Substring> = [
        "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen",
        "half", "halve", "halved", "halving", "double", "doubled", "doubling", "triple", "tripled", "tripling",
        "quadruple", "quadrupled", "twice", "threefold", "fourfold", "fivefold", "tenfold",
    ]

    /// Whether `s` has one of ``words`` as a whole word, in any case (`two-thirds` is
    /// `two` and `thirds`).
    static func occur(in s: String) -> Bool {
        s.lowercased().split { !$0.isLetter }.contains { words.contains($0) }
    }
}
