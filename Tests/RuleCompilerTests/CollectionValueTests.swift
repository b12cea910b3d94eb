@testable import RuleCompiler
import Testing
import YAML

/// Lists and maps keep their values and positions in one allocation (issue 19): the
/// positions packed into the slots, or all of them beside the slots once one does not
/// pack. Whichever way they are kept, each position comes back exactly.
@Suite("Lists and maps")
struct CollectionValueTests {
    static func range(_ line: Int, _ column: Int = 1, file: Int = 0, endLine: Int? = nil, endColumn: Int = 9) -> SourceRange {
        SourceRange(file: FileID(file), start: SourcePosition(line: line, column: column),
                    end: SourcePosition(line: endLine ?? line, column: endColumn))
    }

    /// Ranges of one file; then the same with the fourth of another file, or one that
    /// does not pack, so that the collection turns wide after packing three.
    static let rangeLists: [(String, [SourceRange])] = {
        let plain = (1...8).map { range(2 * $0, $0) }
        var otherFile = plain, tooWide = plain, tooLong = plain
        otherFile[3] = range(7, 2, file: 1)
        tooWide[3] = range(7, 40_000)
        tooLong[3] = range(7, endLine: 2_000)
        return [("one file", plain), ("a second file", otherFile), ("a column past 32,767", tooWide), ("a value spanning 1,993 lines", tooLong)]
    }()

    @Test(arguments: rangeLists)
    func listPositionsComeBackExactly(_ why: String, _ ranges: [SourceRange]) {
        let items = ranges.indices.map { Value.int(Int64($0)) }
        for list in [ListValue(items, ranges: ranges), ListValue(items, ranges: SourceRanges(ranges)),
                     ListValue(count: items.count) { (items[$0], ranges[$0]) }] {
            #expect(Array(list.items) == items, "\(why)")
            #expect(list.positions == ranges, "\(why)")
            #expect(list.range(at: items.count) == nil && list.range(at: -1) == nil, "\(why)")
        }
    }

    @Test(arguments: rangeLists)
    func mapPositionsComeBackExactly(_ why: String, _ ranges: [SourceRange]) {
        // Key `i` at `2i`, its value at `2i + 1`: the switch to wide falls on a key or a value.
        for shift in 0...1 {
            let all = shift == 0 ? ranges : Array(ranges.dropFirst()) + [Self.range(99)]
            let keys = (0..<all.count / 2).map { Value.string("k\($0)") }
            let values = keys.indices.map { Value.int(Int64($0)) }
            let map = MapValue(shape: MapShape(keys)) { (values[$0], all[2 * $0], all[2 * $0 + 1]) }
            #expect(Array(map.values) == values, "\(why)")
            #expect(map.positions == all, "\(why), shift \(shift)")
            let typed = map.replacingValues(values.map { _ in Value.null })
            #expect(typed.positions == all && Array(typed.values) == values.map { _ in Value.null }, "\(why), shift \(shift)")
        }
    }

    /// `items.field` (``Access/project(_:_:)``): each item's value, a list's items in
    /// its place, nulls and items without the field skipped, every position kept, in
    /// two files; one value without a position leaves the list none.
    @Test func projectionKeepsEachPosition() {
        let shape = MapShape([.string("name"), .string("id")])
        func item(_ id: Value, file: Int, line: Int, positioned: Bool = true) -> Value {
            .map(MapValue(shape: shape) { i in
                (i == 0 ? .string("n") : id, Self.range(line, file: file), positioned ? Self.range(line, 7 + i, file: file) : nil)
            })
        }
        let inner = ListValue([.string("b"), .string("c")], ranges: [Self.range(20, 3, file: 1), Self.range(21, 3, file: 1)])
        let items = ListValue([item(.string("a"), file: 0, line: 2), .int(5), item(.null, file: 0, line: 4),
                               .map(MapValue(shape: MapShape([.string("name")]), values: [.string("x")])),
                               item(.list(inner), file: 1, line: 19), item(.list(ListValue.empty), file: 1, line: 30),
                               item(.int(4), file: 0, line: 9)])
        guard case .list(let ids) = Access.project(items, FieldName("id")) else { Issue.record("not a list"); return }
        #expect(Array(ids.items) == [.string("a"), .string("b"), .string("c"), .int(4)])
        #expect(ids.positions == [Self.range(2, 8), Self.range(20, 3, file: 1), Self.range(21, 3, file: 1), Self.range(9, 8)])
        let unplaced = ListValue([item(.string("a"), file: 0, line: 2), item(.string("z"), file: 0, line: 3, positioned: false)])
        guard case .list(let both) = Access.project(unplaced, FieldName("id")) else { Issue.record("not a list"); return }
        #expect(Array(both.items) == [.string("a"), .string("z")] && both.positions == [nil, nil])
        guard case .list(let none) = Access.project(ListValue([.int(1)]), FieldName("id")) else { Issue.record("not a list"); return }
        #expect(none.count == 0)
    }

