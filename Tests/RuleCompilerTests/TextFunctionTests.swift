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
        #expect(LoweredTerms.shared.terms(of: a).map(\.term) == ["Improve", "world-class"])
        #expect(LoweredTerms.shared.terms(of: a).map { String(String.UnicodeScalarView($0.scalars)) } == ["improve", "world-class"])
        #expect(LoweredTerms.shared.terms(of: b).map(\.term) == ["grow"])
        for _ in 0..<(LoweredTerms.remembered + 2) {
            let other = ListValue([.string("other")])
            #expect(LoweredTerms.shared.terms(of: other).map(\.term) == ["other"])
        }
        #expect(LoweredTerms.shared.terms(of: a).map(\.term) == ["Improve", "world-class"])
    }
}
