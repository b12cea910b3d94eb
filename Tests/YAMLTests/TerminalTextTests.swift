import Testing
@testable import YAML

/// Text from the data, made safe to print: the byte scan that passes plain ASCII through
/// (issue 19) agrees with the scalar-by-scalar escape on every class of character.
@Suite("Terminal text")
struct TerminalTextTests {
    @Test(arguments: [
        ("plain text, with tabs\tand ~ [brackets]", "plain text, with tabs\tand ~ [brackets]"),
        ("", ""),
        ("#[x # #[x", "#[x # #[x"),
        ("##[error]forged", "##\\u{5b}error]forged"),
        ("###[x", "###\\u{5b}x"),
        ("line\nbreak\r", "line\\u{a}break\\u{d}"),
        ("esc \u{1B}[2J del \u{7F}", "esc \\u{1b}[2J del \\u{7f}"),
        ("c1 \u{9B} bidi \u{202E}", "c1 \\u{9b} bidi \\u{202e}"),
        ("é ü 中文 😀", "é ü 中文 😀"),
        ("é ##[x", "é ##\\u{5b}x"),
        // Unsafe characters beside multi-byte ones, first and last.
        ("\u{202E}中\u{9B}😀\u{1B}", "\\u{202e}中\\u{9b}😀\\u{1b}"),
        ("integration pos → erp\n", "integration pos → erp\\u{a}"),
    ])
    func escapes(_ c: (String, String)) {
        #expect(TerminalText.escape(c.0) == c.1)
        #expect(TerminalText.isPlainASCII(c.0) == (c.0 == c.1 && c.0.utf8.allSatisfy { $0 < 0x80 }))
    }
}
