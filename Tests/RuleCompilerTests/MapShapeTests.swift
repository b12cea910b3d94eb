import RuleCompiler
import Testing
import YAML

/// Map shapes (issue 19): maps share their keys, and a field is found by code points,
/// as CEL's `==` compares strings, whether the map scans or hashes.
@Suite("Map shapes")
struct MapShapeTests {
    /// Kelvin sign, then `ind`: canonically equivalent to `Kind`, a different key.
    static let kelvinKind = "\u{212A}ind"

    /// A small map, one scanned by fingerprints, one hashed (more than 32 keys).
    @Test(arguments: [1, 12, 40])
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

    /// Names that share their length and first eight bytes, or only their first bytes
    /// (the fingerprint ``FieldName`` keeps), and a NUL byte where the fingerprint pads.
    @Test(arguments: [0, 40])
    func fingerprintsNeverConfuseFields(extraKeys: Int) {
        let keys = ["security_review", "security_reviewer", "security_revieW", "a", "a\u{0}", "\u{0}", "1", "caf\u{E9}"]
        let filler = (0..<extraKeys).map { ("f\($0)", Value.int(Int64($0))) }
        guard case .map(let m) = map(keys.enumerated().map { ($1, Value.int(Int64($0))) } + filler + [("n", .null)]) else { return }
        for (i, key) in keys.enumerated() {
            #expect(m.index(ofField: key) == i, "\(key)")
            #expect(m.index(ofField: FieldName(key)) == i, "\(key)")
        }
        for absent in ["security_revie", "security_reviewers", "", "b", "a\u{0}\u{0}", "cafe\u{301}"] {
            #expect(m.index(ofField: absent) == nil, "\(absent)")
        }
        let numbered = MapShape([.int(1), .string("1")])
        #expect(numbered.index(ofField: "1") == 1)
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
