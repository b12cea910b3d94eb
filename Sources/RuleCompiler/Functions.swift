import Foundation
import YAML

/// How a function may be called.
enum CallStyle {
    /// `f(x, y)`
    case global
    /// `x.f(y)`
    case method
    /// either
    case both
}

/// A function of the expression language. For method calls the receiver is `args[0]`.
struct Function: Sendable {
    let name: String
    let style: CallStyle
    /// Allowed argument counts, receiver included.
    let arities: [Int]
    /// Whether a call with constant arguments may be evaluated at compile time.
    let pure: Bool
    /// The arguments, the frame of the evaluation (its context; a limit may stop it), and
    /// where the call is written.
    let body: @Sendable ([Value], Frame, SourceRange?) -> Value

    init(_ name: String, _ style: CallStyle, _ arities: [Int], pure: Bool = true,
         _ body: @escaping @Sendable ([Value], Frame, SourceRange?) -> Value) {
        self.name = name
        self.style = style
        self.arities = arities
        self.pure = pure
        self.body = body
    }

    /// `f(x)`, `f(x, y)`, or `x.f(y)`, as the error messages write it.
    var signature: String {
        let counts = arities.map(String.init).joined(separator: " or ")
        switch style {
        case .global: return "\(name)() with \(counts) argument\(arities == [1] ? "" : "s")"
        case .method, .both: return "\(name)() on a value, with \(arities.map { String($0 - 1) }.joined(separator: " or ")) argument\(arities == [2] ? "" : "s")"
        }
    }
}

