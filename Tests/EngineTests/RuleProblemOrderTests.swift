@testable import Engine
import Testing
import YAML

/// The order of a pack's problems: the parser's and the compiler's, merged.
@Suite("Rule problem order")
struct RuleProblemOrderTests {
    static func at(_ file: Int, _ line: Int) -> Diagnostic {
        .error("\(file):\(line)", at: SourceRange(file: FileID(file), start: SourcePosition(line: line, column: 1),
                                                   end: SourcePosition(line: line, column: 2)))
    }

    /// Files in the order their first problem came, each by line, placeless ones first;
    /// problems found in an order that a comparison by "same file: line, else as found"
    /// could not sort (it is not transitive on them).
    @Test func byFileThenLine() {
        let placeless = Diagnostic.error("no place", at: nil)
        let found = [Self.at(1, 5), Self.at(2, 1), Self.at(1, 1), placeless, Self.at(2, 1), Self.at(3, 9), Self.at(1, 3)]
        let ordered = RulePacks.inFileOrder(found).map(\.message)
        #expect(ordered == ["no place", "1:1", "1:3", "1:5", "2:1", "2:1", "3:9"])
    }
}
