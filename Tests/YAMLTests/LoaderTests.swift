import Testing
import TestSupport
import YAML

func load(_ text: String, limits: LoadLimits = LoadLimits()) -> Result<[Node], YAMLError> {
    let file = SourceFile(id: FileID(0), path: "t.yaml", bytes: Array(text.utf8))
    return Loader.load(file, limits: limits)
}

func document(_ text: String) throws -> Node {
    try #require(try load(text).get().first)
}

func scalar(_ text: String) throws -> Scalar {
    guard case .scalar(let s) = try document("v: " + text)["v"]?.content else {
        Issue.record("not a scalar: \(text)")
        return .null
    }
    return s
}


@Suite("YAML 1.2 core schema")
struct ScalarTests {
    static let cases: [Case<Scalar>] = [
        .init("~", .null), .init("null", .null), .init("NULL", .null),
        .init("", .null),
        .init("true", .bool(true)), .init("False", .bool(false)),
        // YAML 1.1 booleans stay strings.
        .init("yes", .string("yes")), .init("no", .string("no")),
        .init("on", .string("on")), .init("off", .string("off")),
        .init("NO", .string("NO")), .init("y", .string("y")),
        .init("42", .int(42)), .init("-7", .int(-7)), .init("+3", .int(3)),
        .init("0x1F", .int(31)), .init("0o17", .int(15)),
        .init("012", .int(12)),
        .init("1.5", .double(1.5)), .init("1e3", .double(1000)),
        .init(".5", .double(0.5)), .init("-.inf", .double(-.infinity)),
        .init("99999999999999999999", .double(1e20)),
        .init("2026-12-31", .date(CivilDate(year: 2026, month: 12, day: 31)!)),
        .init("2026-02-30", .string("2026-02-30")),
        .init("2026-12-31T10:00:00Z", .string("2026-12-31T10:00:00Z")),
        .init("'42'", .string("42")), .init("\"true\"", .string("true")),
        .init("!!str 42", .string("42")), .init("!!float 1", .double(1)),
        .init("2.5%", .string("2.5%")), .init("+300k EUR", .string("+300k EUR")),
        .init("1.2.3", .string("1.2.3")), .init("-x", .string("-x")),
    ]

    @Test(arguments: cases)
    func resolves(_ c: Case<Scalar>) throws {
        #expect(try scalar(c.text) == c.expected)
    }

    @Test func nanIsADouble() throws {
        guard case .double(let d) = try scalar(".nan") else { Issue.record("not a double"); return }
        #expect(d.isNaN)
    }

    @Test func datesRoundTrip() {
        for text in ["1970-01-01", "2000-02-29", "2026-12-31", "1969-07-20", "2400-02-29"] {
            #expect(CivilDate(iso: text)?.description == text)
        }
        #expect(CivilDate(iso: "1970-01-02")?.daysSinceEpoch == 1)
        #expect(CivilDate(iso: "2100-02-29") == nil)
    }
}

@Suite("Loader")
struct LoaderTests {
    @Test func positionsAreOneBasedAndEndExclusive() throws {
        let doc = try document("kind: Strategy\ngoals:\n  - id: grow\n    title: \"Grow fast\"\n")
        let goal = try #require(doc["goals"])
        guard case .sequence(let items) = goal.content else { Issue.record("goals is not a list"); return }
        let id = try #require(items[0]["id"])
        #expect(id.range.start == SourcePosition(line: 3, column: 9))
        #expect(id.range.end == SourcePosition(line: 3, column: 13))
        // A quoted scalar starts at its quote.
        let title = try #require(items[0]["title"])
        #expect(title.range.start == SourcePosition(line: 4, column: 12))
        #expect(title.range.end == SourcePosition(line: 4, column: 23))
        // A block collection ends at its last child, not at the next token.
        #expect(items[0].range.start == SourcePosition(line: 3, column: 5))
        #expect(items[0].range.end == SourcePosition(line: 4, column: 23))
        #expect(goal.range.end == SourcePosition(line: 4, column: 23))
    }

    @Test func flowCollectionEndsAtItsBracket() throws {
        let doc = try document("a: [x, y]  # note\n")
        #expect(doc["a"]?.range.start == SourcePosition(line: 1, column: 4))
        #expect(doc["a"]?.range.end == SourcePosition(line: 1, column: 10))
    }

