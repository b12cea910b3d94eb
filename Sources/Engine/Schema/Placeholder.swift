import RuleCompiler
import RuleLanguage

/// `TBD`, `n/a`, `none`, `unknown` …: a field its writer has not filled in.
///
/// Such a value is read as absent, without a finding of its own, so that the rule that
/// asks for the field says what is missing, at the value: `owner: TBD` is a system
/// without an owner (not one owned by a team called TBD, nor a name to look up),
/// `deadline: TBD` a goal without a deadline (not a date of the wrong type), and
/// `stakeholders: [none]` an initiative that names none. A word the field takes
/// (`values` or `aliases`, in a pack whose field has a value `none`) is that value, and
/// a name is a name: a system `id: todo` or a Backstage component `name: unknown` is
/// called so.
enum Placeholder {
    static let words: Set<String> = ["tbd", "tbc", "tba", "todo", "n/a", "none", "unknown", "?", "-"]

    /// Whether `value` is a placeholder (or a list of nothing but placeholders) for
    /// `field`: one of ``words`` that is not one of the field's values.
    static func stands(_ value: Value, for field: FieldSchema) -> Bool {
        switch value {
        case .string(let s): return isWord(s, for: field) && (field.values.isEmpty || field.spelling(of: s) == .unknown)
        case .list(let l):
            guard let first = l.items.first, stands(first, for: field) else { return false }
            return l.items.allSatisfy { stands($0, for: field) }
        default: return false
        }
    }

    /// Whether `s` is one of ``words``, in any case, and `field` is not a name. Most
    /// strings are ruled out by their length or their first byte, without lowering
    /// them: the document check asks of every string field.
    static func isWord(_ s: String, for field: FieldSchema) -> Bool {
        isWord(s) && field.name != "id" && field.name != "name"
    }

    private static func isWord(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard utf8.count <= 7, let first = utf8.first else { return false }
        switch first | 0x20 {  // ASCII lower case; `?` and `-` stay themselves
        case UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "?"), UInt8(ascii: "-"):
            return words.contains(s.lowercased())
        default:
            return false
        }
    }
}
