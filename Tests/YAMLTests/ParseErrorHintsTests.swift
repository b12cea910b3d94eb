import Testing
import YAML

/// libyaml's commonest errors in hand-written files come with their cause and the edit
/// that mends it, where the line shows the cause; elsewhere libyaml's words stand alone.
@Suite("Parse error hints")
struct ParseErrorHintsTests {
    struct Expected: CustomTestStringConvertible, Sendable {
        let text: String
        let at: (line: Int, column: Int)
        let message: String
        let fix: String?
        /// What the editor's quick fix writes over the reported range, if anything.
        var replacement: String? = nil
        var testDescription: String { message }
    }

    static let cases: [Expected] = [
        .init(text: "goals:\n  - id: g1\n    title: Phase 2: rollout of the portal  # draft\n", at: (3, 12),
              message: "the value of `title` holds ': ', which YAML reads as the start of another key",
              fix: "Put the whole value in quotes: `title: \"Phase 2: rollout of the portal\"`", replacement: "\"Phase 2: rollout of the portal\""),
        .init(text: "owner: @cio\n", at: (1, 8),
              message: "a value cannot begin with '@' unless it is quoted (YAML reserves it)",
              fix: "Put the whole value in quotes: `owner: \"@cio\"`", replacement: "\"@cio\""),
        .init(text: "goals:\n  - title: [draft] grow\n", at: (2, 12),
              message: "the value of `title` begins with [draft], which YAML reads as a list, and the text after it belongs to nothing",
              fix: "Put the whole value in quotes: `title: \"[draft] grow\"`", replacement: "\"[draft] grow\""),
        .init(text: "title: \"Cloud\" first \\ foremost\n", at: (1, 8),
              message: "the value of `title` begins with \"Cloud\", which YAML reads as a quoted text",
              fix: "Put the whole value in quotes: `title: '\"Cloud\" first \\ foremost'`", replacement: "'\"Cloud\" first \\ foremost'"),
        .init(text: "kind: Strategy\ntitle: \"unterminated\nowner: cio\n", at: (2, 8),
              message: "a quoted value is never closed: libyaml found the end of the file while reading it",
              fix: "Close the quote on the line where it opens"),
        .init(text: "goals:\n  - id: g1\n    title: Grow\n      owner: cio\n", at: (4, 12),
              message: "this line is indented more than `title` on line 3, so YAML reads it as more of the value of `title`",
              fix: "Indent `owner` as `title` is (4 spaces)"),
        .init(text: "goals:\n  - id: a\n   title: misaligned\n", at: (3, 4),
              message: "this line is indented 3 spaces, which lines up with neither the list's `- ` (2 spaces) nor the keys of its item on line 2 (4 spaces)",
              fix: "Indent it 4 spaces to continue the item on line 2, or start a new item with `- ` indented 2 spaces"),
        .init(text: "kind: Strategy\ngoals:\n  - id: g\n owner: x\n", at: (4, 2),
              message: "this line is indented 1 space, but the keys of the mapping that begins on line 1 are indented 0 spaces",
              fix: "Start it at the beginning of the line"),
        // A value that begins with an indicator is read as something else.
        .init(text: "title: *bold* growth\n", at: (1, 8),
              message: "the value of `title` begins with '*', which YAML reads as an alias",
              fix: "Put the whole value in quotes: `title: \"*bold* growth\"`", replacement: "\"*bold* growth\""),
        .init(text: "target: %50 growth\n", at: (1, 9), message: "a value cannot begin with '%' unless it is quoted",
              fix: "Put the whole value in quotes", replacement: "\"%50 growth\""),
        .init(text: "goals:\n  - title: - grow\n", at: (2, 12),
              message: "the value of `title` begins with '- ', which YAML reads as a list's item",
              fix: "Put the whole value in quotes", replacement: "\"- grow\""),
        .init(text: "title: |draft| grow\n", at: (1, 8),
              message: "the value of `title` begins with '|', which YAML reads as the start of a block of text",
              fix: "Put the whole value in quotes", replacement: "\"|draft| grow\""),
        .init(text: "title: ? why\n", at: (1, 8), message: "the value of `title` begins with '? ', which YAML reads as a key",
              fix: "Put the whole value in quotes", replacement: "\"? why\""),
        .init(text: "a:\n\t- b\n", at: (2, 1), message: "YAML does not allow tabs for indentation, indent with spaces", fix: nil),
        // No cause on the line: libyaml's words alone.
        .init(text: "a: [1, 2\nb: c\n", at: (2, 2), message: "did not find expected ',' or ']' while parsing a flow sequence", fix: nil),
        .init(text: "\"key\": a: b\n", at: (1, 9), message: "mapping values are not allowed in this context", fix: nil),
    ]

    @Test(arguments: cases)
    func explains(_ c: Expected) throws {
        guard case .failure(let error) = load(c.text) else {
            Issue.record("parsed: \(c.text)")
            return
        }
        #expect(error.message.contains(c.message), "\(error.message)")
        #expect(error.range.start.line == c.at.line && error.range.start.column == c.at.column, "\(error.range)")
        #expect(error.replacement == c.replacement, "\(error.replacement ?? "none")")
        if let fix = c.fix {
            #expect(error.fix?.contains(fix) == true, "\(error.fix ?? "no fix")")
        } else {
            #expect(error.fix == nil, "\(error.fix ?? "")")
        }
    }

    /// Quoted as YAML reads it back: escapes in double quotes, control characters
    /// included, and single quotes only where they need none.
    @Test func quotingRoundTrips() throws {
        for text in ["Phase 2: rollout", "\"Cloud\" first", "it's \"done\"", "a\tb\\c", "bell\u{7}", "über: ✓"] {
            for quoted in [ScalarQuoting.quoted(text), ScalarQuoting.doubleQuoted(text)] {
                let read = try #require(try load("v: \(quoted)\n").get().first?["v"]?.scalarText, "\(quoted)")
                #expect(read == text, "\(quoted)")
                #expect(!quoted.contains("\n") && !quoted.contains("\t"))
            }
        }
        #expect(ScalarQuoting.quoted("\"Cloud\" first") == "'\"Cloud\" first'")
    }

    /// A hint's text is made only of the line's own words and fixed words; no hint when
    /// the key itself is quoted, flow or a comment.
    @Test func noHintWhereTheLineIsNotAnEntry() throws {
        for text in ["# a: b: c\nx: [\n", "[a, b]: c: d\n", "'quoted key': a: b\n", "&anchor key: a: b\n"] {
            guard case .failure(let error) = load(text) else {
                Issue.record("parsed: \(text)")
                continue
            }
            #expect(error.fix == nil, "\(text): \(error.fix ?? "")")
            #expect(!error.message.contains("the value of"), "\(text): \(error.message)")
        }
    }
}
