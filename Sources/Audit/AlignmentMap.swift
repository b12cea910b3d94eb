import Engine
import RuleCompiler
import RuleLanguage
import YAML

/// The alignment map: goals → initiatives → systems, and the integrations between
/// systems, with what is wrong marked on it. `stratlint graph` draws it, and the HTML
/// audit shows it.
public struct AlignmentMap: Sendable, Hashable {
    public enum Layer: Int, Sendable, Hashable, CaseIterable {
        case goal, initiative, system

        /// `goal`, `initiative`, `system`: without the reflection string interpolation of
        /// an enum costs (keys are made for every node and reference).
        public var name: String {
            switch self {
            case .goal: return "goal"
            case .initiative: return "initiative"
            case .system: return "system"
            }
        }
    }

    /// What is wrong with a node.
    public enum Mark: String, Sendable, Hashable {
        /// A goal no initiative (and no system) supports.
        case unsupported
        /// An initiative that supports no existing goal (technology first).
        case noGoal = "no-goal"
        /// An active system that supports no goal and that no initiative lists.
        case orphan
        /// An id something refers to that no document defines.
        case missing
    }

    public struct Node: Sendable, Hashable {
        public var layer: Layer
        public var id: String
        /// The title or name, when the document gives one.
        public var label: String?
        public var mark: Mark?
        /// Why it is drawn greyed: a system's lifecycle when it is not active (planned,
        /// retiring, retired, or the word written) or `external`, an initiative's `dropped`.
        public var inactive: String?
        /// For systems: `role: run`, keeping the business running; needs no goal, so it
        /// is never an orphan (as for the rule `orphan-system`).
        public var runsTheBusiness = false
        /// A key unique across layers: `goal:ID`, `initiative:ID`, `system:ID`.
        public var key: String { layer.name + ":" + id }
    }

    public enum EdgeKind: String, Sendable, Hashable {
        /// initiative → goal it supports, drawn goal → initiative.
        case supports
        /// initiative → system it lists, drawn initiative → system.
        case uses
        /// system → goal it supports directly, drawn goal → system.
        case supportsDirectly
        /// integration between two systems, `from` → `to`.
        case integration
    }

    public struct Edge: Sendable, Hashable {
        public var from: String
        public var to: String
        public var kind: EdgeKind
        /// For integrations: `via` (api, file, manual, …).
        public var label: String?
        /// The reference names an id that does not exist.
        public var dangling = false
    }

    /// In layer order, then document order.
    public var nodes: [Node] = []
    /// In document order.
    public var edges: [Edge] = []

    /// The map of a check's documents, its systems marked orphans where the check's
    /// `orphan-system` findings are (what `graph` and the audit draw).
    public init(checked result: CheckResult) {
        let orphans = result.report.findings.filter { $0.ruleID == "orphan-system" }.compactMap(\.range)
        self.init(result.workspace, orphans: Set(orphans), schemas: result.program.schemas)
    }

