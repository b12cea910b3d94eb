import Foundation
@testable import RuleCompiler
import Testing

/// `ParallelMap` (issue 19): results in the items' order whatever the schedule, and with
/// weights the heaviest items start first.
@Suite("Parallel map")
struct ParallelMapTests {
    /// Which item each core takes next is decided by the schedule; when each starts is
    /// up to the cores, so the schedule is what is tested.
    @Test func heaviestFirstAndTiesInWrittenOrder() {
        #expect(ParallelMap.schedule([3, 10, 3, 0, 7, 10]) == [1, 5, 4, 0, 2, 3])
        #expect(ParallelMap.schedule([]) == [])
        #expect(ParallelMap.schedule([5, 5, 5]) == [0, 1, 2])
    }

    @Test func resultsKeepTheItemsOrder() {
        let items = Array(0..<200)
        let weighted = ParallelMap.map(items, weight: { $0 % 7 == 0 ? 1_000 - $0 : $0 % 5 }) { $0 * $0 }
        #expect(weighted == items.map { $0 * $0 })
        let words = items.map { "item \($0)" }
        #expect(ParallelMap.map(words) { $0.uppercased() } == words.map { $0.uppercased() })
        #expect(ParallelMap.map(words, parallel: false, weight: { $0.count }) { $0.count } == words.map(\.count))
    }

    /// Every element is changed in place once, whatever the number of parts, and the
    /// parts' results come back in order.
    @Test(arguments: [(0, 8), (1, 8), (5, 8), (200, 1), (200, 8), (201, 8), (7, 100)])
    func updatesEachElementOnceInPlace(count: Int, parts: Int) {
        var items = (0..<count).map { "item \($0)" }
        let seen = ParallelMap.updateInParts(&items, parts: parts) { part, range -> [Int] in
            range.map { i in
                part[i] += " changed"
                return i
            }
        }
        #expect(items == (0..<count).map { "item \($0) changed" })
        #expect(Array(seen.joined()) == Array(0..<count))
        #expect(seen.count <= max(1, parts))
    }
}
