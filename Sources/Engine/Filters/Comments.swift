import Foundation
import YAML

/// The comments of a parsed YAML file. libyaml drops comments, so they are read from the
/// text: a `#` starts one at the start of a line or after a space or tab, outside every
/// scalar of the parsed tree (so `"a # b"` and text in a `|` block are content).
struct Comments {
    struct Comment {
        /// 1-based line.
        var line: Int
        /// 0-based index of the `#` in `Comments.lines[line - 1]`.
        var start: Int
        /// Whether only blanks precede it on its line.
        var alone: Bool
        /// The text after `#`, trimmed.
        var text: String
    }

    /// Each line as Unicode scalars (libyaml's columns count scalars).
    let lines: [[Unicode.Scalar]]
    let comments: [Comment]

    /// The comments of `file`, whose parsed documents are `roots`, whose text contains
    /// `marker` (the only ones a caller wants; other lines are skipped cheaply).
    init(_ file: SourceFile, roots: [Node], containing marker: String) {
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
        var found: [Comment] = []
        var n = 1
        while let text = file.line(n) {
            let line = Array(text.unicodeScalars)
            lines.append(line)
            if text.contains(marker) {
                for (i, c) in line.enumerated() where c == "#" && (i == 0 || line[i - 1] == " " || line[i - 1] == "\t") {
                    guard !insideScalar(SourcePosition(line: n, column: i + 1)) else { continue }
                    found.append(Comment(
                        line: n, start: i, alone: line[..<i].allSatisfy { $0 == " " || $0 == "\t" },
                        text: String(String.UnicodeScalarView(line[(i + 1)...])).trimmingCharacters(in: .whitespaces)))
                    break
                }
            }
            n += 1
        }
        self.lines = lines
        self.comments = found
    }

    /// The first line after `line` that holds YAML: not blank, not only a comment.
    func nextContentLine(after line: Int) -> Int? {
        var i = line
        while i < lines.count {
            if let first = lines[i].first(where: { $0 != " " && $0 != "\t" }), first != "#" { return i + 1 }
            i += 1
        }
        return nil
    }
}
