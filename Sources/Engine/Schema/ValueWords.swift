import RuleLanguage

/// The values of a closed field that an unknown value names as words: `Digital
/// transformation` names `digital`, `IT infrastructure` names `it`, `IT/Digital` names
/// both (the confusion the `it-digital-misalignment` pitfall is about), `active, to be
/// retired 2027` names `active` and `retired`.
enum ValueWords {
    /// What `text` names: the one value it names as a word (or by an alias), offered as
    /// the value meant; or the values, when it names more than one.
    enum Named: Equatable {
        case one(String)
        case several([String])
    }

    /// nil when `text` names none, or is a single word (an edit away from a value is
    /// ``EditDistance``'s), or has a word that only begins like a value (`planned
    /// retirement`: `retirement` is not `retired`, and `planned` is not what was meant).
    static func named(in text: String, of field: FieldSchema) -> Named? {
        let words = Self.words(text)
        guard words.count >= 2, words.count <= 12 else { return nil }
        var named: [String] = []
        for w in words {
            if let value = field.values.first(where: { $0.lowercased() == w }) ?? field.aliases[w] {
                if !named.contains(value) { named.append(value) }
            } else if w.count >= 5, field.values.contains(where: { sharesStem(w, $0.lowercased()) }) {
                return nil
            }
        }
        switch named.count {
        case 0: return nil
        case 1: return .one(named[0])
        default: return .several(named)
        }
    }

    /// The words of a text, in lower case: runs of letters and digits (`IT/Digital` is
    /// `it` and `digital`, `S/4HANA` is `s` and `4hana`).
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Whether two words begin with the same five letters or more.
    private static func sharesStem(_ a: String, _ b: String) -> Bool {
        zip(a, b).prefix { $0 == $1 }.count >= 5
    }
}
