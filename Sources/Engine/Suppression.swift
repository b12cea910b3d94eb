import Foundation
import RuleLanguage
import YAML

/// An inline suppression comment in a linted YAML file:
///
/// ```yaml
/// # stratlint-disable-next-line data-silo, orphan-system -- archived in 2027 until 2027-03-31
/// - id: old-crm
///   lifecycle: active   # stratlint-disable-line system-without-backups -- read-only copy
/// # stratlint-disable-file vague-goal-title -- titles are translated later
/// ```
///
/// `next-line` covers the next line that holds YAML (blank and comment-only lines are
/// skipped, so several directives can be stacked), `line` its own line, `file` the whole
/// file. The text after `--` is the reason; a trailing `until YYYY-MM-DD` ends it.
public struct Suppression: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        /// Findings that start on this line.
        case line(Int32)
        case file
    }

    public var file: FileID
    public var scope: Scope
    public var rules: [Rule]
    public var reason: String?
    public var until: CivilDate?
    /// The comment, from `#` to the end of the line.
    public var range: SourceRange
    /// Why the comment is not a suppression (an unknown directive, a bad date), if it is not.
    public var malformed: String?

    public struct Rule: Sendable, Hashable {
        public var id: String
        public var range: SourceRange
    }
}

/// Finds suppression comments in a file's text. libyaml drops comments, so the scanner
/// reads the bytes; the scalar ranges from the parsed file tell a comment from a `#`
/// inside a quoted or block scalar.
enum SuppressionScanner {
    static let marker = Array("stratlint-disable".utf8)

    /// Whether `bytes` mention the marker at all: the cheap test that lets almost every
    /// file skip the scan.
    static func mentions(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            let count = buffer.count, m = marker.count
            var i = 0
            // memchr finds each candidate first byte; memmem is a GNU extension.
            while i + m <= count, let hit = memchr(base + i, Int32(marker[0]), count - i - m + 1) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, marker, m) == 0 { return true }
                i = at + 1
            }
            return false
        }
    }

    /// The suppressions in `file`, whose parsed documents are `roots`.
    static func scan(_ file: SourceFile, roots: [Node]) -> [Suppression] {
        guard mentions(file.bytes) else { return [] }
        var scalars: [SourceRange] = []
        func collect(_ node: Node) {
            switch node.content {
            case .scalar: scalars.append(node.range)
            case .sequence(let items): items.forEach(collect)
            case .mapping(let pairs):
                for pair in pairs {
                    collect(pair.key)
                    collect(pair.value)
                }
            }
        }
        roots.forEach(collect)
        scalars.sort { $0.start < $1.start }
        func insideScalar(_ p: SourcePosition) -> Bool {
            // The last scalar starting at or before p; scalars do not overlap.
            var lo = 0, hi = scalars.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if scalars[mid].start <= p { lo = mid + 1 } else { hi = mid }
            }
            return lo > 0 && p < scalars[lo - 1].end
        }

        var lines: [[Unicode.Scalar]] = []
        var n = 1
        while let text = file.line(n) {
            lines.append(Array(text.unicodeScalars))
            n += 1
        }
        var found: [Suppression] = []
        for (index, line) in lines.enumerated() {
            let number = index + 1
            guard let hash = commentStart(line, line: number, insideScalar: insideScalar) else { continue }
            let body = String(String.UnicodeScalarView(line[(hash + 1)...]))
            guard body.trimmingCharacters(in: .whitespaces).hasPrefix("stratlint-disable") else { continue }
            let commentOnly = line[..<hash].allSatisfy { $0 == " " || $0 == "\t" }
            let range = SourceRange(file: file.id, start: SourcePosition(line: number, column: hash + 1),
                                    end: SourcePosition(line: number, column: line.count + 1))
            found.append(parse(line, from: hash + 1, line: number, range: range, commentOnly: commentOnly,
                               nextContentLine: { nextContentLine(after: index, in: lines) }))
        }
        return found
    }

    /// The column index of the `#` that starts a comment on this line, if any.
    private static func commentStart(_ line: [Unicode.Scalar], line number: Int, insideScalar: (SourcePosition) -> Bool) -> Int? {
        for (i, c) in line.enumerated() where c == "#" {
            guard i == 0 || line[i - 1] == " " || line[i - 1] == "\t" else { continue }
            if !insideScalar(SourcePosition(line: number, column: i + 1)) { return i }
        }
        return nil
    }

    private static func nextContentLine(after index: Int, in lines: [[Unicode.Scalar]]) -> Int? {
        var i = index + 1
        while i < lines.count {
            if let first = lines[i].first(where: { $0 != " " && $0 != "\t" }), first != "#" { return i + 1 }
            i += 1
        }
        return nil
    }

    private static func parse(_ line: [Unicode.Scalar], from start: Int, line number: Int, range: SourceRange,
                              commentOnly: Bool, nextContentLine: () -> Int?) -> Suppression {
        var s = Suppression(file: range.file, scope: .file, rules: [], range: range)
        var i = start
        func skipSpaces() { while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 } }
        func word() -> String {
            var w = String.UnicodeScalarView()
            while i < line.count, line[i] != " ", line[i] != "\t", line[i] != "," { w.append(line[i]); i += 1 }
            return String(w)
        }
        skipSpaces()
        let directive = word()
        switch directive {
        case "stratlint-disable-next-line":
            if let target = nextContentLine() { s.scope = .line(Int32(target)) } else { s.malformed = "there is no line after it to suppress" }
        case "stratlint-disable-line":
            if commentOnly { s.malformed = "'stratlint-disable-line' suppresses its own line, which holds only the comment; use stratlint-disable-next-line" }
            s.scope = .line(Int32(number))
        case "stratlint-disable-file":
            s.scope = .file
        default:
            s.malformed = "unknown directive '\(directive)'; use stratlint-disable-next-line, stratlint-disable-line or stratlint-disable-file"
            return s
        }
        // Rule ids, separated by commas or spaces, up to `--`.
        while true {
            skipSpaces()
            if i < line.count, line[i] == "," { i += 1; continue }
            if i >= line.count { break }
            if i + 1 < line.count, line[i] == "-", line[i + 1] == "-" { break }
            let column = i + 1
            let id = word()
            s.rules.append(.init(id: id, range: SourceRange(
                file: range.file, start: SourcePosition(line: number, column: column),
                end: SourcePosition(line: number, column: i + 1))))
        }
        if s.rules.isEmpty, s.malformed == nil {
            s.malformed = "'\(directive)' names no rule; list the rule ids it suppresses"
        }
        guard i + 1 < line.count else { return s }
        var reason = String(String.UnicodeScalarView(line[(i + 2)...])).trimmingCharacters(in: .whitespaces)
        let words = reason.split(separator: " ", omittingEmptySubsequences: true)
        if words.count >= 2, words[words.count - 2] == "until" {
            let date = String(words[words.count - 1])
            if let d = CivilDate(iso: date) {
                s.until = d
            } else if s.malformed == nil {
                s.malformed = "'until \(date)' is not a date; write until YYYY-MM-DD"
            }
            reason = words.dropLast(2).joined(separator: " ")
        }
        s.reason = reason.isEmpty ? nil : reason
        return s
    }
}
