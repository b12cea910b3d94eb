import RuleCompiler
import RuleLanguage
import YAML

/// The ids each reference target holds (`Strategy.goals.id`), gathered once per path
/// from the typed documents, and the finding a referencing value deserves.
struct ReferenceResolver {
    let documents: [String: ListValue]
    private var ids: [String: Set<String>] = [:]
    private var ordered: [String: [String]] = [:]
    /// Edit-distance comparisons left for "did you mean": a hint for the first dangling
    /// values, never quadratic work on a large inventory full of them.
    private var suggestionBudget = 2_000_000

    init(documents: [String: ListValue]) { self.documents = documents }

    /// The message for `o` if it names nothing (or is missing where it is required).
    mutating func problem(with o: DocumentWalk.Occurrence) -> String? {
        let reference = o.reference
        let (known, candidates) = ids(at: reference.targets.map(\.value))
        if reference.whenDeclared, known.isEmpty { return nil }
        let noun = reference.noun ?? Self.noun(of: reference.targets.first?.value ?? "")
        guard let value = o.value else {
            return "\(o.owner) gives no `\(o.field)`; it must name \(noun)"
        }
        guard !known.contains(value) else { return nil }
        var message = "`\(o.field)` of \(o.owner) names '\(clip(value))', which is not \(noun)"
        if let near = suggestion(for: value, among: candidates) { message += "; did you mean '\(clip(near))'?" }
        return message
    }

    /// The strings at `paths` in every document of their kinds; lists on the way are walked.
    private mutating func ids(at paths: [String]) -> (Set<String>, [String]) {
        let key = paths.joined(separator: "\u{0}")
        if let set = ids[key] { return (set, ordered[key] ?? []) }
        var list: [String] = []
        for path in paths { list += strings(at: path) }
        let set = Set(list)
        ids[key] = set
        ordered[key] = list
        return (set, list)
    }

    private func strings(at path: String) -> [String] {
        let parts = path.split(separator: ".").map(String.init)
        var values: [Value] = (parts.first.flatMap { documents[$0]?.items }) ?? []
        for field in parts.dropFirst() {
            var next: [Value] = []
            for v in values {
                switch v {
                case .map(let m): if let x = m.value(forField: field) { next.append(x) }
                case .list(let l):
                    for item in l.items { if case .map(let m) = item, let x = m.value(forField: field) { next.append(x) } }
                default: break
                }
            }
            values = next
        }
        var list: [String] = []
        for v in values {
            switch v {
            case .string(let s): list.append(s)
            case .list(let l): for case .string(let s) in l.items { list.append(s) }
            default: break
            }
        }
        return list
    }

    /// The nearest candidate within two edits, while the budget lasts.
    private mutating func suggestion(for value: String, among candidates: [String]) -> String? {
        guard value.count <= 64 else { return nil }
        var best: (String, Int)?
        for c in candidates where abs(c.count - value.count) <= 2 {
            suggestionBudget -= max(1, c.count * value.count)
            guard suggestionBudget > 0 else { return nil }
            let d = EditDistance.between(value, c)
            if d <= (value.count <= 4 ? 1 : 2), d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// "a goal" for `Strategy.goals.id`, "a system" for `Inventory.systems.id`.
    static func noun(of path: String) -> String {
        let parts = path.split(separator: ".")
        let collection = parts.count >= 2 ? String(parts[1]) : path
        let noun = DocumentWalk.noun(collection)
        return (noun.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + noun
    }
}
