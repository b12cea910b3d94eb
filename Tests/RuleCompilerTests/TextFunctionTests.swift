@testable import RuleCompiler
import Testing

/// The text helpers' shortcuts give what the Unicode tables give.
@Suite("Text functions")
struct TextFunctionTests {
    /// ASCII without the property tables, every scalar of it; beyond ASCII, the tables.
    @Test func wordScalarsAreLettersAndDigits() {
        func byTables(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c.properties.numericType != nil }
        for v in 0..<128 {
            guard let c = Unicode.Scalar(v) else { continue }
            #expect(FunctionTable.isWordScalar(c) == byTables(c), "U+\(String(v, radix: 16))")
        }
        for c in ["é", "ß", "Ⅻ", "٣", "–", "😀", "\u{A0}", "中"].compactMap({ $0.unicodeScalars.first }) {
            #expect(FunctionTable.isWordScalar(c) == byTables(c), "\(c)")
        }
    }

    /// The lowered terms are remembered per list: another list with other terms, or the
    /// same terms in another order, gets its own; non-strings are passed over.
    @Test func eachListGetsItsOwnTerms() {
        let a = ListValue([.string("Improve"), .int(3), .string("world-class")])
        let b = ListValue([.string("grow")])
        #expect(LoweredTerms.shared.terms(of: a).items.map(\.term) == ["Improve", "world-class"])
        #expect(LoweredTerms.shared.terms(of: a).items.map { String(String.UnicodeScalarView($0.scalars)) } == ["improve", "world-class"])
        #expect(LoweredTerms.shared.terms(of: b).items.map(\.term) == ["grow"])
        for _ in 0..<(LoweredTerms.remembered + 2) {
            let other = ListValue([.string("other")])
            #expect(LoweredTerms.shared.terms(of: other).items.map(\.term) == ["other"])
        }
        #expect(LoweredTerms.shared.terms(of: a).items.map(\.term) == ["Improve", "world-class"])
    }

    /// `firstMatch` searches an ASCII text in its bytes: it finds what the search over
    /// lowered code points finds, on every text made of the pieces below (cases, word
    /// edges, endings, the `e` before `ing`, hyphens, terms beyond ASCII).
    @Test func theByteSearchFindsWhatTheCodePointSearchFinds() {
        let terms = LoweredTerms.shared.terms(of: ListValue(
            ["manual", "hand", "re-key", "e-mail", "file", "improve", "world-class", "\u{212A}ey", "caf\u{E9}", "sync", "r"].map(Value.string)))
        let pieces = ["", "Manual", "MANUALLY", "by hand", "handler", "hand-off", "re-key", "rekey", "E-Mail", "files", "profile",
                      "Improving", "improvement", "improves", "world-class", "World-Classy", "key", "KEY", "sync", "r", "rs",
                      " ", "-", "_", "2", "x"]
        var compared = 0
        for a in pieces {
            for b in pieces {
                for text in [a + b, a + " " + b, b + "-" + a] {
                    #expect(WordMatch.firstInBytes(of: terms, in: text) == WordMatch.firstInScalars(of: terms, in: text), "\(text)")
                    compared += 1
                }
            }
        }
        #expect(compared == 3 * pieces.count * pieces.count)
        // The byte search is taken for ASCII only, and finds what it should.
        #expect(WordMatch.first(of: terms, in: "SFTP file drop") == "file")
        #expect(WordMatch.first(of: terms, in: "Kaffee im Caf\u{C9}") == "caf\u{E9}")
        #expect(WordMatch.first(of: terms, in: "handler queue") == nil)
        // Two terms at one place: the one listed first, though the other's first byte
        // begins an earlier word.
        let tied = LoweredTerms.Terms(ListValue([Value.string("sync"), .string("an"), .string("sync job"), .string("a")]))
        #expect(WordMatch.firstInBytes(of: tied, in: "a sync job") == "a")
        #expect(WordMatch.firstInBytes(of: tied, in: "run sync job") == "sync")
        #expect(WordMatch.firstInScalars(of: tied, in: "run sync job") == "sync")
    }
}
