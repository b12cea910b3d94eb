import Foundation

/// A path pattern, as in `.gitignore`: `*` matches within a folder name, `**` across
/// folders, `?` one character, `[abc]`, `[a-z]` and `[!abc]` a set. A pattern without `/`
/// matches a name at any depth; a pattern with `/` matches from the configuration's
/// folder (a leading `/` only anchors it there); a trailing `/` means everything below.
///
/// Matching runs over the tokens once, keeping the set of positions of the path each
/// prefix of the pattern can reach: time proportional to pattern × path, whatever
/// either holds (no backtracking), and no regular expression is compiled, so a
/// malformed set in a hostile Location target is just a set.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let tokens: [Token]
    /// The literal text every match must end with (`.yaml`), checked first.
    private let suffix: [Unicode.Scalar]
    /// The literal text every match ends with, as text.
    var ending: String { String(String.UnicodeScalarView(suffix)) }
    /// The length of the one text a pattern of literals alone (`venv`) matches.
    private let literal: Int?

    enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        /// `?`: one character but `/`.
        case one
        /// `[...]`: one character but `/` that is (or with `negated`, is not) in the set.
        case set(chars: [Unicode.Scalar], ranges: [ClosedRange<UInt32>], negated: Bool)
        /// `*`: any characters but `/`.
        case star
        /// `**` not followed by `/`: any characters.
        case anything
        /// `**/` (and the start of an unanchored pattern): nothing, or anything that ends
        /// with `/`.
        case folders
    }

    /// Whether the pattern has a `..` segment: globs match paths inside the
    /// configuration's folder, so such a pattern could only mean a place outside it.
    public var leavesFolder: Bool { pattern.split(separator: "/").contains("..") }

    /// nil for an empty pattern.
    public init?(_ pattern: String) {
        self.pattern = pattern
        var p = Array((pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern).unicodeScalars)
        let anchored = p.contains("/")
        if p.first == "/" { p.removeFirst() }
        if p.last == "/" { p += ["*", "*"] }
        guard !p.isEmpty else { return nil }
        var tokens: [Token] = anchored ? [] : [.folders]
        var i = 0
        while i < p.count {
            switch p[i] {
            case "*":
                if i + 1 < p.count, p[i + 1] == "*" {
                    if i + 2 < p.count, p[i + 2] == "/" {
                        tokens.append(.folders)
                        i += 3
                    } else {
                        tokens.append(.anything)
                        i += 2
                    }
                    continue
                }
                tokens.append(.star)
            case "?":
                tokens.append(.one)
            case "[":
                if let (set, next) = Self.set(p, from: i) {
                    tokens.append(set)
                    i = next
                    continue
                }
                tokens.append(.literal("["))
            default:
                tokens.append(.literal(p[i]))
            }
            i += 1
        }
        self.tokens = tokens
        suffix = tokens.reversed().prefix { if case .literal = $0 { return true } else { return false } }.reversed().compactMap {
            if case .literal(let c) = $0 { return c } else { return nil }
        }
        literal = suffix.count == tokens.count ? tokens.count : nil
    }

    /// The set that starts at `p[start]` (`[`) and the index after its `]`; nil when no
    /// `]` closes it (the `[` is then a literal). A `]` first in the set is a member.
    private static func set(_ p: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < p.count, p[i] == "!" || p[i] == "^" {
            negated = true
            i += 1
        }
        var chars: [Unicode.Scalar] = [], ranges: [ClosedRange<UInt32>] = []
        var first = true
        while i < p.count {
            let c = p[i]
            if c == "]", !first { return (.set(chars: chars, ranges: ranges, negated: negated), i + 1) }
            first = false
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                let (lo, hi) = (c.value, p[i + 2].value)
                if lo <= hi { ranges.append(lo...hi) }  // a reversed range matches nothing
                i += 3
            } else {
                chars.append(c)
                i += 1
            }
        }
        return nil
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        matches(scalars: Array(path.unicodeScalars))
    }

    /// Whether the path whose code points are `text` matches: for a path tried against
    /// many patterns (``GitIgnore``), split once.
    public func matches(scalars text: [Unicode.Scalar]) -> Bool {
        guard text.count >= suffix.count, text.suffix(suffix.count).elementsEqual(suffix) else { return false }
        if let literal, text.count != literal { return false }
        let n = text.count
        // reach[j]: the tokens so far can match text[..<j].
        var reach = [Bool](repeating: false, count: n + 1)
        var next = reach
        reach[0] = true
        for token in tokens {
            for j in 0...n { next[j] = false }
            switch token {
            case .literal(let c):
                for j in 0..<n where reach[j] && text[j] == c { next[j + 1] = true }
            case .one:
                for j in 0..<n where reach[j] && text[j] != "/" { next[j + 1] = true }
            case .set(let chars, let ranges, let negated):
                for j in 0..<n where reach[j] && text[j] != "/" {
                    let c = text[j]
                    if (chars.contains(c) || ranges.contains { $0.contains(c.value) }) != negated { next[j + 1] = true }
                }
            case .star:
                var open = false
                for j in 0...n {
                    if reach[j] { open = true }
                    next[j] = open
                    if j < n, text[j] == "/" { open = false }
                }
            case .anything:
                var open = false
                for j in 0...n {
                    if reach[j] { open = true }
                    next[j] = open
                }
            case .folders:
                var seen = false
                for j in 0...n {
                    next[j] = reach[j] || (j > 0 && text[j - 1] == "/" && seen)
                    if reach[j] { seen = true }
                }
            }
            swap(&reach, &next)
            guard reach.contains(true) else { return false }
        }
        return reach[n]
    }

    public static func == (a: Glob, b: Glob) -> Bool { a.pattern == b.pattern }
    public func hash(into h: inout Hasher) { h.combine(pattern) }
}
