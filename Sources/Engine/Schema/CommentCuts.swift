import RuleCompiler
import YAML

/// Values a comment cut short: `title: Become #1 in customer satisfaction` is the title
/// "Become", `target: #1` an empty target (``HashComments``). Each is one `wrong-type`
/// finding at the value, which rules then read as absent.
enum CommentCuts {
    /// The message and place for the value at `i` of `m`, when a comment starting `#`
    /// and a digit follows it on its line; nil otherwise.
    static func problem(_ m: MapValue, _ i: Int, comments: [SourceRange: String], owner: String) -> (message: String, range: SourceRange?)? {
        guard let range = m.range(at: i), case .string(let field) = m.keys[i] else { return nil }
        let value = m.values[i]
        switch value {
        case .null:
            // An empty value starts right after the `:`.
            guard let comment = comments[SourceRange(file: range.file, start: range.start, end: range.start)] else { return nil }
            return ("`\(clip(field))` of \(owner) is empty: after a space `#` starts a comment, so `\(clip(comment))` is a comment, not the value: "
                    + "put the value in quotes, `\(clip(field)): \"\(clip(comment))\"`", range)
        case .string(let text):
            guard let comment = comments[SourceRange(file: range.file, start: range.end, end: range.end)] else { return nil }
            return ("`\(clip(field))` of \(owner) is cut short at `#`: after a space it starts a comment, so YAML reads '\(clip(text))' "
                    + "and `\(clip(comment))` is a comment, and rules read `\(clip(field))` as absent: put the whole value in quotes, "
                    + "`\(clip(field)): \"\(clip(text + " " + comment))\"`", range)
        default:
            return nil
        }
    }
}
