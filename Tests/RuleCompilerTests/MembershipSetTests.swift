@testable import RuleCompiler
import Testing

/// The hash sets rules test `in` against live for the whole run: a list of many repeats
/// gets a set with room for what it holds, not for every item.
@Suite("Membership sets")
struct MembershipSetTests {
    @Test func repeatsDoNotKeepRoom() {
        let ids = (0..<60_000).map { Value.string("system-\($0 % 100)") }
        let set = Program.membershipSet(ListValue(ids))
        #expect(set.count == 100)
        #expect(set.capacity < 1_000, "capacity \(set.capacity)")
        #expect(set.contains(HashKey(.string("system-42"))) && !set.contains(HashKey(.string("system-100"))))
        let unique = Program.membershipSet(ListValue((0..<5_000).map { Value.int(Int64($0)) }))
        #expect(unique.count == 5_000 && unique.contains(HashKey(.int(4_999))))
    }
}
