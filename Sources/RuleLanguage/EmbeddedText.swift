import YAML

/// Text taken from a YAML scalar (an expression, a template), with the file position of
/// each of its characters, so that an error at offset 7 of `when:` points at the right
/// column even through quotes, escapes and block scalars.
public struct EmbeddedText: Sendable {
    public let text: String
    public let file: FileID
    private let positions: [SourcePosition]

    private init(text: String, file: FileID, positions: [SourcePosition]) {
        self.text = text
        self.file = file
        self.positions = positions
    }

    /// Aligns the scalar's value with its raw text in the file: each character of the
    /// value is matched with the next equal character of the source within a short
    /// window (quotes, escapes and indentation are skipped that way).
    public init(_ text: String, node: Node, in source: SourceFile) {
        self.text = text
        self.file = source.id
        let value = Array(text.unicodeScalars)
        var raw: [(Unicode.Scalar, SourcePosition)] = []
        let r = node.range
        for line in Int(r.start.line)...max(Int(r.start.line), Int(r.end.line)) {
            guard let content = source.line(line) else { break }
            var column = 1
            for c in content.unicodeScalars {
                let inside = (line > r.start.line || column >= r.start.column) && (line < r.end.line || column < r.end.column)
                if inside { raw.append((c, SourcePosition(line: line, column: column))) }
                column += 1
            }
            if line < r.end.line { raw.append(("\n", SourcePosition(line: line, column: column))) }
        }
        var positions: [SourcePosition] = []
        positions.reserveCapacity(value.count + 1)
        var j = 0
        var last = r.start
        for c in value {
            var k = j
            while k < raw.count, k - j < 8, raw[k].0 != c { k += 1 }
            if k < raw.count, raw[k].0 == c {
                last = raw[k].1
                j = k + 1
            }
            positions.append(last)
        }
        positions.append(SourcePosition(line: Int(last.line), column: Int(last.column) + (value.isEmpty ? 0 : 1)))
        self.positions = positions
    }

    /// The file range of a span of ``text``.
    public func range(_ span: TextSpan) -> SourceRange {
        let n = positions.count
        let start = positions[max(0, min(span.start, n - 1))]
        var end: SourcePosition
        if span.end > span.start, span.end - 1 < n {
            let lastChar = positions[max(0, span.end - 1)]
            end = SourcePosition(line: Int(lastChar.line), column: Int(lastChar.column) + 1)
        } else {
            end = SourcePosition(line: Int(start.line), column: Int(start.column) + 1)
        }
        if end < start { end = start }
        return SourceRange(file: file, start: start, end: end)
    }
}

extension EmbeddedText {
    /// Text that is not inside a YAML file: character i is at line 1, column i + 1.
    public init(standalone text: String, file: FileID) {
        self.init(text: text, file: file, positions: (0...text.unicodeScalars.count).map { SourcePosition(line: 1, column: $0 + 1) })
    }
}