    /// A key's position is kept from its value's (``KeyPlace``) up to its limits, and
    /// beyond them the map turns wide; either way each position comes back exactly.
    @Test(arguments: [
        ("on its value's line", Self.range(5, 3, endColumn: 7), true),
        ("three lines before", Self.range(2, 3, endColumn: 7), true),
        ("four lines before", Self.range(1, 3, endColumn: 7), false),
        ("after its value", Self.range(6, 3, endColumn: 7), false),
        ("at column 4,095", Self.range(5, 4_095, endColumn: 5_000), true),
        ("at column 4,096", Self.range(5, 4_096, endColumn: 4_100), false),
        ("1,023 columns wide", Self.range(5, 1, endColumn: 1_024), true),
        ("1,024 columns wide", Self.range(5, 1, endColumn: 1_025), false),
        ("spanning two lines", Self.range(4, 3, endLine: 5, endColumn: 2), false),
        ("in another file", Self.range(5, 3, file: 1, endColumn: 7), false),
    ])
    func keyPositionsComeBackExactly(_ why: String, _ key: SourceRange, _ packs: Bool) {
        #expect((KeyPlace(key, before: Self.range(5, 9, endLine: 8)) != nil) == packs, "\(why)")
        let keys = (0..<4).map { Value.string("k\($0)") }
        // The odd key out second, so that the map turns wide after one packed entry.
        let all: [(SourceRange, SourceRange)] = [(Self.range(1, 1, endColumn: 3), Self.range(1, 5)), (key, Self.range(5, 9, endLine: 8)),
                                                 (Self.range(9, 1, endColumn: 3), Self.range(9, 5)), (Self.range(10, 1, endColumn: 3), Self.range(11, 3))]
        let map = MapValue(shape: MapShape(keys)) { (.int(Int64($0)), all[$0].0, all[$0].1) }
        #expect(map.positions == all.flatMap { [$0.0, $0.1] }, "\(why)")
    }

    @Test func aMissingPositionLeavesNone() {
        let list = ListValue(count: 3) { i in (.int(Int64(i)), i == 1 ? nil : Self.range(i + 1)) }
        #expect(list.count == 3 && list.positions == [nil, nil, nil])
        let partial = ListValue([.int(1), .int(2)], ranges: [Self.range(1)])
        #expect(partial.positions == [nil, nil])
        let map = MapValue(shape: MapShape([.string("a"), .string("b")])) { i in (.int(Int64(i)), Self.range(1), i == 0 ? Self.range(2) : nil) }
        #expect(map.positions == [nil, nil, nil, nil])
    }

    @Test func concatenationAndReplacementKeepPositions() {
        let a = ListValue([.int(1), .int(2)], ranges: [Self.range(1), Self.range(2)])
        let b = ListValue([.int(3)], ranges: [Self.range(5, file: 2)])
        let sum = a + b
        #expect(Array(sum.items) == [.int(1), .int(2), .int(3)])
        #expect(sum.positions == [Self.range(1), Self.range(2), Self.range(5, file: 2)])
        #expect((a + ListValue([.int(3)])).positions == [nil, nil, nil], "a computed list has no positions, so the sum has none")
        // Each way of keeping positions on both sides: one file packed, both wide, mixed.
        let sameFile = ListValue([.int(3)], ranges: [Self.range(9)])
        let wide = ListValue([.int(4), .int(5)], ranges: SourceRanges([Self.range(3, file: 1), Self.range(4, file: 2)]))
        let otherWide = ListValue([.int(6), .int(7)], ranges: SourceRanges([Self.range(6, file: 2), Self.range(8, file: 1)]))
        for (x, y) in [(a, sameFile), (wide, otherWide), (a, wide), (wide, a), (ListValue.empty, a), (a, ListValue.empty)] {
            let joined = x + y
            #expect(Array(joined.items) == Array(x.items) + Array(y.items))
            #expect(joined.positions == x.positions + y.positions)
        }
        let replaced = a.replacing([(index: 1, value: .string("two"))])
        #expect(Array(replaced.items) == [.int(1), .string("two")] && replaced.positions == a.positions)
        #expect(replaced.isSame(as: replaced) && !replaced.isSame(as: a))
    }

    /// A builder that stops half-way (the load cache refusing an entry) releases the
    /// values it had placed.
    @Test func aBuilderThatStopsReleasesWhatItMade() {
        struct Stop: Error {}
        weak var placed: EvalError?
        func build() throws {
            let error = EvalError("placed", at: nil)
            placed = error
            _ = try ListValue(count: 3) { i in
                if i == 2 { throw Stop() }
                return (.error(error), Self.range(i + 1))
            }
        }
        #expect(throws: Stop.self) { try build() }
        #expect(placed == nil)
        weak var inMap: EvalError?
        func buildMap() throws {
            let error = EvalError("placed", at: nil)
            inMap = error
            _ = try MapValue(shape: MapShape([.string("a"), .string("b")])) { i in
                if i == 1 { throw Stop() }
                return (.error(error), Self.range(1), Self.range(1))
            }
        }
        #expect(throws: Stop.self) { try buildMap() }
        #expect(inMap == nil)
    }
}

/// The layout the slots' comments promise: a slot's file lies in the value's padding.
@Suite("Slot layout")
struct SlotLayoutTests {
    @Test func aSlotsFileTakesNoRoom() {
        #expect(MemoryLayout<Value>.size <= 20, "a Value leaves four bytes of its stride free")
        #expect(MemoryLayout<ListSlot>.stride == MemoryLayout<Value>.stride + 8)
        #expect(MemoryLayout<Value>.size <= 17, "a Value leaves seven bytes of its stride free")
        #expect(MemoryLayout<MapSlot>.stride == MemoryLayout<Value>.stride + 8, "a key's place and the file lie in them")
    }
}

extension ListValue {
    /// Each item's position (nil where there is none).
    var positions: [SourceRange?] { items.indices.map(range(at:)) }
}

extension MapValue {
    /// Each key's position, then its value's.
    var positions: [SourceRange?] { values.indices.flatMap { [keyRange(at: $0), range(at: $0)] } }
}
