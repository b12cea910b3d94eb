import Engine
import RuleCompiler
import RuleLanguage
import YAML

/// Where each id is declared and where it is named, from the model schema's declared
/// references (`references: { to: Strategy.goals.id }`): the goal ids in `supports`,
/// system ids in `systems`, `from` and `to`, KPI goals, owners. What go-to-definition,
/// find-references, hover on an id and completion read.
struct IdentifierIndex {
    /// An id as written where it is declared, with the map that holds it (the goal).
    struct Declaration {
        var range: SourceRange
        var holder: MapValue?
    }

    /// A value of a referencing field.
    struct Use {
        var id: String
        var range: SourceRange
        /// The reference targets (`Strategy.goals.id`) of its field.
        var targets: [String]
        var field: String
    }

    /// By target path, then id.
    private(set) var declarations: [String: [String: [Declaration]]] = [:]
    /// Backstage entities by `kind:namespace/name`, lower case.
    private(set) var entities: [String: [Declaration]] = [:]
    private(set) var uses: [Use] = []
    /// Referencing field names and their targets, by kind (for completion while a
    /// document is being typed and cannot be read).
    private(set) var fieldTargets: [String: [String: [String]]] = [:]

    /// Walks at most this many values: an index, like any loop input lengthens, has a limit.
    static let maxValues = 5_000_000
    private var budget = maxValues

    init(documents: [String: ListValue], schemas: [String: KindSchema]) {
        var targets = Set<String>()
        for (kind, schema) in schemas.sorted(by: { $0.key < $1.key }) {
            var pending = [schema.root]
            while let field = pending.popLast() {
                pending += field.fields
                guard let reference = field.reference else { continue }
                let paths = Self.targets(of: reference)
                targets.formUnion(paths.filter(Self.isPath))
                fieldTargets[kind, default: [:]][field.name, default: []] += paths
            }
        }
        for target in targets.sorted() { declare(target, in: documents) }
        declareEntities(in: documents)
        for (kind, schema) in schemas.sorted(by: { $0.key < $1.key }) {
            guard let list = documents[kind] else { continue }
            for (i, doc) in list.items.enumerated() where budget > 0 {
                walk(doc, range: list.range(at: i), schema.root)
            }
        }
    }