/// Every function a rule may call, by name.
package enum FunctionTable {
    static let all: [String: Function] = {
        var t: [String: Function] = [:]
        for f in standard + domain { t[f.name] = f }
        return t
    }()

    static func fail(_ message: String, _ range: SourceRange?) -> Value { .error(EvalError(message, at: range)) }

    /// The byte of `utf8` at which code point `index` starts (the byte count for the
    /// one after the last): a CEL string index, or nil when it is out of range.
    static func byteIndex(_ index: Int64, in utf8: [UInt8]) -> Int? {
        index <= Int64(utf8.count) ? CodePoints.byteOffset(of: Int(index), in: utf8) : nil
    }

    static func noOverload(_ name: String, _ args: [Value], _ range: SourceRange?) -> Value {
        .error(EvalError("no overload of \(name)() for (\(args.map(\.typeName).joined(separator: ", ")))", at: range, kind: .type))
    }

    // MARK: CEL's standard functions

    static let standard: [Function] = [
        Function("size", .both, [1]) { a, _, r in
            switch a[0] {
            case .null: return .int(0)
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.items.count))
            case .map(let m): return .int(Int64(m.count))
            default: return noOverload("size", a, r)
            }
        },
        Function("contains", .method, [2]) { a, _, r in
            guard case .string(let s) = a[0], case .string(let t) = a[1] else { return noOverload("contains", a, r) }
            return .bool(t.isEmpty || PatternSearch(Array(t.utf8)).first(in: Array(s.utf8)) != nil)
        },
        Function("startsWith", .method, [2]) { a, _, r in
            guard case .string(let s) = a[0], case .string(let t) = a[1] else { return noOverload("startsWith", a, r) }
            return .bool(s.unicodeScalars.starts(with: t.unicodeScalars))
        },
        Function("endsWith", .method, [2]) { a, _, r in
            guard case .string(let s) = a[0], case .string(let t) = a[1] else { return noOverload("endsWith", a, r) }
            return .bool(s.unicodeScalars.reversed().starts(with: t.unicodeScalars.reversed()))
        },
        Function("matches", .both, [2]) { a, frame, r in
            guard case .string(let s) = a[0], case .string(let pattern) = a[1] else { return noOverload("matches", a, r) }
            switch Pattern.compile(pattern) {
            case .failure(let e): return fail(e.message, r)
            case .success(let re): return re.evaluate(on: s, in: frame, at: r)
            }
        },
        Function("lowerAscii", .method, [1]) { a, _, r in
            guard case .string(let s) = a[0] else { return noOverload("lowerAscii", a, r) }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { $0 >= "A" && $0 <= "Z" ? Unicode.Scalar($0.value + 32)! : $0 })))
        },
        Function("upperAscii", .method, [1]) { a, _, r in
            guard case .string(let s) = a[0] else { return noOverload("upperAscii", a, r) }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { $0 >= "a" && $0 <= "z" ? Unicode.Scalar($0.value - 32)! : $0 })))
        },
        Function("trim", .method, [1]) { a, _, r in
            guard case .string(let s) = a[0] else { return noOverload("trim", a, r) }
            let u = Array(s.unicodeScalars)
            var lo = 0, hi = u.count
            while lo < hi, u[lo].properties.isWhitespace { lo += 1 }
            while hi > lo, u[hi - 1].properties.isWhitespace { hi -= 1 }
            return .string(String(String.UnicodeScalarView(u[lo..<hi])))
        },
        Function("split", .method, [2, 3]) { a, _, r in
            guard case .string(let s) = a[0], case .string(let sep) = a[1] else { return noOverload("split", a, r) }
            var limit = Int64.max
            if a.count == 3 {
                guard case .int(let n) = a[2] else { return noOverload("split", a, r) }
                limit = n < 0 ? .max : n
            }
            if limit == 0 { return .list([]) }
            let u = Array(s.unicodeScalars), p = Array(sep.unicodeScalars)
            var parts: [Value] = []
            if p.isEmpty {
                for (i, c) in u.enumerated() {
                    if Int64(parts.count) == limit - 1 {
                        parts.append(.string(String(String.UnicodeScalarView(u[i...]))))
                        return .list(parts)
                    }
                    parts.append(.string(String(c)))
                }
                return .list(parts)
            }
            var start = 0
            let cuts = limit - 1 < Int64(Int.max) ? Int(limit - 1) : Int.max
            for at in PatternSearch(p).occurrences(in: u, limit: cuts) {
                parts.append(.string(String(String.UnicodeScalarView(u[start..<at]))))
                start = at + p.count
            }
            parts.append(.string(String(String.UnicodeScalarView(u[start...]))))
            return .list(parts)
        },
        // cel-go's lists extension: one level of nesting removed, `[[1], 2, [3, 4]]` →
        // `[1, 2, 3, 4]`. Each element built is a step (limits.max-steps).
        Function("flatten", .method, [1]) { a, frame, r in
            guard case .list(let l) = a[0] else { return a[0] == .null ? .list([]) : noOverload("flatten", a, r) }
            var items: [Value] = []
            for item in l.items {
                if case .list(let inner) = item { items += inner.items } else { items.append(item) }
            }
            guard frame.spend(items.count) else { return frame.overBudget(at: r) }
            return .list(items)
        },
        // What join builds counts against the budget (limits.max-steps): a long separator
        // between many items is an output the input did not hold.
        Function("join", .method, [1, 2]) { a, frame, r in
            guard case .list(let l) = a[0] else { return noOverload("join", a, r) }
            var sep = ""
            if a.count == 2 {
                guard case .string(let s) = a[1] else { return noOverload("join", a, r) }
                sep = s
            }
            var parts: [String] = []
            for item in l.items {
                guard case .string(let s) = item else { return fail("join() needs a list of strings, found \(item.typeName)", r) }
                parts.append(s)
            }
            let size = parts.reduce(0) { $0 + $1.utf8.count } + sep.utf8.count * max(0, parts.count - 1)
            guard frame.spend(size) else { return frame.overBudget(at: r) }
            return .string(parts.joined(separator: sep))
        },
        // Indices count code points, found over the UTF-8 (PatternSearch says why a
        // byte search finds what a scalar search would): decoding the text into scalars
        // first cost several times more (a Backstage catalog's references).
        Function("charAt", .method, [2]) { a, _, r in
            guard case .string(let s) = a[0], case .int(let i) = a[1] else { return noOverload("charAt", a, r) }
            let u = Array(s.utf8)
            guard let start = byteIndex(i, in: u) else { return fail("index out of range: \(i)", r) }
            var end = start
            if end < u.count { end += 1 }
            while end < u.count, u[end] & 0xC0 == 0x80 { end += 1 }
            return .string(String(decoding: u[start..<end], as: UTF8.self))
        },
        Function("indexOf", .method, [2, 3]) { a, _, r in
            guard case .string(let s) = a[0], case .string(let t) = a[1] else { return noOverload("indexOf", a, r) }
            let u = Array(s.utf8), p = Array(t.utf8)
            var from = 0, fromByte = 0
            if a.count == 3 {
                guard case .int(let f) = a[2] else { return noOverload("indexOf", a, r) }
                guard let byte = byteIndex(f, in: u) else { return fail("index out of range: \(f)", r) }
                (from, fromByte) = (Int(f), byte)
            }
            if p.isEmpty { return .int(Int64(from)) }
            guard let at = PatternSearch(p).first(in: u, from: fromByte) else { return .int(-1) }
            return .int(Int64(CodePoints.count(before: at, in: u)))
        },
        Function("lastIndexOf", .method, [2, 3]) { a, _, r in
            guard case .string(let s) = a[0], case .string(let t) = a[1] else { return noOverload("lastIndexOf", a, r) }
            let u = Array(s.utf8), p = Array(t.utf8)
            var from: Int?, throughByte = u.count
            if a.count == 3 {
                guard case .int(let f) = a[2] else { return noOverload("lastIndexOf", a, r) }
                guard let byte = byteIndex(f, in: u) else { return fail("index out of range: \(f)", r) }
                (from, throughByte) = (Int(f), byte)
            }
            if p.isEmpty { return .int(Int64(from ?? CodePoints.count(s))) }
            guard let at = PatternSearch(p).last(in: u, through: throughByte) else { return .int(-1) }
            return .int(Int64(CodePoints.count(before: at, in: u)))
        },
        // replace() builds its output in one pass over the occurrences, and what it builds
        // counts against the budget (limits.max-steps) before it is built: an empty or
        // short pattern with a long replacement multiplies the input.
        Function("replace", .method, [3, 4]) { a, frame, r in
            guard case .string(let s) = a[0], case .string(let old) = a[1], case .string(let new) = a[2] else {
                return noOverload("replace", a, r)
            }
            var limit = Int.max
            if a.count == 4 {
                guard case .int(let n) = a[3] else { return noOverload("replace", a, r) }
                limit = n < 0 || n > Int64(Int.max) ? .max : Int(n)
            }
            let u = Array(s.unicodeScalars), p = Array(old.unicodeScalars), n = Array(new.unicodeScalars)
            // Where the replacement goes: before each scalar and at the end for an empty
            // pattern (as CEL does), else at each occurrence.
            let at = p.isEmpty ? Array((0...u.count).prefix(limit)) : PatternSearch(p).occurrences(in: u, limit: limit)
            let (products, overflow) = at.count.multipliedReportingOverflow(by: n.count)
            guard !overflow, frame.spend(products + u.count) else { return frame.overBudget(at: r) }
            var out = String.UnicodeScalarView()
            var i = 0
            for start in at {
                out.append(contentsOf: u[i..<start])
                out.append(contentsOf: n)
                i = start + p.count
            }
            if i < u.count { out.append(contentsOf: u[i...]) }
            return .string(String(out))
        },
        Function("substring", .method, [2, 3]) { a, _, r in
            guard case .string(let s) = a[0], case .int(let start) = a[1] else { return noOverload("substring", a, r) }
            var end: Int64?
            if a.count == 3 {
                guard case .int(let e) = a[2] else { return noOverload("substring", a, r) }
                end = e
            }
            let u = Array(s.utf8)
            guard let startByte = byteIndex(start, in: u) else { return fail("index out of range: \(start)", r) }
            guard let end else { return .string(String(decoding: u[startByte...], as: UTF8.self)) }
            guard let endByte = byteIndex(end, in: u) else { return fail("index out of range: \(end)", r) }
            guard start <= end else { return fail("invalid substring range. start: \(start), end: \(end)", r) }
            return .string(String(decoding: u[startByte..<endByte], as: UTF8.self))
        },
        Function("int", .global, [1]) { a, _, r in
            switch a[0] {
            case .int: return a[0]
            case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : fail("range error: \(u) does not fit an int", r)
            case .double(let d):
                guard d.isFinite, d > -9223372036854775809.0, d < 9223372036854775808.0 else { return fail("range error: \(d) does not fit an int", r) }
                return .int(Int64(d))
            case .string(let s): return Int64(s).map(Value.int) ?? fail("cannot convert '\(s)' to an int", r)
            case .date(let d): return .int(Int64(d.daysSinceEpoch) * 86400)
            default: return noOverload("int", a, r)
            }
        },
        Function("uint", .global, [1]) { a, _, r in
            switch a[0] {
            case .uint: return a[0]
            case .int(let i): return i >= 0 ? .uint(UInt64(i)) : fail("range error: \(i) does not fit a uint", r)
            case .double(let d):
                guard d.isFinite, d > -1, d < 18446744073709551616.0 else { return fail("range error: \(d) does not fit a uint", r) }
                return .uint(UInt64(d))
            case .string(let s): return UInt64(s).map(Value.uint) ?? fail("cannot convert '\(s)' to a uint", r)
            default: return noOverload("uint", a, r)
            }
        },
        Function("double", .global, [1]) { a, _, r in
            switch a[0] {
            case .double: return a[0]
            case .int(let i): return .double(Double(i))
            case .uint(let u): return .double(Double(u))
            case .string(let s):
                let lowered = s.lowercased()
                if lowered == "nan" { return .double(.nan) }
                if lowered == "inf" || lowered == "+inf" || lowered == "infinity" { return .double(.infinity) }
                if lowered == "-inf" || lowered == "-infinity" { return .double(-.infinity) }
                return Double(s).map(Value.double) ?? fail("cannot convert '\(s)' to a double", r)
            default: return noOverload("double", a, r)
            }
        },
        Function("string", .global, [1]) { a, _, r in
            switch a[0] {
            case .string: return a[0]
            case .int(let i): return .string(String(i))
            case .uint(let u): return .string(String(u))
            case .double(let d): return .string(Value.format(d))
            case .bool(let b): return .string(b ? "true" : "false")
            case .date(let d): return .string(d.description)
            case .bytes(let b):
                guard let s = String(validating: b, as: UTF8.self) else { return fail("bytes are not valid UTF-8", r) }
                return .string(s)
            default: return noOverload("string", a, r)
            }
        },
        Function("bytes", .global, [1]) { a, _, r in
            switch a[0] {
            case .bytes: return a[0]
            case .string(let s): return .bytes(Array(s.utf8))
            default: return noOverload("bytes", a, r)
            }
        },
        Function("bool", .global, [1]) { a, _, r in
            switch a[0] {
            case .bool: return a[0]
            case .string(let s):
                switch s {
                case "1", "t", "true", "TRUE", "True": return .bool(true)
                case "0", "f", "false", "FALSE", "False": return .bool(false)
                default: return fail("cannot convert '\(s)' to a bool", r)
                }
            default: return noOverload("bool", a, r)
            }
        },
        Function("dyn", .global, [1]) { a, _, _ in a[0] },
    ]
}

