import Foundation
import Testing
import YAML

/// YAML 1.2, section 5.2: a stream may be UTF-8, UTF-16 or UTF-32, told by its byte
/// order mark or by the zero bytes around its first (ASCII) character.
@Suite("Text encodings")
struct TextEncodingTests {
    /// Accents, a character beyond the Basic Multilingual Plane (a surrogate pair in
    /// UTF-16), CRLF line ends as Windows writes them.
    static let text = "kind: Strategy\r\ngoals:\r\n  - id: croissance-à-l’étranger\r\n    title: \"Grow 📈\"\r\n"

    static func encoded(_ text: String, _ encoding: String.Encoding, mark: Bool) throws -> [UInt8] {
        var bytes = Array(try #require(text.data(using: encoding)))
        // Foundation writes a mark for .utf16 and .utf32 only; these say the order themselves.
        let marks: [String.Encoding: [UInt8]] = [.utf16LittleEndian: [0xFF, 0xFE], .utf16BigEndian: [0xFE, 0xFF],
                                                 .utf32LittleEndian: [0xFF, 0xFE, 0, 0], .utf32BigEndian: [0, 0, 0xFE, 0xFF], .utf8: [0xEF, 0xBB, 0xBF]]
        if mark, let m = marks[encoding] { bytes = m + bytes }
        return bytes
    }

    @Test(arguments: [String.Encoding.utf8, .utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian], [true, false])
    func everyEncodingBecomesTheSameUTF8(_ encoding: String.Encoding, mark: Bool) throws {
        let bytes = try Self.encoded(Self.text, encoding, mark: mark)
        #expect(TextEncoding.utf8(bytes) == Array(Self.text.utf8))
    }

    @Test func textThatIsNotValidInItsEncodingIsLeftForTheParser() {
        // A lone high surrogate (UTF-16LE with a mark), an odd number of bytes, a code
        // point past U+10FFFF (UTF-32BE).
        let lone: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00, 0x00, 0xD8, 0x62, 0x00]
        let odd: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3A]
        let beyond: [UInt8] = [0, 0, 0, 0x61, 0x00, 0x11, 0x00, 0x00]
        for bytes in [lone, odd, beyond] { #expect(TextEncoding.utf8(bytes) == bytes) }
        // Plain UTF-8, valid or not, is as it was.
        for bytes in [Array("a: b\n".utf8), [0x61, 0x3A, 0x20, 0xFF], []] { #expect(TextEncoding.utf8(bytes) == bytes) }
    }

    /// The table registers files as UTF-8, so positions, quoted lines and the parser's
    /// values agree whatever the file was saved as.
    @Test func aUTF16FileIsLoadedAndQuotedAsText() throws {
        let bytes = try Self.encoded(Self.text, .utf16LittleEndian, mark: true)
        let file = SourceTable().add(path: "s.yaml", bytes: bytes)
        #expect(file.line(3) == "  - id: croissance-à-l’étranger")
        let doc = try #require(try Loader.load(file).get().first)
        guard case .sequence(let goals)? = doc["goals"]?.content, let goal = goals.first,
              let id = goal["id"], case .scalar(.string(let title))? = goal["title"]?.content else {
            Issue.record("no goal")
            return
        }
        #expect(title == "Grow 📈")
        #expect(id.scalarText == "croissance-à-l’étranger")
        #expect(id.range.start.line == 3 && id.range.start.column == 9)
    }
}