    /// The map of the Strategy and Inventory documents of `workspace`. `orphans` are the
    /// places of the `orphan-system` findings: given them, a system is marked an orphan
    /// exactly where the rule found one (one definition, backstage links and `role: run`
    /// included); without them, by the map's own reading of the documents. `schemas`
    /// spell the words the map reads as the rules read them (`lifecycle: Production` is
    /// `active`, `status: cancelled` is `dropped`); without them, as written.
    public init(_ workspace: Workspace, orphans: Set<SourceRange>? = nil, schemas: [String: KindSchema] = [:]) {
        func schema(_ kind: String, _ list: String, _ field: String) -> FieldSchema? {
            schemas[kind]?.root.field(list)?.field(field)
        }
        let lifecycleField = schema("Inventory", "systems", "lifecycle"), roleField = schema("Inventory", "systems", "role")
        let statusField = schema("Strategy", "initiatives", "status")
        /// `text` as the schema spells it, when it is one of its values or their aliases.
        func spelt(_ text: String?, _ field: FieldSchema?) -> String? {
            guard let text, let field, case .usual(let value) = field.spelling(of: text) else { return text }
            return value
        }
        func maps(_ kind: String, _ field: String) -> [MapValue] {
            (workspace.documents[kind] ?? .empty).items.flatMap { doc -> [MapValue] in
                guard case .map(let m) = doc, case .list(let l)? = m.value(forField: field) else { return [] }
                return l.items.compactMap { if case .map(let item) = $0 { return item } else { return nil } }
            }
        }
        func text(_ m: MapValue, _ field: String) -> String? {
            if case .string(let s)? = m.value(forField: field), !s.isEmpty { return s }
            return nil
        }
        // A list of ids, as the rules read it: `supports: grow-sales` (a text where a list is
        // wanted) is `wrong-type`, read as absent, and is no link here either, or the map
        // would draw what the metrics beside it do not count.
        func ids(_ m: MapValue, _ field: String) -> [String] {
            guard case .list(let l)? = m.value(forField: field) else { return [] }
            return l.items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        var index: [String: Int] = [:]
        func add(_ node: Node) {
            guard index[node.key] == nil else { return }
            index[node.key] = nodes.count
            nodes.append(node)
        }
        let goals = maps("Strategy", "goals"), initiatives = maps("Strategy", "initiatives")
        let systems = maps("Inventory", "systems"), integrations = maps("Inventory", "integrations")
        for g in goals { if let id = text(g, "id") { add(Node(layer: .goal, id: id, label: text(g, "title"))) } }
        // A dropped initiative is drawn, greyed; the rules leave it alone, and so do the marks.
        for i in initiatives {
            guard let id = text(i, "id") else { continue }
            add(Node(layer: .initiative, id: id, label: text(i, "title"), inactive: spelt(text(i, "status"), statusField) == "dropped" ? "dropped" : nil))
        }
        var idRanges: [String: SourceRange] = [:]
        for s in systems {
            guard let id = text(s, "id") else { continue }
            if let i = s.index(ofField: "id"), let range = s.range(at: i) { idRanges[Node(layer: .system, id: id).key] = range }
            let lifecycle = spelt(text(s, "lifecycle"), lifecycleField)
            var node = Node(layer: .system, id: id, label: text(s, "name"), inactive: lifecycle == "active" ? nil : lifecycle)
            // Another organisation's system, which integrations name: drawn, never an orphan.
            if case .bool(true)? = s.value(forField: "external") { node.inactive = "external" }
            node.runsTheBusiness = spelt(text(s, "role"), roleField) == "run"
            add(node)
        }
        // Edges, with a `missing` node for each id referred to but not defined.
        func refer(_ layer: Layer, _ id: String) -> (key: String, dangling: Bool) {
            let key = Node(layer: layer, id: id).key
            if let i = index[key], nodes[i].mark != .missing { return (key, false) }
            add(Node(layer: layer, id: id, mark: .missing))
            return (key, true)
        }
        var supported: Set<String> = [], used: Set<String> = [], aligned: Set<String> = []
        for i in initiatives {
            guard let id = text(i, "id") else { continue }
            let me = Node(layer: .initiative, id: id).key
            let pursued = index[me].map { nodes[$0].inactive == nil } ?? true
            for goal in ids(i, "supports") {
                let (key, dangling) = refer(.goal, goal)
                edges.append(Edge(from: key, to: me, kind: .supports, dangling: dangling))
                if pursued { supported.insert(key) }
                if !dangling { aligned.insert(me) }
            }
            for system in ids(i, "systems") {
                let (key, dangling) = refer(.system, system)
                edges.append(Edge(from: me, to: key, kind: .uses, dangling: dangling))
                if pursued { used.insert(key) }
            }
        }
        for s in systems {
            guard let id = text(s, "id") else { continue }
            let me = Node(layer: .system, id: id).key
            for goal in ids(s, "supports") {
                let (key, dangling) = refer(.goal, goal)
                edges.append(Edge(from: key, to: me, kind: .supportsDirectly, dangling: dangling))
                supported.insert(key)
                used.insert(me)
            }
        }
        for integration in integrations {
            guard let from = text(integration, "from"), let to = text(integration, "to") else { continue }
            let a = refer(.system, from), b = refer(.system, to)
            edges.append(Edge(from: a.key, to: b.key, kind: .integration, label: text(integration, "via"), dangling: a.dangling || b.dangling))
        }
        for i in nodes.indices where nodes[i].mark == nil {
            switch nodes[i].layer {
            case .goal where !supported.contains(nodes[i].key): nodes[i].mark = .unsupported
            case .initiative where !aligned.contains(nodes[i].key) && nodes[i].inactive == nil: nodes[i].mark = .noGoal
            case .system where orphans != nil:
                if let range = idRanges[nodes[i].key], orphans?.contains(range) == true { nodes[i].mark = .orphan }
            case .system where nodes[i].inactive == nil && !nodes[i].runsTheBusiness && !used.contains(nodes[i].key): nodes[i].mark = .orphan
            default: break
            }
        }
        // Layer order, keeping document order within a layer (a stable sort).
        nodes = Layer.allCases.flatMap { layer in nodes.filter { $0.layer == layer } }
    }
}
