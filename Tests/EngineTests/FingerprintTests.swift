@testable import Engine
import Testing
import RuleLanguage
import YAML

/// Fingerprints (issue 19 made them cheaper and computed on every core): the same
/// digits as before, and the same identity hash without building the identity.
@Suite("Fingerprints")
struct FingerprintTests {
    @Test(arguments: ["", "a", "sensitive-system-without-mfa|Inventory.systems[id=erp].security|00ab", "ünïcödé \u{1F600}"])
    func hexIsTheHashPadded(_ text: String) {
        let hash = FNV1a.hash(text)
        let old = String(hash, radix: 16)
        #expect(FNV1a.hex(text) == String(repeating: "0", count: 16 - old.count) + old)
        #expect(FNV1a.hex(0) == "0000000000000000")
        #expect(FNV1a.hex(UInt64.max) == "ffffffffffffffff")
        var pieces = FNV1a()
        for piece in text.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
            if piece.offset > 0 { pieces.add("|") }
            pieces.add(String(piece.element))
        }
        #expect(pieces.value == hash)
    }

    /// FNV-1a's published 64-bit test values: fingerprints in baselines stay what they
    /// were however the bytes are walked.
    @Test func theHashIsFNV1a() {
        #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
        // A bridged or sliced string's bytes are the same bytes.
        let sliced = "xxfoobar".dropFirst(2)
        #expect(FNV1a.hash(String(sliced)) == 0x8594_4171_f739_67e8)
    }

    /// A finding's fingerprint is the hash of its identity, `:n` for the nth repeat, in
    /// report order, however many findings are split across cores.
    @Test func fingerprintsFollowTheIdentity() {
        let range = SourceRange(file: FileID(0), start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 2))
        let findings = (0..<1_000).map { i in
            Finding(ruleID: i % 3 == 0 ? "r" : "s\(i)", pitfall: .vagueGoals, severity: .warning, message: "m", fix: nil, file: "f.yaml", range: range)
        }
        let identified = Checker.identify(findings, in: Workspace(documents: [:], parseErrors: [], fileCount: 0))
        #expect(identified.count == findings.count)
        var seen: [String: Int] = [:]
        for f in identified {
            let base = FNV1a.hex(f.identity)
            let n = seen[base, default: 0]
            seen[base] = n + 1
            #expect(f.fingerprint == (n == 0 ? base : "\(base):\(n)"))
        }
        #expect(seen.values.contains(334))
    }

    /// The identity's hash, from its pieces, with and without a logical path.
    @Test func identityHashIsTheHashOfTheIdentity() {
        var f = Finding(ruleID: "dangling-reference", pitfall: .vagueGoals, severity: .error, message: "m", fix: nil, file: "s é.yaml", range: nil)
        f.valueHash = FNV1a.hex("goal-x")
        #expect(f.identityHash == FNV1a.hash(f.identity))
        f.logicalPath = "Strategy.initiatives[id=i|1].supports[=goal-x]"
        #expect(f.identityHash == FNV1a.hash(f.identity))
    }
}
