/// A large array written into JSON that JSONEncoder made without it. Encoding tens of
/// thousands of findings with JSONEncoder took seconds; the document around them is
/// small. The encoder writes the document with the array empty, and the elements,
/// written by ``JSONFindingWriter`` (``InBatches``), go where the
/// encoder put `[` and `]`: the bytes the encoder would have written for the whole.
enum JSONSplice {
    /// Writes `text` with `count` elements in the empty array at `key` (each written by
    /// `element(writer, index, indent)` from its `{`). False, and nothing written, when
    /// the array is not where and as the encoder writes it: the caller encodes it whole.
    static func write<Out: TextOutputStream>(_ text: String, key name: String, count: Int, to out: inout Out,
                                             element: @Sendable (inout JSONFindingWriter, Int, Int) -> Void) -> Bool {
        // `"name" : [` is a key: inside a string its quotes would be escaped.
        guard count > 0, let key = text.range(of: "\"\(name)\" : ["), let lineStart = text[..<key.lowerBound].lastIndex(of: "\n") else {
            return false
        }
        let indent = text.distance(from: text.index(after: lineStart), to: key.lowerBound)
        let empty = "\n\n" + String(repeating: " ", count: indent) + "]"
        guard text[key.upperBound...].hasPrefix(empty) else { return false }
        out.write(String(text[..<key.upperBound]))
        InBatches.write(count: count, to: &out) { (range: Range<Int>) -> [UInt8] in
            var writer = JSONFindingWriter(capacity: range.count * 1024)
            for i in range {
                if i > 0 { writer.append(",") }
                writer.newline(indent + 2)
                element(&writer, i, indent + 2)
            }
            return writer.bytes
        }
        out.write("\n" + String(repeating: " ", count: indent) + "]")
        out.write(String(text[text.index(key.upperBound, offsetBy: empty.count)...]))
        return true
    }
}
