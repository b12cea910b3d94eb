/// Splits an expression into tokens: CEL's literals (decimal and hex ints, `u` uints,
/// doubles, single, double, triple-quoted, raw and byte strings with all of CEL's
/// escapes), identifiers and operators.
struct Lexer {
    private let s: [Unicode.Scalar]
    private var i = 0

    init(_ text: String) { s = Array(text.unicodeScalars) }

    mutating func tokenize() -> Result<[Token], SyntaxError> {
        var tokens: [Token] = []
        while true {
            switch next() {
            case .failure(let e): return .failure(e)
            case .success(let t):
                tokens.append(t)
                if t.kind == .end { return .success(tokens) }
            }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    /// Two-character operators, as (first, second) pairs: compared as scalars, so that
    /// lexing does not build a string at every position.
    private static let punctuation2: [(Unicode.Scalar, Unicode.Scalar)] = [("<", "="), (">", "="), ("=", "="), ("!", "="), ("&", "&"), ("|", "|")]
    private static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "<", ">": true
        default: false
        }
    }

    /// ASCII letters: CEL identifiers are ASCII, so no Unicode property lookup is needed.
    private static func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }

    private mutating func next() -> Result<Token, SyntaxError> {
        // Whitespace and `//` comments.
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                i += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { i += 1 }
            } else {
                break
            }
        }
        let start = i
        guard let c = peek() else { return .success(Token(kind: .end, span: TextSpan(i, i))) }

        if Lexer.isLetter(c) || c == "_" {
            // String prefixes: r, R, b, B and combinations.
            var j = i
            var raw = false, bytes = false
            while j < s.count, j - i < 2, s[j] == "r" || s[j] == "R" || s[j] == "b" || s[j] == "B" {
                if s[j] == "r" || s[j] == "R" { raw = true } else { bytes = true }
                j += 1
            }
            if j > i, j < s.count, s[j] == "\"" || s[j] == "'" {
                i = j
                return string(start: start, raw: raw, bytes: bytes)
            }
            while let d = peek(), Lexer.isLetter(d) || isDigit(d) || d == "_" {
                i += 1
            }
            return .success(Token(kind: .ident(ascii(start..<i)), span: TextSpan(start, i)))
        }
        if c == "\"" || c == "'" { return string(start: start, raw: false, bytes: false) }
        if c == "`" {
            // A quoted field name: `system.`data-owner``.
            i += 1
            let nameStart = i
            while let d = peek(), d != "`", d != "\n" { i += 1 }
            guard peek() == "`", i > nameStart else {
                return .failure(SyntaxError("unterminated quoted field name; close it with `", TextSpan(start, i)))
            }
            let name = String(String.UnicodeScalarView(s[nameStart..<i]))
            i += 1
            return .success(Token(kind: .quotedIdent(name), span: TextSpan(start, i)))
        }
        if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) { return number(start: start) }

        if i + 1 < s.count {
            let second = s[i + 1]
            if Lexer.punctuation2.contains(where: { $0.0 == c && $0.1 == second }) {
                i += 2
                return .success(Token(kind: .punct(ascii(start..<i)), span: TextSpan(start, i)))
            }
        }
        if Lexer.isPunctuation(c) {
            i += 1
            return .success(Token(kind: .punct(ascii(start..<i)), span: TextSpan(start, i)))
        }
        // `=` alone is SQL's and Rego's comparison.
        let hint = c == "=" ? ": compare with `==`" : ""
        return .failure(SyntaxError("unexpected character '\(c)'\(hint)", TextSpan(start, start + 1)))
    }

    /// The scalars in `range`, all ASCII, as a string: written byte by byte, since going
    /// through `String.UnicodeScalarView` was a third of the lexer's time.
    private func ascii(_ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (k, scalar) in s[range].enumerated() { buffer[k] = UInt8(truncatingIfNeeded: scalar.value) }
            return range.count
        }
    }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private func isHex(_ c: Unicode.Scalar) -> Bool { isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F") }

    private mutating func number(start: Int) -> Result<Token, SyntaxError> {
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            i += 2
            let digitsStart = i
            while let c = peek(), isHex(c) { i += 1 }
            let digits = ascii(digitsStart..<i)
            if peek() == "u" || peek() == "U" {
                i += 1
                guard let v = UInt64(digits, radix: 16) else { return .failure(SyntaxError("uint literal out of range", TextSpan(start, i))) }
                return .success(Token(kind: .uint(v), span: TextSpan(start, i)))
            }
            guard let v = Int64(digits, radix: 16) else { return .failure(SyntaxError("int literal out of range", TextSpan(start, i))) }
            return .success(Token(kind: .int(v), span: TextSpan(start, i)))
        }
        while let c = peek(), isDigit(c) { i += 1 }
        var isDouble = false
        if peek() == ".", let d = peek(1), isDigit(d) {
            isDouble = true
            i += 1
            while let c = peek(), isDigit(c) { i += 1 }
        }
        if peek() == "e" || peek() == "E" {
            var j = i + 1
            if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
            if j < s.count, isDigit(s[j]) {
                isDouble = true
                i = j
                while let c = peek(), isDigit(c) { i += 1 }
            }
        }
        let text = ascii(start..<i)
        if isDouble {
            guard let v = Double(text) else { return .failure(SyntaxError("invalid double literal", TextSpan(start, i))) }
            return .success(Token(kind: .double(v), span: TextSpan(start, i)))
        }
        if peek() == "u" || peek() == "U" {
            i += 1
            guard let v = UInt64(text) else { return .failure(SyntaxError("uint literal out of range", TextSpan(start, i))) }
            return .success(Token(kind: .uint(v), span: TextSpan(start, i)))
        }
        guard let v = Int64(text) else { return .success(Token(kind: .intOverflow(text), span: TextSpan(start, i))) }
        return .success(Token(kind: .int(v), span: TextSpan(start, i)))
    }

    private mutating func string(start: Int, raw: Bool, bytes: Bool) -> Result<Token, SyntaxError> {
        guard let quote = peek() else { return .failure(SyntaxError("unterminated string", TextSpan(start, i))) }
        let triple = peek(1) == quote && peek(2) == quote
        i += triple ? 3 : 1
        var out: [UInt8] = []
        func append(_ c: Unicode.Scalar) { UTF8.encode(c) { out.append($0) } }
        while true {
            guard let c = peek() else {
                return .failure(SyntaxError("unterminated string; close it with \(quote)", TextSpan(start, i)))
            }
            if c == quote {
                if !triple { i += 1; break }
                if peek(1) == quote, peek(2) == quote { i += 3; break }
            }
            if !triple, c == "\n" || c == "\r" {
                return .failure(SyntaxError("newline in a string; use \\n or a triple-quoted string", TextSpan(start, i)))
            }
            if c == "\\", !raw {
                let escStart = i
                i += 1
                guard let e = peek() else { return .failure(SyntaxError("unterminated escape", TextSpan(escStart, i))) }
                i += 1
                switch e {
                case "a": out.append(7)
                case "b": out.append(8)
                case "f": out.append(12)
                case "n": out.append(10)
                case "r": out.append(13)
                case "t": out.append(9)
                case "v": out.append(11)
                case "\\", "'", "\"", "`", "?": append(e)
                case "x", "X", "u", "U":
                    let count = e == "x" || e == "X" ? 2 : (e == "u" ? 4 : 8)
                    guard i + count <= s.count, s[i..<i + count].allSatisfy(isHex),
                          let v = UInt32(String(String.UnicodeScalarView(s[i..<i + count])), radix: 16) else {
                        return .failure(SyntaxError("invalid \\\(e) escape", TextSpan(escStart, min(i + count, s.count))))
                    }
                    i += count
                    if bytes && count == 2 {
                        out.append(UInt8(v))
                    } else {
                        guard !bytes || count == 2, let scalar = Unicode.Scalar(v) else {
                            return .failure(SyntaxError("invalid code point in \\\(e) escape", TextSpan(escStart, i)))
                        }
                        append(scalar)
                    }
                case "0"..."3":
                    guard i + 2 <= s.count, s[i..<i + 2].allSatisfy({ $0 >= "0" && $0 <= "7" }) else {
                        return .failure(SyntaxError("invalid octal escape", TextSpan(escStart, i)))
                    }
                    let v = UInt32(String(String.UnicodeScalarView(s[i - 1..<i + 2])), radix: 8) ?? 0
                    i += 2
                    if bytes { out.append(UInt8(v)) } else if let scalar = Unicode.Scalar(v) { append(scalar) }
                default:
                    return .failure(SyntaxError("unknown escape \\\(e)", TextSpan(escStart, i)))
                }
                continue
            }
            append(c)
            i += 1
        }
        let span = TextSpan(start, i)
        if bytes { return .success(Token(kind: .bytes(out), span: span)) }
        guard let text = String(validating: out, as: UTF8.self) else {
            return .failure(SyntaxError("string is not valid UTF-8", span))
        }
        return .success(Token(kind: .string(text), span: span))
    }
}