    /// `c` in `{ a: b, c }` has no `:`: a comma ended the value before it. Its null value
    /// sits at the key's end (``FlowCommas``); `{ c: }`'s does not, nor a block key's.
    @Test(arguments: [
        ("x: { a: b, c }\n", "c", true), ("x: {c}\n", "c", true), ("x: { a: b, c: }\n", "c", false),
        ("x: { a: 1,250,000 }\n", "250", true), ("x: { \"é\": ü, ğ }\n", "ğ", true),
        ("x: {\n  a: b,\n  c\n}\n", "c", true), ("x: {\n  c # a note: not a colon of the map\n}\n", "c", true),
        ("x:\n  c:\n  d: 1\n", "c", false), ("x: { c:\n }\n", "c", false), ("x: [ c ]\n", "c", false),
    ])
    func keyWithoutColonInBraces(_ text: String, _ key: String, _ bare: Bool) throws {
        guard case .mapping(let pairs)? = try document(text)["x"]?.content else {
            #expect(!bare, "a sequence has no keys")
            return
        }
        let pair = try #require(pairs.first { $0.key.scalarText == key })
        if case .scalar(.null) = pair.value.content {} else { Issue.record("the key has no value") }
        #expect(FlowCommas.isBareValue(pair.value.range, of: pair.key.range) == bare, "\(text)")
    }

    /// `{ budget: 1,000,000 }` repeats the key `000`: the error says why.
    @Test func thousandsSeparatorsInBracesExplained() throws {
        guard case .failure(let e) = load("x: { budget: 1,000,000 }\n") else {
            Issue.record("a repeated key is an error")
            return
        }
        #expect(e.message.contains("inside `{ }` a comma ends a value") && e.message.contains("1000000"), "\(e.message)")
        guard case .failure(let plain) = load("x: { a: 1, a: 2 }\n") else { return }
        #expect(!plain.message.contains("comma"), "\(plain.message)")
    }

    @Test func columnsCountCodePoints() throws {
        let doc = try document("name: Café Übersee\nnext: x\n")
        #expect(doc["name"]?.range.end == SourcePosition(line: 1, column: 19))
        let emoji = try document("a: \"🙂\"\nb: x\n")
        #expect(emoji["b"]?.range.start == SourcePosition(line: 2, column: 4))
        #expect(emoji["a"]?.range.end == SourcePosition(line: 1, column: 7))
    }

    @Test func multipleDocuments() throws {
        let docs = try load("kind: A\n---\nkind: B\n---\n").get()
        #expect(docs.count == 3)
        #expect(docs[1]["kind"]?.scalarText == "B")
        #expect(docs[1].range.start.line == 3)
    }

    @Test func emptyFileHasNoDocuments() throws {
        #expect(try load("").get().isEmpty)
        #expect(try load("# just a comment\n").get().isEmpty)
    }

    @Test func aliasesAreExpanded() throws {
        let doc = try document("base: &b { mfa: true }\nsystem: *b\n")
        #expect(doc["system"]?["mfa"]?.scalarText == "true")
        #expect(doc["system"]?.range.start == SourcePosition(line: 2, column: 9))
    }

    @Test func billionLaughsIsAnError() throws {
        let text = try #require(Repository.read(Repository.fixture("invalid/yaml/billion-laughs.yaml")))
        guard case .failure(let e) = load(text) else { Issue.record("expected an error"); return }
        #expect(e.message.contains("aliases expand to more than 100000 nodes"))
        #expect(e.range.start.line == 6)
    }

    @Test func aliasCapIsConfigurable() {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        if case .failure = load(text, limits: LoadLimits(maxAliasExpansion: 100)) { Issue.record("small expansion refused") }
        guard case .failure = load(text, limits: LoadLimits(maxAliasExpansion: 5)) else {
            Issue.record("the cap was not applied")
            return
        }
    }

