import Foundation
@testable import RuleCompiler
import Testing

/// `ParallelMap` (issue 19): results in the items' order whatever the schedule, and with
/// weights the heaviest items start first.
@Suite("Parallel map")
struct ParallelMapTests {
    final class Starts: @unchecked Sendable {
        private let lock = NSLock()
        private var order: [Int] = []
        func record(_ i: Int) {
            lock.lock()
            order.append(i)
            lock.unlock()
        }
        var recorded: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return order
        }
    }

    @Test func keepsOrderAndStartsTheHeaviestFirst() {
        // Item 37 weighs most, then 12; the rest weigh their index modulo 5.
        let items = Array(0..<40)
        let weight = { (i: Int) in i == 37 ? 1_000 : i == 12 ? 500 : i % 5 }
        let starts = Starts()
        let result = ParallelMap.map(items, weight: weight) { i -> Int in
            starts.record(i)
            return i * i
        }
        #expect(result == items.map { $0 * $0 })
        // Each core takes the next heaviest item as it comes free: 37 and 12 are the
        // first two started, and a light item never starts before a heavier one has.
        let order = starts.recorded
        #expect(Set(order.prefix(2)) == [37, 12])
        #expect(order.count == items.count)
        let byWeight = items.sorted { weight($0) != weight($1) ? weight($0) > weight($1) : $0 < $1 }
        // Starts are recorded in a race between cores, so compare weights, not items,
        // beyond the first pair: the heaviest-first order moves at most a few places.
        let lateHeavy = order.enumerated().filter { n, i in n >= 8 && weight(i) > weight(byWeight[n - 8]) }
        #expect(lateHeavy.isEmpty, "an item started far later than its weight says: \(lateHeavy)")
    }

    @Test func withoutWeightsKeepsOrder() {
        let items = (0..<100).map { "item \($0)" }
        #expect(ParallelMap.map(items) { $0.uppercased() } == items.map { $0.uppercased() })
        #expect(ParallelMap.map(items, parallel: false, weight: { $0.count }) { $0.count } == items.map(\.count))
    }
}
