import Testing
import YAML

/// Comments that start `#` and a digit after text on their line, found where the text
/// before them ends (columns count code points), whatever the line ends with.
@Suite("Comments that may cut a value")
struct HashCommentsTests {
    func cuts(_ text: String) -> [HashComments.Cut] {
        HashComments.scan(SourceFile(id: FileID(0), path: "t.yaml", bytes: Array(text.utf8)))
    }

    @Test func foundAfterTextOnTheirLine() {
        let found = cuts("title: Become #1 in NPS\r\nnäme: Über  #2\n# 3 on a line of its own\n  #4 too\ntarget: #1\n")
        #expect(found.map(\.textEnd) == [SourcePosition(line: 1, column: 14), SourcePosition(line: 2, column: 11),
                                         SourcePosition(line: 5, column: 8)])
        #expect(found.map(\.comment) == ["#1 in NPS", "#2", "#1"])
    }

    @Test(arguments: ["title: \"#1\"\n", "metric: rank (issue#12)\n", "owner: ceo # 1 of 2\n", "a: b #x\n", "a: b #", ""])
    func notCuts(_ text: String) {
        #expect(cuts(text).isEmpty, "\(text)")
    }

    @Test func boundedPerFile() {
        let text = String(repeating: "a: b #1\n", count: HashComments.limit + 10)
        #expect(cuts(text).count == HashComments.limit)
    }
}
