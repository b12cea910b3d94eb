@testable import Reporters
import Testing

/// XML escaping for attributes and text (JUnit, SVG, HTML), read over the UTF-8: markup
/// characters, line breaks in attributes, controls and bidi shown as code points,
/// U+FFFE and U+FFFF replaced, `##[` broken, anything else as it is.
@Suite("XML escaping")
struct XMLEscapeTests {
    @Test(arguments: [
        ("a<b & 'c' \"d\">", "a&lt;b &amp; &apos;c&apos; &quot;d&quot;&gt;", "a&lt;b &amp; 'c' \"d\"&gt;"),
        ("é\n→\t\r", "é&#10;→&#9;&#13;", "é\n→\t\r"),
        ("##[x é##[y", "##&#91;x é##&#91;y", "##&#91;x é##&#91;y"),
        ("\u{202E}x\u{FFFE}\u{FFFF}😀\u{1B}", "\\u{202e}x\u{FFFD}\u{FFFD}😀\\u{1b}", "\\u{202e}x\u{FFFD}\u{FFFD}😀\\u{1b}"),
        ("", "", ""),
    ])
    func escapes(_ text: String, _ attribute: String, _ body: String) {
        #expect(XML.escape(text) == attribute)
        #expect(XML.escape(text, attribute: false) == body)
    }
}
