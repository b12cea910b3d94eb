import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// The ids each reference target holds (`Strategy.goals.id`), gathered once per
/// referencing field before the documents are walked (only strings are ids, so a
/// wrong-typed value is never one), and the finding a referencing value deserves.
/// Read-only once built: every document's walk uses it at the same time.
package struct ReferenceResolver: Sendable {
    /// The ids a list of targets holds, and each distinct one split into code points
    /// (for did-you-mean), in first-seen order.
    ///
    /// Ids compare by code points, as keys and CEL's `==` do, so that a reference the
    /// check accepts is one the rules see. A `Set<String>` compares by canonical
    /// equivalence (a composed `é` equals `e` and a combining accent), so `ids` holds one
    /// spelling of each equivalence class and `spellings` the others, which are rare: a
    /// lookup finds the class by hashing and then compares code points.
    private struct Targets {
        let ids: Set<String>
        let spellings: [String: [String]]
        /// Whether every id is ASCII, as they nearly always are: then a value canonically
        /// equivalent to an id has its code points when it is ASCII too.
        let allASCII: Bool
        let candidates: [(id: String, scalars: [Unicode.Scalar])]

        init(_ list: [String]) {
            var ids = Set<String>(), spellings: [String: [String]] = [:]
            var candidates: [(id: String, scalars: [Unicode.Scalar])] = []
            for id in list {
                let (new, first) = ids.insert(id)
                if !new {
                    guard !CodePoints.equal(first, id, aIsASCII: CodePoints.isASCII(first)),
                          !(spellings[first] ?? []).contains(where: { CodePoints.equal($0, id, aIsASCII: false) }) else { continue }
                    spellings[first, default: []].append(id)
                }
                candidates.append((id: id, scalars: Array(id.unicodeScalars)))
            }
            (self.ids, self.spellings, self.candidates) = (ids, spellings, candidates)
            allASCII = ids.allSatisfy(CodePoints.isASCII)
        }

        /// Whether `value` is one of the ids, or the id it looks the same as (canonically
        /// equivalent, other code points).
        func match(_ value: String) -> Match {
            if allASCII {
                guard ids.contains(value) else { return .none }
                if CodePoints.isASCII(value) { return .exact }
            }
            guard let i = ids.firstIndex(of: value) else { return .none }
            if CodePoints.equal(ids[i], value, aIsASCII: false) { return .exact }
            if let others = spellings[ids[i]], others.contains(where: { CodePoints.equal($0, value, aIsASCII: false) }) { return .exact }
            return .lookalike(i)
        }
    }

    /// A lookup's answer; a look-alike is the index of the id it looks like.
    private enum Match { case exact, lookalike(Set<String>.Index), none }
    /// A referencing field's targets, and what its messages call one ("a system"):
    /// worked out once, not for each dangling value (a third of the check's time on an
    /// inventory with 10,000 of them).
    private struct Field {
        let targets: Targets
        let noun: String
        /// Ids held under another name of a field on the way to the targets
        /// (`Strategy.objectives.id` for `Strategy.goals.id`), with that name and the
        /// field's: read by no rule until the key is renamed.
        let renamed: [String: (written: String, field: String)]
        /// For a reference checked once some targets are declared, the lists of targets
        /// that are not (`people` where only `teams` are): a person named as an owner is
        /// then told where to list them, not only that they are unknown.
        let undeclared: (declared: [String], missing: [String])?
    }
    /// Per referencing field, its targets' ids.
    private var cache: [ObjectIdentifier: Field] = [:]
    /// The ids of the items at each target path by their `name` in lower case, made
    /// the first time a dangling value is looked for there (``idNamed(_:among:)``).
    private let names: NameIndex

    /// Edit-distance work one document's walk may spend on "did you mean": a hint for
    /// the first dangling values, never quadratic work on an inventory full of them.
    static let suggestionBudget = 200_000

    /// `reporting`: the ids of the rules that report a reference to nothing; a field
    /// whose reference names another rule is never looked up (nil: every field is).
    init(documents: [String: ListValue], schemas: [KindSchema], reporting: Set<String>? = nil) {
        names = NameIndex(documents)
        // Many fields name the same targets (an integration's `from` and `to`, an
        // initiative's `systems` all name `Inventory.systems.id`): each list of targets
        // is gathered once.
        var byTargets: [[String]: (Targets, [String: (written: String, field: String)], (declared: [String], missing: [String])?)] = [:]
        for schema in schemas {
            var pending = [schema.root]
            while let field = pending.popLast() {
                pending += field.fields
                guard let reference = field.reference, reporting?.contains(reference.ruleID) ?? true,
                      cache[ObjectIdentifier(field)] == nil else { continue }
                let targets = reference.targets.map(\.value)
                let noun = reference.noun ?? Self.noun(of: targets.first ?? "")
                if let (known, renamed, undeclared) = byTargets[targets] {
                    cache[ObjectIdentifier(field)] = Field(targets: known, noun: noun, renamed: renamed, undeclared: reference.whenDeclared ? undeclared : nil)
                    continue
                }
                var list: [String] = [], declared: [String] = [], missing: [String] = []
                for target in targets {
                    let ids = Self.strings(at: target, in: documents)
                    list += ids
                    // `Inventory.teams` and `Strategy.teams` are one list to the writer: `teams`.
                    let name = String(target.split(separator: ".").last ?? "")
                    if ids.isEmpty { if !missing.contains(name) { missing.append(name) } } else if !declared.contains(name) { declared.append(name) }
                }
                missing.removeAll(where: declared.contains)
                let undeclared = declared.isEmpty || missing.isEmpty ? nil : (declared, missing)
                let gathered = Targets(list)
                let renamed = Self.renamedIDs(of: targets, schemas: schemas, documents: documents)
                byTargets[targets] = (gathered, renamed, undeclared)
                cache[ObjectIdentifier(field)] = Field(targets: gathered, noun: noun, renamed: renamed, undeclared: reference.whenDeclared ? undeclared : nil)
            }
        }
    }

    /// How `o`'s value matched when that is a problem (`.none` also when it is
    /// missing); nil when it names an id, or need not.
    private func unresolved(_ o: DocumentWalk.Occurrence, in targets: Targets, _ reference: Reference) -> Match? {
        if reference.whenDeclared, targets.ids.isEmpty { return nil }
        guard let value = o.value else { return Match.none }
        let match = targets.match(value)
        if case .exact = match { return nil }
        return match
    }

    /// The message for `o` if it names nothing (or is missing where it is required), and
    /// the existing id it is one or two edits from.
    func problem(with o: DocumentWalk.Occurrence, budget: inout Int) -> (message: String, near: String?)? {
        guard let reference = o.schema.reference, let field = cache[ObjectIdentifier(o.schema)],
              let match = unresolved(o, in: field.targets, reference) else { return nil }
        let (targets, noun) = (field.targets, field.noun)
        guard let value = o.value else {
            return ("\(o.owner.label) gives no `\(o.field)`; it must name \(noun)", nil)
        }
        var message = "`\(o.field)` of \(o.owner.label) names '\(clip(value))', which is not \(noun)"
        if case .lookalike(let i) = match {
            let id = targets.ids[i]
            // The did-you-mean would show two strings that look the same.
            message += "; the id '\(clip(id))' looks the same but is written with other Unicode code points"
                + " (such as an accent composed in one and decomposed in the other): write both alike"
            return (message, id)
        }
        if let name = Self.entityName(in: value), case .exact = targets.match(name) {
            message += "; it is a Backstage entity reference, and this field takes an id: did you mean '\(clip(name))'?"
            return (message, name)
        }
        // A value written as an id already (`sys-1005x`, nearly every dangling one) is
        // neither an id in other words nor, likely, an item's name.
        let asID = Self.isSlug(value)
        if let near = Self.suggestion(for: value, slug: asID ? nil : Self.slug(Self.handle(value)), among: targets.candidates, budget: &budget) {
            message += "; did you mean '\(clip(near))'?" + Self.unseenNote(in: value, notIn: near)
            return (message, near)
        }
        if !asID, let (id, path, called) = idNamed(value, among: reference.targets.map(\.value)) {
            message += "; it is the \(called) of \(Self.itemNoun(of: path)) '\(clip(id))', and a reference names the id: write '\(clip(id))'"
            return (message, id)
        }
        if !asID, let (id, path, name, called) = idWhoseNameHolds(value, among: reference.targets.map(\.value)) {
            message += "; it is part of the \(called) of \(Self.itemNoun(of: path)) '\(clip(id))' (\(clip(name))), and a reference names the id: write '\(clip(id))'"
            return (message, id)
        }
        if let (written, name) = field.renamed[value] {
            message += "; it is an id under `\(clip(written))`, which stratlint reads only as `\(name)`: rename that key"
        } else if let (declared, missing) = field.undeclared {
            // `teams: [...]` declared for the systems' owners, and a goal owned by a person.
            message += "; the model declares \(Self.fieldList(declared)) but no \(Self.fieldList(missing, joinedBy: "or")): "
                + "if '\(clip(value))' is one of the \(missing[0]), list it under `\(missing[0]):`"
        }
        return (message, nil)
    }

    /// The characters of `value` that do not show, or pass for ASCII ones, and are not in
    /// `near` (a no-break or zero-width space, an en dash, a curly quote, as text pasted
    /// from a word processor or a web page holds them), named: the did-you-mean would
    /// otherwise show two strings that look alike. nil when there are none.
    static func unseen(in value: String, notIn near: String) -> String? {
        var named: [String] = []
        for c in value.unicodeScalars where !c.isASCII && !near.unicodeScalars.contains(c) {
            switch c.properties.generalCategory {
            case .format, .spaceSeparator, .control, .dashPunctuation, .initialPunctuation, .finalPunctuation:
                let hex = String(c.value, radix: 16, uppercase: true)
                let name = "U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)" + (c.properties.name.map { " \($0)" } ?? "")
                if !named.contains(name) { named.append(name) }
            default: continue
            }
            if named.count == 3 { break }
        }
        guard !named.isEmpty else { return nil }
        return "it holds \(named.joined(separator: ", ")), which "
            + (named.count == 1 ? "passes for an ASCII character or does not show" : "pass for ASCII characters or do not show")
    }

    /// ``unseen(in:notIn:)`` as a did-you-mean's last words, ` (it holds …)`; empty when
    /// there is nothing to name.
    static func unseenNote(in value: String, notIn near: String) -> String {
        unseen(in: value, notIn: near).map { " (\($0))" } ?? ""
    }

    /// `teams`, `teams` and `people`: field names as a message lists them.
    private static func fieldList(_ names: [String], joinedBy word: String = "and") -> String {
        let quoted = names.map { "`\($0)`" }
        return quoted.count < 2 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " \(word) " + (quoted.last ?? "")
    }

    /// The ids at each of `targets` with one field on the way written by one of its
    /// synonyms (`Strategy.objectives.id` for `Strategy.goals.id`), with the name written
    /// and the field's; the first found wins.
    private static func renamedIDs(of targets: [String], schemas: [KindSchema], documents: [String: ListValue]) -> [String: (written: String, field: String)] {
        var found: [String: (written: String, field: String)] = [:]
        for target in targets {
            let parts = target.split(separator: ".").map(String.init)
            guard parts.count >= 3, var field = schemas.first(where: { $0.kind.value == parts[0] })?.root else { continue }
            for k in 1..<(parts.count - 1) {
                guard let child = field.field(parts[k]) else { break }
                for synonym in child.synonyms {
                    var path = parts
                    path[k] = synonym
                    for id in strings(at: path.joined(separator: "."), in: documents) where found[id] == nil { found[id] = (synonym, parts[k]) }
                }
                field = child
            }
        }
        return found
    }

    /// The id of the target item whose `name` (else `title`) is `value` (`Salesforce CRM`
    /// for the system `crm`, `Grow online revenue` for a goal), in any case, and which of
    /// the two it is.
    private func idNamed(_ value: String, among paths: [String]) -> (id: String, path: String, field: String)? {
        let wanted = value.lowercased()
        for path in paths where path.hasSuffix(".id") {
            let entry = names.entry(at: path)
            if let i = entry.byName[wanted] { return (entry.items[i].id, path, entry.items[i].field) }
        }
        return nil
    }

    /// The id of the one target item whose `name` (else `title`) holds every word of
    /// `value`, in any case (`Salesforce` for the system `crm` named `Salesforce Sales
    /// Cloud`, `SAP` for `SAP S/4HANA`), with that name; nil when no item's name does, or
    /// several items' do.
    private func idWhoseNameHolds(_ value: String, among paths: [String]) -> (id: String, path: String, name: String, field: String)? {
        let words = ValueWords.words(value)
        guard !words.isEmpty, words.count <= 6 else { return nil }
        var found: (id: String, path: String, name: String, field: String)?
        for path in paths where path.hasSuffix(".id") {
            let index = names.entry(at: path)
            // The items of the rarest word, each asked for the others: a word many names
            // share (`system`) names no one item, and is not searched through.
            guard let rarest = words.map({ index.byWord[$0] ?? [] }).min(by: { $0.count < $1.count }), rarest.count <= 64 else { continue }
            for i in rarest {
                let item = index.items[i]
                let held = Set(ValueWords.words(item.name))
                guard words.allSatisfy(held.contains) else { continue }
                if let f = found, f.id != item.id { return nil }
                found = (item.id, path, item.name, item.field)
            }
        }
        return found
    }

    /// Items' ids by name, per target path: gathered once, on the first dangling value
    /// that needs them, by whichever walk asks first.
    private final class NameIndex: @unchecked Sendable {
        private let documents: [String: ListValue]
        /// Per target path, the items that are called something, each by what it is
        /// called in lower case (the first of that name) and by each word of it.
        struct Entry {
            var items: [(id: String, name: String, field: String)] = []
            var byName: [String: Int] = [:]
            var byWord: [String: [Int]] = [:]
        }
        private var byPath: [String: Entry] = [:]
        private let lock = NSLock()

        init(_ documents: [String: ListValue]) { self.documents = documents }

        /// What an item is called: its `name`, else its `title` (goals and initiatives
        /// have titles), and which of the two it is.
        static func called(_ holder: MapValue?) -> (text: String, field: String)? {
            for field in ["name", "title"] {
                if case .string(let text)? = holder?.value(forField: field) { return (text, field) }
            }
            return nil
        }

        func entry(at path: String) -> Entry {
            lock.lock()
            defer { lock.unlock() }
            if let known = byPath[path] { return known }
            var entry = Entry()
            for item in ReferenceResolver.values(at: path, in: documents) {
                guard case .string(let id) = item.value, let (name, field) = Self.called(item.holder) else { continue }
                let i = entry.items.count
                entry.items.append((id, name, field))
                if entry.byName[name.lowercased()] == nil { entry.byName[name.lowercased()] = i }
                for word in Set(ValueWords.words(name)) { entry.byWord[word, default: []].append(i) }
            }
            byPath[path] = entry
            return entry
        }
    }

    /// The name in a Backstage entity reference, `[kind:][namespace/]name`, when `value`
    /// is written as one with a kind (`component:default/webshop`, `group:it-ops`): read
    /// as the rules' `entityRef` reads it, so in lower case, as Backstage compares names.
    static func entityName(in value: String) -> String? {
        guard let colon = value.firstIndex(of: ":"), value[..<colon].allSatisfy({ $0.isASCII && $0.isLetter }),
              case .string(let ref) = FunctionTable.entityRef(parsing: value, defaultKind: .null, defaultNamespace: .null),
              let slash = ref.lastIndex(of: "/") else { return nil }
        return String(ref[ref.index(after: slash)...])
    }

    /// Whether `o` names nothing (or is missing where it is required): what
    /// ``problem(with:budget:)`` reports, without its words or its search.
    func namesNothing(_ o: DocumentWalk.Occurrence) -> Bool {
        guard let reference = o.schema.reference, let known = cache[ObjectIdentifier(o.schema)]?.targets else { return false }
        return unresolved(o, in: known, reference) != nil
    }

    /// A value at a reference target's path, where it is written and the map that holds
    /// it (the goal whose `id` it is).
    package struct TargetValue {
        package var value: Value
        package var range: SourceRange?
        package var holder: MapValue?
    }

    /// The values at `path` (`Strategy.goals.id`) in every document of its kind; lists on
    /// the way are walked. The check gathers ids with it, the language server their places.
    package static func values(at path: String, in documents: [String: ListValue]) -> [TargetValue] {
        let parts = path.split(separator: ".").map(String.init)
        guard let list = parts.first.flatMap({ documents[$0] }) else { return [] }
        var level = list.items.indices.map { TargetValue(value: list.items[$0], range: list.range(at: $0), holder: nil) }
        for field in parts.dropFirst() {
            var next: [TargetValue] = []
            func member(of m: MapValue) {
                if let i = m.index(ofField: field) { next.append(TargetValue(value: m.values[i], range: m.range(at: i), holder: m)) }
            }
            for v in level {
                switch v.value {
                case .map(let m): member(of: m)
                case .list(let l): for case .map(let m) in l.items { member(of: m) }
                default: break
                }
            }
            level = next
        }
        return level
    }

    /// The strings at `path`: a string, or each string of a list.
    private static func strings(at path: String, in documents: [String: ListValue]) -> [String] {
        var list: [String] = []
        for v in values(at: path, in: documents) {
            switch v.value {
            case .string(let s): list.append(s)
            case .list(let l): for case .string(let s) in l.items { list.append(s) }
            default: break
            }
        }
        return list
    }

    /// The nearest candidate within one or two edits, while the budget lasts: every
    /// candidate looked at costs one, every distance computed its length product.
    /// `slug` is the value as an id is written (``slug(_:)``), when it is not so
    /// written already; an id that is it comes first.
    private static func suggestion(for value: String, slug: [UInt8]?, among candidates: [(id: String, scalars: [Unicode.Scalar])], budget: inout Int) -> String? {
        let scalars = Array(value.unicodeScalars), length = scalars.count
        guard length <= 64 else { return nil }
        let limit = length <= 4 ? 1 : 2
        var best: (String, Int)?
        // The id written as people write names (`CRM`, `Platform Team`, `jane.doe@acme.com`,
        // `@acme/platform-team`) is nearer than any edit: ids are compared as written.
        if let wanted = slug, !wanted.isEmpty {
            for c in candidates {
                budget -= 1
                guard budget > 0 else { return nil }
                if Self.slug(of: c.id, is: wanted) { return c.id }
            }
        }
        for c in candidates {
            budget -= 1
            guard budget > 0 else { return nil }
            guard abs(c.scalars.count - length) <= limit else { continue }
            budget -= c.scalars.count * length
            if let d = EditDistance.between(scalars, c.scalars, limit: limit), d < (best?.1 ?? Int.max) { best = (c.id, d) }
        }
        return best?.0
    }

    /// The name in a handle: a GitHub team's after its organisation (`@acme/platform`),
    /// an address's local part (`jane.doe@acme.com`); else `value`.
    static func handle(_ value: String) -> Substring {
        let u = value.utf8
        if u.first == UInt8(ascii: "@"), let slash = u.lastIndex(of: UInt8(ascii: "/")) { return value[u.index(after: slash)...] }
        if let at = u.firstIndex(of: UInt8(ascii: "@")), at != u.startIndex { return value[..<at] }
        return value[...]
    }

    /// Whether `text` is its own ``slug(_:)`` (lower-case ASCII letters and digits,
    /// single `-` between them), as nearly every id is.
    static func isSlug(_ text: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "-")
        for b in text.utf8 {
            guard slugByte(b) == b || (b == UInt8(ascii: "-") && previous != b) else { return false }
            previous = b
        }
        return previous != UInt8(ascii: "-")
    }

    /// An ASCII byte as a slug has it: a letter in lower case, a digit; nil for any
    /// other byte (a gap).
    private static func slugByte(_ b: UInt8) -> UInt8? {
        let lower = (0x41...0x5A).contains(b) ? b | 0x20 : b
        return (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) ? lower : nil
    }

    /// `text` as an id is usually written, in UTF-8: lower case, and every run of other
    /// characters than letters and digits one `-` (`Jane Doe`, `jane.doe` and
    /// `jane_doe` are `jane-doe`).
    static func slug(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = [], gap = false
        func add(_ bytes: some Sequence<UInt8>) {
            if gap, !out.isEmpty { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: bytes)
            gap = false
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in text.utf8 {
                if let lower = slugByte(b) { add(CollectionOfOne(lower)) } else { gap = true }
            }
            return out
        }
        for c in text.lowercased().unicodeScalars {
            if c.properties.isAlphabetic || ("0"..."9").contains(c) { add(String(c).utf8) } else { gap = true }
        }
        return out
    }

    /// Whether `id`'s ``slug(_:)`` is `wanted`: an ASCII id (nearly every one) is
    /// compared a byte at a time and left at its first difference, as each candidate of
    /// a large inventory is.
    static func slug(of id: String, is wanted: [UInt8]) -> Bool {
        var i = 0, gap = false
        for b in id.utf8 {
            guard b < 0x80 else { return slug(id[...]) == wanted }
            guard let lower = slugByte(b) else {
                gap = true
                continue
            }
            if gap, i > 0 {
                guard i < wanted.count, wanted[i] == UInt8(ascii: "-") else { return false }
                i += 1
            }
            gap = false
            guard i < wanted.count, wanted[i] == lower else { return false }
            i += 1
        }
        return i == wanted.count
    }

    /// "a goal" for `Strategy.goals.id`, "a system" for `Inventory.systems.id`.
    static func noun(of path: String) -> String {
        Naming.withArticle(itemNoun(of: path))
    }

    /// "goal" for `Strategy.goals.id`, "system" for `Inventory.systems.id`.
    static func itemNoun(of path: String) -> String {
        let parts = path.split(separator: ".")
        return Naming.itemNoun(parts.count >= 2 ? String(parts[1]) : path)
    }
}
