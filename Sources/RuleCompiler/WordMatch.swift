import YAML

/// `firstMatch`'s search: the term of a vocabulary found earliest in a text as a whole
/// word, ignoring case, perhaps with an English ending (`improving` matches `improve`).
enum WordMatch {
    /// The endings a term may take and still match, in the units a text is searched in
    /// (code points or bytes).
    struct Endings<Unit: Equatable & Sendable>: Sendable {
        let all: [[Unit]]
        /// `improve` + `ing` = `improving`: a term's last `e` gives way to `ing`.
        let ing: [Unit]
        let e: Unit
    }

    static let endings = ["", "s", "d", "ed", "es", "ing", "ment", "ments", "r", "rs"]
    static let scalarEndings = Endings(all: endings.map { Array($0.unicodeScalars) }, ing: Array("ing".unicodeScalars), e: "e")
    static let byteEndings = Endings(all: endings.map { Array($0.utf8) }, ing: Array("ing".utf8), e: UInt8(ascii: "e"))

    /// The term of `terms` that occurs first in `text`; of two at one place, the first
    /// listed. An ASCII text (an integration's `via`, most titles) is searched in its
    /// bytes, lowered on the stack; another in its lowered code points. The two agree:
    /// an ASCII text lowers byte by byte, and a term with a code point beyond ASCII after
    /// lowering cannot occur in it.
    static func first(of terms: LoweredTerms.Terms, in text: String) -> String? {
        CodePoints.isASCII(text) ? firstInBytes(of: terms, in: text) : firstInScalars(of: terms, in: text)
    }

    /// ``first(of:in:)`` over an ASCII text's bytes. Only the terms whose first byte
    /// begins some word of the text are searched, each once: most texts are short
    /// (`api`), and a vocabulary long.
    static func firstInBytes(of terms: LoweredTerms.Terms, in text: String) -> String? {
        var best = Best()
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lower in
                for (i, b) in bytes.enumerated() { lower[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                let lowered = UnsafeBufferPointer(lower), endings = byteEndings
                var searched = ByteSet()
                for i in lowered.indices where i == 0 || !isWordByte(lowered[i - 1]) {
                    let b = lowered[i]
                    guard !searched.contains(b) else { continue }
                    searched.insert(b)
                    for k in terms.byFirstByte[Int(b)] {
                        best.consider(position(of: terms.items[k].bytes, in: lowered, endings: endings) { isWordByte(lowered[$0]) }, terms.items[k].term)
                    }
                }
            }
        }
        return best.term
    }

    /// A set of bytes, in four words.
    struct ByteSet {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        mutating func insert(_ b: UInt8) {
            let bit = UInt64(1) << (b & 63)
            switch b >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
        func contains(_ b: UInt8) -> Bool {
            let bit = UInt64(1) << (b & 63)
            switch b >> 6 {
            case 0: return words.0 & bit != 0
            case 1: return words.1 & bit != 0
            case 2: return words.2 & bit != 0
            default: return words.3 & bit != 0
            }
        }
    }

    /// ``first(of:in:)`` over a text's lower-cased code points.
    static func firstInScalars(of terms: LoweredTerms.Terms, in text: String) -> String? {
        var best = Best()
        let scalars = Array(text.lowercased().unicodeScalars)
        let wordChar = scalars.map(FunctionTable.isWordScalar)
        for term in terms.items {
            best.consider(position(of: term.scalars, in: scalars, endings: scalarEndings) { wordChar[$0] }, term.term)
        }
        return best.term
    }

    /// The earliest match so far; of two at one place, the one tried first. Two terms
    /// at one place begin with the same byte, and are tried in list order.
    private struct Best {
        var position = Int.max
        var term: String?
        mutating func consider(_ at: Int?, _ candidate: String) {
            if let at, at < position { (position, term) = (at, candidate) }
        }
    }

    /// A lower-case ASCII letter or a digit.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }

    /// Where `term` (lower case) first occurs in `text` (lower case) as a whole word,
    /// perhaps with an ending; `wordChar(i)` says whether `text[i]` is a letter or digit.
    /// No allocation per position: this runs for every term on every text.
    static func position<Text: RandomAccessCollection, Unit: Equatable>(
        of term: [Unit], in text: Text, endings: Endings<Unit>, wordChar: (Int) -> Bool
    ) -> Int? where Text.Index == Int, Text.Element == Unit {
        guard let first = term.first else { return nil }
        let n = text.count, t = term.count
        func matches(_ part: ArraySlice<Unit>, at i: Int) -> Bool {
            guard i + part.count <= n else { return false }
            var k = i
            for c in part {
                if text[k] != c { return false }
                k += 1
            }
            return true
        }
        func boundary(_ i: Int) -> Bool { i == n || !wordChar(i) }
        var i = 0
        while i < n {
            if text[i] == first, i == 0 || !wordChar(i - 1) {
                if matches(term[...], at: i) {
                    for e in endings.all where matches(e[...], at: i + t) && boundary(i + t + e.count) { return i }
                }
                if term.last == endings.e, matches(term.dropLast(), at: i), matches(endings.ing[...], at: i + t - 1),
                   boundary(i + t - 1 + endings.ing.count) {
                    return i
                }
            }
            i += 1
        }
        return nil
    }
}