    /// A reference's targets as the index keys them: paths (`Strategy.goals.id`), and
    /// Backstage entities as `entity:` with the kinds a reference without one may mean
    /// (`entity:group,user` for "Group or User entities"; `entity:component` for
    /// "Backstage catalog entities (component by default)"; `entity:` for any kind).
    static func targets(of reference: Reference) -> [String] {
        reference.targets.map(\.value).compactMap { target in
            if isPath(target) { return target }
            let lower = target.lowercased()
            guard lower.contains("entities") else { return nil }
            if let open = lower.range(of: "("), let by = lower.range(of: " by default") {
                return "entity:" + lower[open.upperBound..<by.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            let kinds = lower.components(separatedBy: " entities").first ?? ""
            guard !kinds.hasPrefix("entities"), !kinds.isEmpty else { return "entity:" }
            return "entity:" + kinds.components(separatedBy: " or ").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
        }
    }

    /// Backstage entities, by `kind:namespace/name` in lower case (references are
    /// case-insensitive): the position of `metadata.name`, the entity's `metadata` held.
    private mutating func declareEntities(in documents: [String: ListValue]) {
        for (kind, list) in documents.sorted(by: { $0.key < $1.key }) {
            for doc in list.items {
                budget -= 1
                guard budget > 0 else { return }
                guard case .map(let m) = doc, case .string(let api)? = m.value(forField: "apiVersion"), api.contains("backstage.io/"),
                      let i = m.index(ofField: "metadata"), case .map(let meta) = m.values[i], let n = meta.index(ofField: "name"),
                      let range = meta.range(at: n),
                      case .string(let key) = FunctionTable.canonicalRef(kind: .string(kind), namespace: meta.value(forField: "namespace"), name: meta.values[n])
                else { continue }
                entities[key, default: []].append(Declaration(range: range, holder: meta))
            }
        }
    }

    /// The entities a Backstage reference (`[kind:][namespace/]name`, read as the rules'
    /// `entityRef` reads it) may name under the target `entity:KINDS`.
    func entityDeclarations(of ref: String, target: String) -> [Declaration] {
        func key(_ defaultKind: Value) -> String? {
            if case .string(let key) = FunctionTable.entityRef(parsing: ref, defaultKind: defaultKind, defaultNamespace: .null) { return key }
            return nil
        }
        // A kind written in the reference.
        if let written = key(.null) { return entities[written] ?? [] }
        let allowed = target.dropFirst("entity:".count).split(separator: ",").map(String.init)
        guard allowed.isEmpty else { return allowed.flatMap { key(.string($0)).flatMap { entities[$0] } ?? [] } }
        // Any kind: every entity of that namespace and name.
        guard let probe = key(.string("any")), let colon = probe.firstIndex(of: ":") else { return [] }
        let suffix = probe[colon...]
        return entities.keys.sorted().filter { $0.hasSuffix(suffix) }.flatMap { entities[$0] ?? [] }
    }

    /// `Strategy.goals.id`, not prose ("Backstage catalog entities").
    static func isPath(_ target: String) -> Bool {
        let parts = target.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && !$0.contains(" ") }
    }

    /// The ids at `target` with their positions (``ReferenceResolver/values(at:in:)``, as
    /// the check gathers them): a string, or each string of a list (`teams: [sales, ops]`).
    private mutating func declare(_ target: String, in documents: [String: ListValue]) {
        for v in ReferenceResolver.values(at: target, in: documents) {
            switch v.value {
            case .string(let id):
                if let range = v.range { declarations[target, default: [:]][id, default: []].append(Declaration(range: range, holder: v.holder)) }
            case .list(let l):
                for (j, item) in l.items.enumerated() {
                    if case .string(let id) = item, let r = l.range(at: j) {
                        declarations[target, default: [:]][id, default: []].append(Declaration(range: r, holder: nil))
                    }
                }
            default:
                break
            }
        }
    }

    /// Records the referencing values of a document, field by field as the schema says.
    private mutating func walk(_ value: Value, range: SourceRange?, _ field: FieldSchema) {
        budget -= 1
        guard budget > 0 else { return }
        switch value {
        case .map(let m) where field.hasFields:
            for (i, key) in m.keys.enumerated() {
                guard case .string(let name) = key, let f = field.field(name) else { continue }
                if let reference = f.reference {
                    let targets = Self.targets(of: reference)
                    switch m.values[i] {
                    case .string(let id):
                        if let r = m.range(at: i) { uses.append(Use(id: id, range: r, targets: targets, field: f.name)) }
                    case .list(let l):
                        for (j, item) in l.items.enumerated() {
                            if case .string(let id) = item, let r = l.range(at: j) { uses.append(Use(id: id, range: r, targets: targets, field: f.name)) }
                        }
                    default:
                        break
                    }
                }
                walk(m.values[i], range: m.range(at: i), f)
            }
        case .list(let l):
            for (j, item) in l.items.enumerated() { walk(item, range: l.range(at: j), field) }
        default:
            break
        }
    }

    /// The declarations an id named at `targets` has.
    func declarations(of id: String, targets: [String]) -> [Declaration] {
        targets.flatMap { $0.hasPrefix("entity:") ? entityDeclarations(of: id, target: $0) : declarations[$0]?[id] ?? [] }
    }

    /// Every declared id of `targets`, sorted; an entity as a reference to it is
    /// written (`team-shop` where the field's first kind is the default, else
    /// `user:jane.doe`; the namespace only when it is not `default`).
    func ids(of targets: [String]) -> [String] {
        var ids = Set<String>()
        for target in targets {
            guard target.hasPrefix("entity:") else {
                ids.formUnion(declarations[target].map { Array($0.keys) } ?? [])
                continue
            }
            let kinds = target.dropFirst("entity:".count).split(separator: ",").map(String.init)
            for key in entities.keys {
                guard let colon = key.firstIndex(of: ":") else { continue }
                let kind = String(key[..<colon])
                guard kinds.isEmpty || kinds.contains(kind) else { continue }
                var name = String(key[key.index(after: colon)...])
                if name.hasPrefix("default/") { name.removeFirst("default/".count) }
                ids.insert(kind == kinds.first ? name : "\(kind):\(name)")
            }
        }
        return ids.sorted()
    }

    /// The use or declaration at `position` of file `file`: its id, targets and range.
    func symbol(at position: SourcePosition, in file: FileID) -> (id: String, targets: [String], range: SourceRange)? {
        if let use = uses.first(where: { $0.range.file == file && Self.contains($0.range, position) }) { return (use.id, use.targets, use.range) }
        for (key, places) in entities.sorted(by: { $0.key < $1.key }) {
            if let place = places.first(where: { $0.range.file == file && Self.contains($0.range, position) }) { return (key, ["entity:"], place.range) }
        }
        for (target, ids) in declarations.sorted(by: { $0.key < $1.key }) {
            for (id, places) in ids {
                if let place = places.first(where: { $0.range.file == file && Self.contains($0.range, position) }) { return (id, [target], place.range) }
            }
        }
        return nil
    }

    /// The uses of `id` at any of `targets`; for an entity, every reference that names it.
    func uses(of id: String, targets: [String]) -> [Use] {
        let declared = declarations(of: id, targets: targets).map(\.range)
        return uses.filter { use in
            if use.targets.contains(where: { $0.hasPrefix("entity:") }) {
                return !declared.isEmpty && declarations(of: use.id, targets: use.targets).contains { declared.contains($0.range) }
            }
            return use.id == id && !Set(use.targets).isDisjoint(with: targets)
        }
    }

    static func contains(_ range: SourceRange, _ p: SourcePosition) -> Bool {
        range.start <= p && p <= range.end
    }
}
