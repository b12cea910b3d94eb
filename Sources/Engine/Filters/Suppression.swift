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

    /// The suppressions in `file`. Comments need the scalars' positions, so the rare file
    /// that mentions the marker is read again as nodes; every other one costs one scan.
    static func scan(_ file: SourceFile, limits: LoadLimits) -> [Suppression] {
        guard mentions(file.bytes), case .success(let roots) = Loader.load(file, limits: limits) else { return [] }
        let comments = Comments(file, roots: roots, containing: "stratlint-disable")
        return comments.comments.filter { $0.text.hasPrefix("stratlint-disable") }.map { c in
            let line = comments.lines[c.line - 1]
            let range = SourceRange(file: file.id, start: SourcePosition(line: c.line, column: c.start + 1),
                                    end: SourcePosition(line: c.line, column: line.count + 1))
            return parse(line, from: c.start + 1, line: c.line, range: range, commentOnly: c.alone,
                         nextContentLine: { comments.nextContentLine(after: c.line) })
        }
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
