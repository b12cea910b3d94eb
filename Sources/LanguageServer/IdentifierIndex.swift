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
                let paths = reference.targets.map(\.value).filter(Self.isPath)
                targets.formUnion(paths)
                fieldTargets[kind, default: [:]][field.name, default: []] += paths
            }
        }
        for target in targets.sorted() { declare(target, in: documents) }
        for (kind, schema) in schemas.sorted(by: { $0.key < $1.key }) {
            guard let list = documents[kind] else { continue }
            for (i, doc) in list.items.enumerated() where budget > 0 {
                walk(doc, range: list.range(at: i), schema.root)
            }
        }
    }

    /// `Strategy.goals.id`, not prose ("Backstage catalog entities").
    static func isPath(_ target: String) -> Bool {
        let parts = target.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && !$0.contains(" ") }
    }

    /// The string values at `target` with their positions; lists on the way are walked.
    private mutating func declare(_ target: String, in documents: [String: ListValue]) {
        let parts = target.split(separator: ".").map(String.init)
        guard let list = documents[parts[0]] else { return }
        var level: [(Value, SourceRange?, MapValue?)] = list.items.indices.map { (list.items[$0], list.range(at: $0), nil) }
        for field in parts.dropFirst() {
            var next: [(Value, SourceRange?, MapValue?)] = []
            for (value, _, _) in level {
                budget -= 1
                guard budget > 0 else { return }
                switch value {
                case .map(let m):
                    if let i = m.index(ofField: field) { next.append((m.values[i], m.range(at: i), m)) }
                case .list(let l):
                    for case .map(let m) in l.items {
                        if let i = m.index(ofField: field) { next.append((m.values[i], m.range(at: i), m)) }
                    }
                default:
                    break
                }
            }
            level = next
        }
        for (value, range, holder) in level {
            switch value {
            case .string(let id):
                if let range { declarations[target, default: [:]][id, default: []].append(Declaration(range: range, holder: holder)) }
            case .list(let l):
                // A list of names (`teams: [sales, ops]`): each is declared where it stands.
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
                    let targets = reference.targets.map(\.value).filter(Self.isPath)
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
        targets.flatMap { declarations[$0]?[id] ?? [] }
    }

    /// Every declared id of `targets`, sorted.
    func ids(of targets: [String]) -> [String] {
        Set(targets.flatMap { declarations[$0].map { Array($0.keys) } ?? [] }).sorted()
    }

    /// The use or declaration at `position` of file `file`: its id, targets and range.
    func symbol(at position: SourcePosition, in file: FileID) -> (id: String, targets: [String], range: SourceRange)? {
        if let use = uses.first(where: { $0.range.file == file && Self.contains($0.range, position) }) { return (use.id, use.targets, use.range) }
        for (target, ids) in declarations.sorted(by: { $0.key < $1.key }) {
            for (id, places) in ids {
                if let place = places.first(where: { $0.range.file == file && Self.contains($0.range, position) }) { return (id, [target], place.range) }
            }
        }
        return nil
    }

    /// The uses of `id` at any of `targets`.
    func uses(of id: String, targets: [String]) -> [Use] {
        uses.filter { $0.id == id && !Set($0.targets).isDisjoint(with: targets) }
    }

    static func contains(_ range: SourceRange, _ p: SourcePosition) -> Bool {
        range.start <= p && p <= range.end
    }
}
