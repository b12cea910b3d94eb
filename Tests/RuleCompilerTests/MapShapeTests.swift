import RuleCompiler
import Testing
import YAML

/// Map shapes (issue 19): maps share their keys, and a field is found by code points,
/// as CEL's `==` compares strings, whether the map scans or hashes.
@Suite("Map shapes")
struct MapShapeTests {
    /// Kelvin sign, then `ind`: canonically equivalent to `Kind`, a different key.
    static let kelvinKind = "\u{212A}ind"

    @Test(arguments: [1, 12])
    func fieldsMatchByCodePoints(extraKeys: Int) {
        let filler = (0..<extraKeys).map { ("f\($0)", Value.int(Int64($0))) }
        let kelvin = map([(Self.kelvinKind, .string("Inventory"))] + filler)
        #expect(run("m.Kind", m: kelvin) == .null)
        #expect(run("has(m.Kind)", m: kelvin) == .bool(false))
        let ascii = map([("Kind", .string("Inventory"))] + filler)
        #expect(run("m.Kind", m: ascii) == .string("Inventory"))
        guard case .map(let m) = ascii, case .map(let k) = kelvin else { return }
        #expect(m.index(ofField: Self.kelvinKind) == nil)
        #expect(k.index(ofField: Self.kelvinKind) == 0)
        #expect(k.index(ofField: "Kind") == nil)
    }

    @Test func keysMatchExactly() {
        let precomposed = MapShape([.string("caf\u{E9}"), .string("id")])
        #expect(precomposed.hasKey(.string("caf\u{E9}"), at: 0))
        #expect(!precomposed.hasKey(.string("cafe\u{301}"), at: 0))
        #expect(precomposed.hasKey(.string("id"), at: 1))
        let ascii = MapShape([.string("Kind"), .int(1), .bool(true)])
        #expect(ascii.hasKey(.string("Kind"), at: 0))
        #expect(!ascii.hasKey(.string(Self.kelvinKind), at: 0))
        #expect(ascii.hasKey(.int(1), at: 1))
        #expect(!ascii.hasKey(.bool(true), at: 1))
        #expect(!ascii.hasKey(.string("1"), at: 1))
        #expect(ascii.hasKey(.bool(true), at: 2))
    }
}
