import RuleCompiler
import YAML

/// Values a comma cut short inside `{ }`: `{ budget: 1,250,000 }` loads as `budget: 1`
/// and the keys `250` and `000` without values, `{ expected_benefit: more sales, fewer
/// returns }` as `more sales` and the key `fewer returns` (``FlowCommas``). Nothing
/// fails: the rules would judge a budget of 1. Each cut is one `wrong-type` finding at
/// the value cut, which rules then read as absent (its follow-ons are dropped with it).
enum CommaCuts {
    /// A run of keys written without `:`, and the entry before them whose value the
    /// first comma ended (nil when the run opens the map or follows a collection or an
    /// empty value).
    struct Cut {
        let value: Int?
        let keys: Range<Int>
    }

    /// How many of a cut's keys a message names.
    static let shownKeys = 5

    /// The cuts in `m`, in order; empty for a map without keys lacking a `:`, which is
    /// nearly every map (only a null value's range is looked at).
    static func find(in m: MapValue) -> [Cut] {
        var cuts: [Cut] = []
        var from = 0
        while let i = m.firstNull(from: from) {
            guard isBare(m, i) else { from = i + 1; continue }
            var end = i + 1
            while end < m.count, isBare(m, end) { end += 1 }
            var value: Int?
            if i > 0, m.range(at: i - 1) != nil {
                switch m.values[i - 1] {
                case .map, .list, .null: break
                default: value = i - 1
                }
            }
            cuts.append(Cut(value: value, keys: i..<end))
            from = end
        }
        return cuts
    }

    /// Whether the value at `i` is null (read in place) and placed as a key's without `:`.
    private static func isBare(_ m: MapValue, _ i: Int) -> Bool {
        guard m.firstNull(from: i) == i, let value = m.range(at: i), let key = m.keyRange(at: i) else { return false }
        return FlowCommas.isBareValue(value, of: key)
    }

    /// The message for `cut`, where `owner` labels the map's owner ("initiative 'crm'"),
    /// and where it goes: the value cut, or the first key when no value was.
    static func problem(_ cut: Cut, in m: MapValue, owner: String) -> (message: String, range: SourceRange?) {
        // A few keys are named; a file of thousands is not echoed whole.
        let shown = cut.keys.prefix(shownKeys)
        let keys = shown.map { clip(written(m.keys[$0], m.keyRange(at: $0))) }
        let named = keys.map { "`\($0)`" }.joined(separator: ", ") + (cut.keys.count > shownKeys ? " and \(cut.keys.count - shownKeys) more" : "")
        guard let v = cut.value else {
            return ("\(named) in \(owner) \(keys.count == 1 ? "is a key" : "are keys") without a value: inside `{ }` each entry is `key: value`, "
                    + "and a comma ends one; write the key it is the value of (e.g. `name: \(keys[0])`), or put a value that holds a comma in quotes",
                    m.keyRange(at: cut.keys.lowerBound))
        }
        let field = clip(m.keys[v].displayText)
        let head = "`\(field)` of \(owner) is cut short by a comma: \(FlowCommas.explanation) (\(named)), so rules read `\(field)` as absent: "
        if let digits = thousands(m.values[v], cut.keys.prefix(7).map { (m.keys[$0], m.keyRange(at: $0)) }) {
            return (head + "write the number without separators, \(digits)", m.range(at: v))
        }
        // The parts as the writer probably joined them: `2,5%` (a decimal comma) without
        // a space, words with one.
        var whole = m.values[v].displayText
        for key in shown {
            let part = written(m.keys[key], m.keyRange(at: key))
            whole += (part.first?.isNumber == true ? "," : ", ") + part
        }
        if cut.keys.count > shownKeys { whole += ", …" }
        return (head + "put the whole value in quotes, `\(field): \(ScalarQuoting.quoted(clip(whole)))`", m.range(at: v))
    }

    /// `1,250,000` as digits, when the value is a whole number and each key three digits.
    static func thousands(_ value: Value, _ keys: [(Value, SourceRange?)]) -> String? {
        // Six groups of three digits are past any budget (and 64-bit integers).
        guard case .int(let whole) = value, whole >= 0, !keys.isEmpty, keys.count <= 6 else { return nil }
        var digits = String(whole)
        for (key, range) in keys {
            guard case .int(let group) = key, (0...999).contains(group) else { return nil }
            let text = written(key, range)
            guard text.utf8.count == 3 else { return nil }
            digits += text
        }
        return digits
    }

    /// A key as written: `000` loads as the number 0, and its width says how it was written.
    static func written(_ key: Value, _ range: SourceRange?) -> String {
        guard case .int(let n) = key, n >= 0, let range, range.start.line == range.end.line else { return key.displayText }
        let text = String(n), width = Int(range.end.column - range.start.column)
        return width > text.count && width <= 20 ? String(repeating: "0", count: width - text.count) + text : text
    }
}
