/// Renders the first line of a range with a gutter and an underline, the way compilers
/// show where a problem is:
///
///     12 |     supports: [grow-online-sales, omni-channel]
///        |                                   ^~~~~~~~~~~~
///
/// A line longer than ``maxWidth`` is cut around the range, `…` marking what is left
/// out, so a report stays proportional to its findings whatever the lines hold (a
/// 30,000-character line with 4,000 findings on it would otherwise print each time).
/// Characters that could act on a terminal or a CI log are shown escaped
/// (``TerminalText``), with the underline still under the range, which counts terminal
/// columns (``DisplayWidth``): none for a combining accent, two for a Chinese character.
/// Files that may not be quoted (``SourceFile/quotable``) render nothing.
public struct Snippet {
    /// The most characters of a source line one snippet shows.
    public static let maxWidth = 160
    /// Characters kept before and after the range when a long line is cut.
    static let context = 40

    /// The last line decoded: findings come sorted, so many in a row share a line, and
    /// each costs only its window instead of the whole line again.
    private var cached: (file: FileID, line: Int, scalars: [Unicode.Scalar])?

    public init() {}

    /// One snippet, without a cache (a diagnostic).
    public static func render(_ range: SourceRange, in file: SourceFile) -> String {
        var snippet = Snippet()
        return snippet.render(range, in: file)
    }

    public mutating func render(_ range: SourceRange, in file: SourceFile) -> String {
        guard file.quotable else { return "" }
        let number = Int(range.start.line)
        let scalars: [Unicode.Scalar]
        if let cached, cached.file == file.id, cached.line == number {
            scalars = cached.scalars
        } else {
            guard let text = file.line(number) else { return "" }
            scalars = Array(text.unicodeScalars)
            cached = (file.id, number, scalars)
        }
        let count = scalars.count
        // The range on this line, 0-based, end exclusive: to its end, or to the end of the
        // line's content for a range that goes on to later lines.
        let start = max(0, Int(range.start.column) - 1)
        var end = range.end.line == range.start.line && range.end.column > range.start.column
            ? Int(range.end.column) - 1 : max(start + 1, count)
        end = max(start + 1, min(end, max(count, start + 1)))
        // The window shown.
        var lo = 0, hi = count
        if count > Self.maxWidth {
            lo = max(0, min(start, count) - Self.context)
            hi = min(count, end + Self.context)
            if hi - lo > Self.maxWidth { hi = lo + Self.maxWidth }
        }
        // Built scalar by scalar in place (a string per character made the text report
        // of 30,000 findings take a third of a second).
        var line = String.UnicodeScalarView(), marker = String.UnicodeScalarView()
        if lo > 0 {
            line.append("…")
            marker.append(" ")
        }
        var underline = 0
        // The two characters before the window may start a `##[` that the window ends.
        var bracket = TerminalText.CommandBracket()
        for i in max(0, lo - 2)..<lo { _ = bracket.opens(scalars[i]) }
        for i in lo..<hi {
            let c = scalars[i]
            let forges = bracket.opens(c)
            // The columns the character takes on a terminal, so that the underline
            // stays under the range past a combining accent or a Chinese name.
            var width: Int
            if TerminalText.isUnsafe(c) || forges {
                let shown = TerminalText.shown(c).unicodeScalars
                line.append(contentsOf: shown)
                width = shown.count
            } else {
                line.append(c)
                width = DisplayWidth.of(c)
            }
            if i < start {
                if c == "\t" {
                    marker.append("\t")
                } else {
                    for _ in 0..<width { marker.append(" ") }
                }
            } else if i < end {
                underline += width
            }
        }
        if hi < count { line.append("…") }
        // A range that starts past the end of the line (a missing value at its end).
        if start > count { for _ in 0..<(start - count) { marker.append(" ") } }
        marker.append("^")
        for _ in 0..<max(0, underline - 1) { marker.append("~") }
        let gutter = String(number)
        let pad = String(repeating: " ", count: gutter.count)
        return " \(gutter) | \(String(line))\n \(pad) | \(String(marker))\n"
    }
}
