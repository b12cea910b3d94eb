import RuleCompiler
import RuleLanguage
import YAML

/// Values a comment cut short: `title: Become #1 in customer satisfaction` is the title
/// "Become", `target: #1` an empty target (``HashComments``). Each is one `wrong-type`
/// finding at the value, which rules then read as absent.
enum CommentCuts {
    /// The message and place for the value at `i` of `m`, when a comment starting `#`
    /// and a digit follows it on its line; nil otherwise. Only text is judged (a field
    /// of `schema` that takes free text, or the writer's own key): an id, a reference or
    /// one of a closed field's words is whole before the comment (`owner: cio #1
    /// contact`), so the comment there is the writer's.
    static func problem(_ m: MapValue, _ i: Int, schema: FieldSchema?, comments: [SourceRange: String], owner: String) -> (message: String, range: SourceRange?)? {
        if let schema, schema.reference != nil || !schema.values.isEmpty || schema.name == "id" { return nil }
        guard let range = m.range(at: i), case .string(let field) = m.keys[i] else { return nil }
        let value = m.values[i]
        switch value {
        case .null:
            // An empty value starts right after the `:`.
            guard let comment = comments[SourceRange(file: range.file, start: range.start, end: range.start)] else { return nil }
            return ("`\(clip(field))` of \(owner) is empty: after a space `#` starts a comment, so `\(clip(comment))` is a comment, not the value: "
                    + "put the value in quotes, `\(clip(field)): \(ScalarQuoting.quoted(clip(comment)))`", range)
        case .string(let text):
            guard let comment = comments[SourceRange(file: range.file, start: range.end, end: range.end)] else { return nil }
            return ("`\(clip(field))` of \(owner) is cut short at `#`: after a space it starts a comment, so YAML reads '\(clip(text))' "
                    + "and `\(clip(comment))` is a comment, and rules read `\(clip(field))` as absent: put the whole value in quotes, "
                    + "`\(clip(field)): \(ScalarQuoting.quoted(clip(text + " " + comment)))`", range)
        default:
            return nil
        }
    }
}
