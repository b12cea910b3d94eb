@testable import RuleCompiler
import Testing
import YAML

/// `displayText(limit:)`: what a message quotes of a value, cut after `limit` code
/// points with `…`. A text that fits is appended whole; these hold it to the same
/// answer as appending a code point at a time, at and around the limit, in ASCII and
/// beyond it (where a text has more bytes than code points).
@Suite("Display text within a limit")
struct DisplayTextTests {
    /// The cut made a code point at a time: the definition.
    static func reference(_ value: Value, limit: Int) -> String {
        let whole = Array(value.displayText.unicodeScalars)
        guard whole.count > limit else { return value.displayText }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: whole[..<limit])
        return String(out) + "…"
    }

    static let texts = ["", "a", "sys-1", String(repeating: "x", count: 199), String(repeating: "x", count: 200),
                        String(repeating: "x", count: 201), String(repeating: "é", count: 150), String(repeating: "é", count: 200),
                        String(repeating: "é", count: 201), "pos → erp", String(repeating: "🙂", count: 60),
                        "e\u{301}" + String(repeating: "y", count: 198), String(repeating: "z", count: 198) + "e\u{301}x"]

    @Test("a string, at and around the limit")
    func strings() {
        for text in Self.texts {
            for limit in [0, 1, 5, 100, 199, 200, 201, 300] {
                #expect(Value.string(text).displayText(limit: limit) == Self.reference(.string(text), limit: limit), "\(text.prefix(12))… limit \(limit)")
            }
        }
    }

    @Test("lists and maps, cut inside an item or between them")
    func collections() {
        let list = Value.list(ListValue(Self.texts.map(Value.string)))
        let map = Value.map(MapValue(keys: [.string("from"), .string("to")], values: [.string("pos → erp"), .string(String(repeating: "é", count: 190))]))
        let numbers = Value.list(ListValue((0..<100).map { Value.int(Int64($0)) }))
        for value in [list, map, numbers] {
            for limit in [0, 3, 10, 150, 200, 250, 399, 400, 401, 1_000] {
                #expect(value.displayText(limit: limit) == Self.reference(value, limit: limit), "limit \(limit)")
            }
        }
    }
}
