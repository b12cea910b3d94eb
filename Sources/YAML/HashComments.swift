import Foundation

/// A `#` after a space starts a comment, even in the middle of a plain value:
/// `title: Become #1 in customer satisfaction` is the title "Become" and a comment,
/// `target: #1` an empty target. libyaml drops comments, so the loaded value is all
/// that is left; this finds, in a file's text, each comment that starts with `#` and a
/// digit right after text on its line (a writer's comment starts `# `; yamllint asks
/// for the space), so that the document check can tell which value it cut.
public enum HashComments {
    /// A comment that may have cut a value: `textEnd` is where the text before it ends
    /// on its line (where a plain value cut there ends, or the empty value after a `:`
    /// starts), `comment` its text (clipped).
    public struct Cut: Sendable, Hashable {
        public let file: FileID
        public let textEnd: SourcePosition
        public let comment: String
    }

    /// How many cuts a file gives at most.
    public static let limit = 1_000

    /// The cuts in `file`'s text, in order.
    public static func scan(_ file: SourceFile) -> [Cut] {
        file.bytes.withUnsafeBufferPointer { text in
            guard let base = text.baseAddress else { return [] }
            var cuts: [Cut] = []
            var line = 1, lineStart = 0, counted = 0
            // Within the current line: a byte offset and its column, moved forward.
            var cursor = (byte: 0, column: 1)
            var i = 0
            while i < text.count, cuts.count < limit, let hit = memchr(base + i, Int32(UInt8(ascii: "#")), text.count - i) {
                let j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                i = j + 1
                guard j > 0, text[j - 1] == UInt8(ascii: " ") || text[j - 1] == UInt8(ascii: "\t"),
                      j + 1 < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[j + 1]) else { continue }
                // The line of the `#`: the line breaks since the last count.
                while counted < j {
                    if text[counted] == UInt8(ascii: "\n") {
                        line += 1
                        lineStart = counted + 1
                        cursor = (lineStart, 1)
                    }
                    counted += 1
                }
                var k = j
                while k > lineStart, text[k - 1] == UInt8(ascii: " ") || text[k - 1] == UInt8(ascii: "\t") { k -= 1 }
                guard k > lineStart else { continue }  // a comment on a line of its own
                if cursor.byte > k { cursor = (lineStart, 1) }
                while cursor.byte < k {
                    // Columns count code points: continuation bytes add none.
                    if text[cursor.byte] & 0xC0 != 0x80 { cursor.column += 1 }
                    cursor.byte += 1
                }
                var end = j
                while end < text.count, end - j < 80, text[end] != UInt8(ascii: "\n"), text[end] != UInt8(ascii: "\r") { end += 1 }
                cuts.append(Cut(file: file.id, textEnd: SourcePosition(line: line, column: cursor.column),
                                comment: String(decoding: UnsafeBufferPointer(rebasing: text[j..<end]), as: UTF8.self)))
            }
            return cuts
        }
    }
}
