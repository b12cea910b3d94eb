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
    public static func parse(_ text: String) -> Result<Template, SyntaxError> {
        let s = Array(text.unicodeScalars)
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "{", i + 1 < s.count, s[i + 1] == "{" {
                var j = i + 2
                while j + 1 < s.count, !(s[j] == "}" && s[j + 1] == "}") { j += 1 }
                guard j + 1 < s.count else {
                    return .failure(SyntaxError("'{{' is not closed; add '}}'", TextSpan(i, i + 2)))
                }
                if !literal.isEmpty {
                    parts.append(.text(String(literal)))
                    literal = String.UnicodeScalarView()
                }
                let source = String(String.UnicodeScalarView(s[(i + 2)..<j]))
                switch ExpressionParser.parse(source) {
                case .failure(let e):
                    return .failure(SyntaxError(e.message, TextSpan(e.span.start + i + 2, e.span.end + i + 2)))
                case .success(let e):
                    parts.append(.expression(e, offset: i + 2))
                }
                i = j + 2
            } else {
                literal.append(s[i])
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.text(String(literal))) }
        return .success(Template(parts: parts))
    }
}
