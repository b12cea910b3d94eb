/// `out += text` on any stream: the reporters that stream (text, GitHub, JSON) write to
/// a `TextOutputStream` as they would build a string, and `render` streams into one.
extension TextOutputStream {
    static func += (out: inout Self, text: String) { out.write(text) }
}
