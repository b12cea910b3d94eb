@testable import RuleCompiler
import Testing

/// The hash indexes rules test `in` against live for the whole run, beside the list
/// they index: a list of many repeats gets an index with room for what it holds, not
/// for every item, and a value is found by CEL's equality.
@Suite("Membership sets")
struct MembershipSetTests {
    @Test func repeatsDoNotKeepRoom() throws {
        let ids = (0..<60_000).map { Value.string("system-\($0 % 100)") }
        let set = try #require(MembershipSet(ListValue(ids)))
        #expect(set.index.count == 100)
        #expect(set.index.capacity < 1_000, "capacity \(set.index.capacity)")
        #expect(set.contains(.string("system-42")) && !set.contains(.string("system-100")))
        let unique = try #require(MembershipSet(ListValue((0..<5_000).map { Value.int(Int64($0)) })))
        #expect(unique.index.count == 5_000)
        #expect((0..<5_000).allSatisfy { unique.contains(.int(Int64($0))) })
        #expect(!unique.contains(.int(5_000)) && !unique.contains(.string("0")) && !unique.contains(.null))
    }

    @Test func findsByCELEquality() throws {
        let list = ListValue([.int(1), .string("a"), .uint(1), .double(2), .null, .bool(true)])
        let set = try #require(MembershipSet(list))
        #expect(set.index.count == 5, "1 and 1u are one key")
        #expect(set.contains(.double(1)) && set.contains(.uint(1)) && set.contains(.int(2)))
        #expect(set.contains(.null) && set.contains(.bool(true)) && !set.contains(.bool(false)))
        // A value met again keeps its first position.
        #expect(set.index.firstIndex(of: .uint(1)) { list.items[$0] } == 0)
        #expect(set.index.firstIndex(of: .int(2)) { list.items[$0] } == 3)
        // Code points, as CEL compares strings: "é" composed is not "e" and a combining accent.
        let accents = try #require(MembershipSet(ListValue([.string("caf\u{E9}")])))
        #expect(accents.contains(.string("caf\u{E9}")) && !accents.contains(.string("cafe\u{301}")))
    }

    /// A map's shape of more than eight keys finds them through the same index.
    @Test func wideShapesFindEveryKey() {
        let keys = (0..<300).map { Value.string("field-\($0)") } + [.int(7), .string("field-3")]
        let shape = MapShape(keys)
        for i in 0..<300 { #expect(shape.index(ofField: "field-\(i)") == i, "field-\(i)") }
        #expect(shape.index(of: .int(7)) == 300 && shape.index(of: .double(7)) == 300)
        #expect(shape.index(of: .string("field-3")) == 3, "a repeated key: the first")
        #expect(shape.index(ofField: "field-300") == nil && shape.index(of: .int(8)) == nil)
    }
}
