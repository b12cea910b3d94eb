/// Renders the first line of a range with a gutter and an underline, the way compilers
/// show where a problem is:
///
///     12 |     supports: [grow-online-sales, omni-channel]
///        |                                   ^~~~~~~~~~~~
public enum Snippet {
    public static func render(_ range: SourceRange, in file: SourceFile) -> String {
        let lineNumber = Int(range.start.line)
        guard let text = file.line(lineNumber) else { return "" }
        let chars = Array(text.unicodeScalars)
        let startColumn = max(1, Int(range.start.column))
        let lastColumn: Int
        if range.end.line == range.start.line, range.end.column > range.start.column {
            lastColumn = Int(range.end.column) - 1
        } else {
            // A multi-line range: underline to the end of the first line's content.
            lastColumn = max(startColumn, chars.count)
        }
        let gutter = String(lineNumber)
        let pad = String(repeating: " ", count: gutter.count)
        // Keep tabs as tabs so that the caret lines up under them.
        var marker = ""
        for i in 0..<max(0, startColumn - 1) {
            marker += i < chars.count && chars[i] == "\t" ? "\t" : " "
        }
        marker += "^" + String(repeating: "~", count: max(0, min(lastColumn, max(chars.count, startColumn)) - startColumn))
        return " \(gutter) | \(text)\n \(pad) | \(marker)\n"
    }
}
