/// A comma inside `{ }` ends a plain value: `{ budget: 1,250,000 }` is `budget: 1` and
/// the keys `250` and `000`, each without a value, and `{ benefit: more sales, fewer
/// returns }` is `benefit: more sales` and the key `fewer returns`. YAML allows a key
/// without `:` in a flow mapping, but a writer who leaves one almost always meant the
/// comma to be part of the value before it. The loader marks such a key's value
/// (``Loader``); the document check reports it.
public enum FlowCommas {
    /// Why the text after the comma became a key.
    public static let explanation = "inside `{ }` a comma ends a value, and the text after it is read as a key without a value"

    /// Whether a value at `value`, of the key at `key`, is the one the loader gives a key
    /// written without `:` in a flow mapping: an empty range at the key's end (any other
    /// value starts after a `:`, so never there).
    public static func isBareValue(_ value: SourceRange, of key: SourceRange) -> Bool {
        value.start == value.end && value.start == key.end && value.file == key.file
    }
}
