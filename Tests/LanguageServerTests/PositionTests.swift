import LanguageServer
import Testing

@Suite struct PositionTests {
    func at(_ text: String, _ line: Int, _ column: Int) -> [Int] {
        let p = LineIndex(text).position(line: line, column: column)
        return [p["line"]?.int ?? -1, p["character"]?.int ?? -1]
    }

    @Test func linesFromZeroCharactersInUTF16() {
        let text = "a: 1\nname: \"😀 é x\"\n"
        #expect(at(text, 1, 1) == [0, 0])
        // Line 2: `name: "` (7), an emoji (two UTF-16 units), a space, `é`, a space, `x`.
        #expect(at(text, 2, 8) == [1, 7])
        #expect(at(text, 2, 9) == [1, 9])
        #expect(at(text, 2, 10) == [1, 10])
        #expect(at(text, 2, 13) == [1, 13])
    }

    @Test func libyamlsExtraLineBreaksAreNotTheProtocols() {
        // libyaml starts a line after U+2028; the protocol does not.
        let text = "a: \"x\u{2028}y\"\nb: 2\n"
        #expect(at(text, 2, 1) == [0, 6])
        #expect(at(text, 3, 1) == [1, 0])
        #expect(at("a: 1\r\nb: 2\rc: 3", 3, 2) == [2, 1])
    }

    @Test func pastTheEndOfALineIsItsEnd() {
        #expect(at("ab\ncd", 1, 40) == [0, 2])
        #expect(at("ab\r\ncd", 1, 40) == [0, 2])
        #expect(at("ab", 9, 1) == [8, 0])
    }
}