/// A compiled regular expression for `matches`. Patterns are searched for anywhere in the
/// text (anchor with `^...$` to match the whole), as in CEL.
struct Pattern: @unchecked Sendable {
    /// nil for the empty pattern, which matches every text.
    let regex: NSRegularExpression?

    struct Failure: Error { let message: String }

    private static let cache = Cache()

    /// Compiles `pattern` (cached: rules usually pass literals, compiled at compile time).
    /// Backreferences and lookaround are refused: RE2's syntax has neither, and they are
    /// what makes a backtracking engine take exponential time.
    static func compile(_ pattern: String) -> Result<Pattern, Failure> {
        if let p = cache.get(pattern) { return .success(p) }
        if pattern.isEmpty { return .success(Pattern(regex: nil)) }
        if let unsupported = unsupportedConstruct(pattern) {
            return .failure(Failure(message: "regular expression '\(pattern)' uses \(unsupported), which RE2 syntax does not have"))
        }
        do {
            let p = Pattern(regex: try NSRegularExpression(pattern: pattern))
            cache.put(pattern, p)
            return .success(p)
        } catch {
            return .failure(Failure(message: "invalid regular expression '\(pattern)'"))
        }
    }

    /// A backreference (`\1`, `\k<name>`) or lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`)
    /// outside a character class, named; nil when there is none.
    static func unsupportedConstruct(_ pattern: String) -> String? {
        let s = Array(pattern.unicodeScalars)
        var i = 0
        var inClass = false
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count {
                let n = s[i + 1]
                if !inClass, (n >= "1" && n <= "9") || n == "k" { return "a backreference (\\\(n))" }
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
                // A `]` right after `[` or `[^` is a literal member.
                if i + 1 < s.count, s[i + 1] == "^" { i += 1 }
                if i + 1 < s.count, s[i + 1] == "]" { i += 1 }
            } else if c == "(", i + 2 < s.count, s[i + 1] == "?" {
                let rest = String(String.UnicodeScalarView(s[(i + 2)..<min(s.count, i + 4)]))
                if rest.hasPrefix("=") || rest.hasPrefix("!") || rest.hasPrefix("<=") || rest.hasPrefix("<!") {
                    return "lookaround (" + "(?" + (rest.hasPrefix("<") ? String(rest.prefix(2)) : String(rest.prefix(1))) + ")"
                }
            }
            i += 1
        }
        return nil
    }

    /// `matches` on `s`: true or false, or, past ``EvalLimits/maxRegexSteps`` backtracking
    /// steps, the evaluation stopped. libICU reports progress every 10,000 steps; the
    /// match is abandoned at the first report over the limit.
    func evaluate(on s: String, in frame: Frame, at range: SourceRange?) -> Value {
        guard let regex else { return .bool(true) }
        let maxSteps = frame.context.limits.maxRegexSteps
        let reports = max(1, maxSteps / 10_000)
        var progress = 0
        var found = false
        regex.enumerateMatches(in: s, options: [.reportProgress], range: NSRange(s.startIndex..., in: s)) { match, flags, stop in
            if match != nil {
                found = true
                stop.pointee = true
            } else if flags.contains(.progress) {
                progress += 1
                if progress > reports { stop.pointee = true }
            }
        }
        guard found || progress <= reports else {
            return frame.stop(EvalError(
                "matches() gave up after \(maxSteps) backtracking steps (limits.max-regex-steps): "
                    + "'\(regex.pattern)' backtracks catastrophically on this text; avoid nested repetition such as (a+)+",
                at: range))
        }
        return .bool(found)
    }

    private final class Cache: @unchecked Sendable {
        private var table: [String: Pattern] = [:]
        private let lock = NSLock()
        func get(_ k: String) -> Pattern? { lock.lock(); defer { lock.unlock() }; return table[k] }
        func put(_ k: String, _ v: Pattern) {
            lock.lock(); defer { lock.unlock() }
            if table.count > 1000 { table.removeAll() }
            table[k] = v
        }
    }
}
