/// A message template: text with `{{ expression }}` holes.
public struct Template: Sendable {
    public enum Part: Sendable {
        case text(String)
        /// An expression and the offset of its first character in the template text.
        case expression(Expr, offset: Int)
    }

    public var parts: [Part]

    /// Parses `text`; an unclosed `{{` or a bad expression is an error whose span is
    /// relative to the whole template.
    public static func parse(_ text: String, maxDepth: Int = ExpressionParser.defaultMaxDepth) -> Result<Template, SyntaxError> {
        // Scalar offsets (what spans count) alongside string indices, so that literal
        // text and expressions are sliced out of `text` rather than rebuilt scalar by
        // scalar.
        let scalars = text.unicodeScalars
        let s = Array(scalars)
        var index: [String.Index] = []
        index.reserveCapacity(s.count + 1)
        var at = scalars.startIndex
        while at < scalars.endIndex {
            index.append(at)
            at = scalars.index(after: at)
        }
        index.append(scalars.endIndex)
        func slice(_ range: Range<Int>) -> String { String(scalars[index[range.lowerBound]..<index[range.upperBound]]) }

        var parts: [Part] = []
        var literalStart = 0
        var i = 0
        while i < s.count {
            if s[i] == "{", i + 1 < s.count, s[i + 1] == "{" {
                var j = i + 2
                while j + 1 < s.count, !(s[j] == "}" && s[j + 1] == "}") { j += 1 }
                guard j + 1 < s.count else {
                    return .failure(SyntaxError("'{{' is not closed; add '}}'", TextSpan(i, i + 2)))
                }
                if literalStart < i { parts.append(.text(slice(literalStart..<i))) }
                switch ExpressionParser.parse(slice((i + 2)..<j), maxDepth: maxDepth) {
                case .failure(let e):
                    return .failure(SyntaxError(e.message, TextSpan(e.span.start + i + 2, e.span.end + i + 2)))
                case .success(let e):
                    parts.append(.expression(e, offset: i + 2))
                }
                i = j + 2
                literalStart = i
            } else {
                i += 1
            }
        }
        if literalStart < s.count { parts.append(.text(slice(literalStart..<s.count))) }
        return .success(Template(parts: parts))
    }
}