    @Test func depthCap() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        guard case .failure(let e) = load(deep) else { Issue.record("expected an error"); return }
        #expect(e.message.contains("deeper than 256"))
        if case .failure(let e) = load(deep, limits: LoadLimits(maxDepth: 400)) { Issue.record("\(e.message)") }
    }

    @Test func duplicateKeyIsAnErrorAtTheSecondKey() {
        guard case .failure(let e) = load("owner: a\ngoals: []\nowner: b\n") else { Issue.record("expected an error"); return }
        #expect(e.message == "duplicate key 'owner' (first defined at line 1); remove or rename one of them")
        #expect(e.range.start == SourcePosition(line: 3, column: 1))
    }

    /// Keys are compared within their own mapping only: a nested mapping may repeat its
    /// parent's keys (flow and block, with a key of the parent still waiting for the
    /// nested value), a duplicate deep down is found at its line, and so is one in a
    /// mapping large enough to be indexed.
    @Test func duplicateKeysAreFoundInTheirOwnMapping() throws {
        let nested = try document("a: {a: 1, b: {a: 2, b: 3}}\nb:\n  a: x\n  b:\n    b: y\nc: [{c: 1}, {c: 2}]\n")
        #expect(nested["a"]?["b"]?["a"]?.scalarText == "2")
        #expect(nested["b"]?["b"]?["b"]?.scalarText == "y")
        guard case .failure(let deep) = load("a:\n  b:\n    c: 1\n    d: 2\n    c: 3\n") else { Issue.record("expected an error"); return }
        #expect(deep.message.hasPrefix("duplicate key 'c' (first defined at line 3)"))
        #expect(deep.range.start == SourcePosition(line: 5, column: 5))
        let many = (0..<20).map { "k\($0): \($0)" }.joined(separator: "\n")
        #expect((try? document(many + "\n")) != nil)
        guard case .failure(let wide) = load(many + "\nk7: again\n") else { Issue.record("expected an error"); return }
        #expect(wide.message.hasPrefix("duplicate key 'k7' (first defined at line 8)"))
    }

    @Test func syntaxErrorHasLibyamlPosition() {
        guard case .failure(let e) = load("a: [1, 2\nb: 3\n") else { Issue.record("expected an error"); return }
        #expect(e.message.hasPrefix("did not find expected ',' or ']'"))
        #expect(e.message.hasSuffix("that starts at line 1, column 4"))
        #expect(e.range.start.line == 2)
    }

    @Test func badTagValueIsAnError() {
        guard case .failure(let e) = load("a: !!int twelve\n") else { Issue.record("expected an error"); return }
        #expect(e.message.contains("not a valid int"))
    }

    @Test func scalarsMayHoldNul() throws {
        let doc = try document("a: \"x\\0y\"\n")
        #expect(doc["a"]?.scalarText == "x\u{0}y")
    }

    @Test func invalidUTF8IsReportedNotCrashed() {
        let file = SourceFile(id: FileID(0), path: "bin", bytes: [0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A])
        guard case .failure(let e) = Loader.load(file) else { Issue.record("expected an error"); return }
        #expect(!e.message.isEmpty)
    }
}

@Suite("Snippets and diagnostics")
struct SnippetTests {
    @Test func caretUnderTheRange() {
        let sources = SourceTable()
        let file = sources.add(path: "s.yaml", bytes: Array("kind: Strategy\nowner: [x]\n".utf8))
        let range = SourceRange(file: file.id, start: SourcePosition(line: 2, column: 8), end: SourcePosition(line: 2, column: 11))
        let d = Diagnostic.error("bad owner", at: range, hint: "use a string")
        #expect(d.rendered(with: sources) == """
            s.yaml:2:8: error: bad owner
             2 | owner: [x]
               |        ^~~
              hint: use a string

            """)
    }

    /// The underline counts the columns a terminal gives each character: none for a
    /// combining accent, two for a Chinese or Japanese character or an emoji; an
    /// escaped control character takes the columns of its escape.
    @Test func underlineCountsTerminalColumns() {
        let sources = SourceTable()
        func snippet(_ line: String, from: Int, to: Int) -> String {
            let file = sources.add(path: "s.yaml", bytes: Array(line.utf8))
            let range = SourceRange(file: file.id, start: SourcePosition(line: 1, column: from), end: SourcePosition(line: 1, column: to))
            return Snippet.render(range, in: file)
        }
        // `cafe` + U+0301 is five code points and four columns.
        #expect(snippet("a: [cafe\u{301}, x]", from: 5, to: 10) == " 1 | a: [cafe\u{301}, x]\n   |     ^~~~\n")
        #expect(snippet("a: [cafe\u{301}, x]", from: 12, to: 13) == " 1 | a: [cafe\u{301}, x]\n   |           ^\n")
        // Two wide characters before the range and two in it.
        #expect(snippet("名前: 顧客 x", from: 5, to: 7) == " 1 | 名前: 顧客 x\n   |       ^~~~\n")
        #expect(snippet("名前: 顧客 x", from: 8, to: 9) == " 1 | 名前: 顧客 x\n   |            ^\n")
        #expect(snippet("k: \u{1F680} go", from: 6, to: 8) == " 1 | k: \u{1F680} go\n   |       ^~\n")
        #expect(snippet("k: \u{7}x", from: 5, to: 6) == " 1 | k: \\u{7}x\n   | " + String(repeating: " ", count: 3 + 5) + "^\n")
        #expect(DisplayWidth.of("a") == 1 && DisplayWidth.of("\u{301}") == 0 && DisplayWidth.of("\u{200D}") == 0)
        #expect(DisplayWidth.of("\u{AC00}") == 2 && DisplayWidth.of("\u{1161}") == 0 && DisplayWidth.of("\u{FF21}") == 2 && DisplayWidth.of("é") == 1)
    }
}
