import Testing
import YAML

@Suite struct SourceRangesTests {
    func range(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int, file: Int = 0) -> SourceRange {
        SourceRange(file: FileID(file), start: SourcePosition(line: line, column: column),
                    end: SourcePosition(line: endLine, column: endColumn))
    }

    @Test func ordinaryRangesPackAndComeBackExactly() {
        // The largest value of each field, and the smallest.
        let ranges = [range(1, 0, 1, 0), range(3, 5, 3, 9), range(12, 7, 40, 2),
                      range(33_554_431, 32_767, 33_554_431 + 1_023, 16_383), range(1, 1, 1_024, 1)]
        var packed = SourceRanges()
        for r in ranges { packed.append(r) }
        #expect(packed.isPacked)
        #expect(Array(packed) == ranges)
        #expect(SourceRanges(ranges) == packed)
    }

    @Test(arguments: [
        ("a line past the 25 bits", 33_554_432, 1, 33_554_432, 2),
        ("a column past 32,767", 5, 32_768, 5, 32_800),
        ("an end column past 16,383", 5, 1, 5, 16_384),
        ("a value spanning 1,024 lines", 5, 1, 1_029, 1),
        ("an end before the start", 5, 1, 4, 1),
        ("a position before line 1", 0, 1, 0, 2),
    ])
    func aRangeThatDoesNotFitWidensTheList(_ why: String, _ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) {
        let before = [range(2, 1, 2, 5), range(3, 1, 3, 8)]
        let odd = range(line, column, endLine, endColumn)
        var ranges = SourceRanges(before)
        ranges.append(odd)
        ranges.append(range(9, 1, 9, 3))
        #expect(!ranges.isPacked, "\(why)")
        #expect(Array(ranges) == before + [odd, range(9, 1, 9, 3)], "\(why)")
    }

    @Test func rangesOfTwoFilesStayApart() {
        var ranges = SourceRanges()
        ranges.append(range(2, 1, 2, 5, file: 0))
        ranges.append(range(2, 1, 2, 5, file: 1))
        #expect(!ranges.isPacked)
        #expect(ranges.map(\.file) == [FileID(0), FileID(1)])
        #expect(SourceRanges([range(2, 1, 2, 5, file: 1)])[0].file == FileID(1))
    }

    @Test func concatenationKeepsOrderAndPacksWhatItCan() {
        let a = SourceRanges([range(1, 1, 1, 4), range(2, 1, 2, 4)])
        let b = SourceRanges([range(7, 3, 8, 1)])
        #expect(Array(a + b) == Array(a) + Array(b))
        #expect((a + b).isPacked)
        let other = SourceRanges([range(1, 1, 1, 2, file: 3)])
        #expect(Array(a + other) == Array(a) + Array(other))
        #expect(!(a + other).isPacked)
        #expect((SourceRanges() + a) == a)
    }
}
