import RuleCompiler
import RuleLanguage
import YAML

/// Checks every document of a kind with a schema before any rule runs (model.md,
/// "Schemas"): a value of the wrong type, a key one typo from a field, and a reference
/// that names nothing each give one finding at the value. Rules then see the documents
/// as typed: a wrong-typed value reads as absent (`security: see the register` is a
/// system with no recorded controls), so no rule meets it and fails.
public enum DocumentCheck {
    /// A list of this many maps or more is walked in parts on every core.
    public static let longList = 512

    /// The fix's last words for a reference to nothing when some files could not be
    /// parsed: the id may be defined in one of them (the error is the thing to fix, and
    /// this finding may go with it).
    static func unparsedNote(_ files: [String]) -> String? {
        guard let first = files.first else { return nil }
        if files.count == 1 {
            return "`\(clip(first))` could not be parsed, and its documents were not read: it may be defined there, so fix the parse-error first."
        }
        let shown = files.prefix(3).map { "`\(clip($0))`" }.joined(separator: ", ")
        let more = files.count > 3 ? ", …" : ""
        return "\(files.count) files could not be parsed (\(shown)\(more)), and their documents were not read: it may be defined there, so fix the parse-errors first."
    }

    /// The fix's last words for a reference to nothing when only the files named were read.
    static let onlyNamedFilesRead = "Only the files named were read: if it is defined in another file, pass `--workspace .` to look references up in the whole repository."

    /// The typed documents and the findings of the program's `check` rules. A problem
    /// whose rule is not in `program` (disabled, or not loaded) is not reported, but a
    /// wrong-typed value still reads as absent.
    /// `longList` is how many maps make a list walked in parts on every core (the
    /// result is the same whatever it is). `namedFilesOnly`: the documents are those of
    /// the files named alone (``Workspace/namedFilesOnly``), and a reference to nothing
    /// says so in its fix. `unparsed`: the YAML files that could not be parsed (their
    /// documents are not read): a reference to nothing says in its fix that it may be
    /// defined there.
    public static func run(_ program: Program, on documents: [String: ListValue], sources: SourceTable,
                           fiscalYearStart: Int? = nil, longList: Int = longList, namedFilesOnly: Bool = false,
                           unparsed: [String] = [],
                           hashComments: [HashComments.Cut] = []) -> (documents: [String: ListValue], findings: [Finding]) {
        guard !program.schemas.isEmpty else { return (documents, []) }
        // What a finding needs of its rule, taken once: a whole rule copied per problem
        // cost more than the finding on an inventory full of dangling references.
        struct Reporting {
            let id: String, pitfall: Pitfall, severity: Severity, fix: String?
            init(_ rule: CompiledRule) { (id, pitfall, severity, fix) = (rule.id, rule.pitfall, rule.severity, rule.fix) }
        }
        let rules = Dictionary(program.rules.map { ($0.id, $0.check == .references ? Reporting($0) : nil) }, uniquingKeysWith: { a, _ in a })
        let typeRule = program.rules.first { $0.check == .types }.map(Reporting.init)
        let fieldRule = program.rules.first { $0.check == .fields }.map(Reporting.init)
        let valueRule = program.rules.first { $0.check == .values }.map(Reporting.init)
        // A reference whose rule reports no reference to nothing (a `when` rule that
        // judges Backstage owners itself, or a rule not loaded) is not looked up.
        let resolver = ReferenceResolver(documents: documents, schemas: program.schemas.keys.sorted().compactMap { program.schemas[$0] },
                                         reporting: Set(rules.compactMap { $0.value == nil ? nil : $0.key }))
        let unread = unparsedNote(unparsed)
        let comments = Dictionary(hashComments.map { (SourceRange(file: $0.file, start: $0.textEnd, end: $0.textEnd), $0.comment) },
                                  uniquingKeysWith: { a, _ in a })
        // Every document of a kind with a schema, typed and checked on its own core.
        let work = program.schemas.keys.sorted().flatMap { kind in
            (documents[kind]?.items.indices).map { indices in indices.map { (kind, $0) } } ?? []
        }
        // Longest document first: a walk's time follows the lines it spans.
        let walked = ParallelMap.map(work, weight: { (kind, i) in documents[kind]?.range(at: i).map { Int($0.end.line) - Int($0.start.line) } ?? 0 }) { (kind, i) -> DocumentWalk in
            var walk = DocumentWalk(resolver: resolver, fiscalYearStart: fiscalYearStart, comments: comments)
            walk.longList = longList
            let list = documents[kind]
            let doc = list?.items[i] ?? .null
            guard let schema = program.schemas[kind] else { return walk }
            guard case .map(let m) = doc else {
                // A list in a file the configuration gives this kind (`kinds:`): the
                // document is read as an empty one, and the message says where the list goes.
                if case .list(let l) = doc {
                    let (message, collection) = ListDocuments.wrongTypeMessage(kind: kind, l, schema)
                    let range = list?.range(at: i)
                    // The list stands for that collection: "no goals" is its follow-on.
                    walk.problems.append(DocumentWalk.Problem(kind: .type, message: message, range: range, saysWhatToWrite: true,
                                                              standsFor: collection.flatMap { c in range.map { FieldInMap(map: $0, field: c) } }))
                    walk.typed = .map(MapValue(keys: [], values: []))
                    walk.changed = true
                }
                return walk
            }
            var version: String?
            if case .string(let v)? = m.value(forField: "apiVersion") { version = v }
            guard schema.applies(toAPIVersion: version) else { return walk }
            walk.document = (kind, schema.root)
            walk.typed = walk.check(doc, range: list?.range(at: i), as: schema.root, type: .map, owner: .document(kind: kind, doc))
            return walk
        }
        var findings: [Finding] = []
        // The documents a walk changed, by kind: each kind's list is made anew once, not
        // once per changed document (quadratic: 10 s for a catalog of 20,000 entities).
        var changed: [String: [(index: Int, value: Value)]] = [:]
        for ((kind, i), walk) in zip(work, walked) {
            if walk.changed { changed[kind, default: []].append((i, walk.typed)) }
            for p in walk.problems {
                let rule: Reporting?
                switch p.kind {
                case .type: rule = typeRule
                case .field: rule = fieldRule
                case .value: rule = valueRule
                case .reference(let id): rule = rules[id] ?? nil
                }
                guard let rule else { continue }
                var finding = Finding(ruleID: rule.id, pitfall: rule.pitfall, severity: rule.severity, message: p.message,
                                      fix: p.saysWhatToWrite ? nil : rule.fix, file: p.range.flatMap { sources[$0.file]?.path } ?? "", range: p.range)
                if namedFilesOnly, p.namesAValue { finding.fix = (finding.fix.map { $0 + " " } ?? "") + Self.onlyNamedFilesRead }
                if let unread, case .reference = p.kind, p.namesAValue { finding.fix = (finding.fix.map { $0 + " " } ?? "") + unread }
                finding.replacement = p.replacement
                finding.standsFor = p.standsFor
                if case .type = p.kind { finding.hidesFollowOns = true }
                findings.append(finding)
            }
        }
        var typed = documents
        for (kind, documents) in changed { typed[kind] = typed[kind]?.replacing(documents) }
        return (typed, findings)
    }
}

/// One document's walk: its typed value and what is wrong in it.
struct DocumentWalk: Sendable {
    enum Kind: Sendable {
        /// A value of the wrong type; a key one typo from a field, or a level too high;
        /// a value a closed field does not take.
        case type, field, value
        /// A reference to nothing, reported by the rule of that id.
        case reference(String)
    }
    struct Problem: Sendable {
        let kind: Kind
        let message: String
        let range: SourceRange?
        /// The text that certainly fixes it at `range` (``Finding/replacement``).
        var replacement: String?
        /// The message says what to write (`mfa: yes`: "write true"): the rule's general
        /// fix ("write lists in brackets, dates as …") is left out rather than shown beside it.
        var saysWhatToWrite = false
        /// A key that stands for a field its map lacks (``Finding/standsFor``).
        var standsFor: FieldInMap?
        /// A reference that names an id no target holds (not one that is missing).
        var namesAValue = false
        /// Set by the walk of a part of a long list: the did-you-mean search this
        /// problem waits for (``DocumentWalk/settle(_:)``).
        var pending: Pending?
    }

    /// The did-you-mean search a problem needs. Its budget is the document's, spent in
    /// the order problems are met, so the walk of a part of a long list leaves it to
    /// the document's walk, which settles the parts in order.
    enum Pending: Sendable {
        /// A key that is not a field: a problem only if a field is one typo from it.
        case field(name: String, schema: FieldSchema, owner: Owner, map: MapValue, at: SourceRange?)
        /// A reference to nothing: the message names the near id, if any.
        case reference(Occurrence)
    }

    /// A value of a field that references something (nil: the field is missing).
    struct Occurrence: Sendable {
        let value: String?
        /// The referencing field (its identity keys the resolver's cache).
        let schema: FieldSchema
        let owner: Owner
        var field: String { schema.name }
    }

    let resolver: ReferenceResolver
    /// The kind of the document walked, and its schema.
    var document: (kind: String, root: FieldSchema)?
    /// The month a fiscal year starts in (the configuration's `fiscal-year-start`).
    let fiscalYearStart: Int?
    /// Comments that start `#` and a digit, by where the text before them ends, as an
    /// empty range there (``HashComments``).
    let comments: [SourceRange: String]
    var typed: Value = .null
    var changed = false
    var problems: [Problem] = []
    /// What is left of this document's "did you mean" work (misspelt keys, references).
    var suggestionBudget = ReferenceResolver.suggestionBudget
    /// Whether this walks a part of a long list on another core: its did-you-mean
    /// searches wait for the document's walk (``Pending``), and it splits no list.
    var isPart = false
    /// How many maps make a list long (``checkInParts``).
    var longList = DocumentCheck.longList
    private var nearestCache: [NearestKey: Near?] = [:]

    init(resolver: ReferenceResolver, fiscalYearStart: Int?, comments: [SourceRange: String] = [:]) {
        self.resolver = resolver
        self.fiscalYearStart = fiscalYearStart
        self.comments = comments
    }

    /// The field an extra key is one typo from. An extra key usually repeats on every
    /// item (`vendor:` on each system), so each is searched once per schema; a search
    /// counts against the did-you-mean budget, so a file of 100,000 distinct odd keys
    /// cannot cost 100,000 searches.
    private mutating func nearest(_ name: String, in schema: FieldSchema) -> Near? {
        let key = NearestKey(schema: ObjectIdentifier(schema), name: name)
        if let known = nearestCache[key] { return known }
        suggestionBudget -= schema.fields.count * min(name.unicodeScalars.count, 64)
        guard suggestionBudget > 0 else { return nil }
        var near = EditDistance.nearest(name, among: schema.fields.map(\.name)).map(Near.field)
        if near == nil {
            // A field of a map one level down, written a level too high (`mfa:` beside a
            // system's `security:`): where exactly one such map has it.
            let holders = schema.fields.filter { $0.type.shape == .map && $0.field(name) != nil }
            if holders.count == 1 { near = .under(holders[0].name) }
        }
        nearestCache[key] = .some(near)
        return near
    }

    /// What an extra key is taken for: a field one typo away, or a field of the named
    /// map below, written at the wrong level.
    enum Near {
        case field(String)
        case under(String)
    }

    private struct NearestKey: Hashable {
        let schema: ObjectIdentifier
        let name: String
    }

    /// What a map of one shape is under one schema: each key's field (nil: not a
    /// field), and the required referencing fields it lacks. Worked out once per shape
    /// rather than once per map: a list of 1,000 systems has a handful of shapes.
    struct ShapePlan: Sendable {
        let fields: [FieldSchema?]
        let missingRequired: [FieldSchema]
        /// The keys that are another name for a field the shape lacks, by key index.
        let synonyms: [Int: FieldSchema]
    }
    /// Plans of the shapes met last (a document's maps come in few shapes, interleaved
    /// as they nest), searched by identity; the oldest is dropped past
    /// ``rememberedPlans``. The shapes are alive while the document is, so an
    /// identity is not reused during the walk.
    private var plans: [(shape: ObjectIdentifier, schema: ObjectIdentifier, plan: ShapePlan)] = []
    private var nextPlan = 0
    static let rememberedPlans = 16

    mutating func plan(of shape: MapShape, in schema: FieldSchema) -> ShapePlan {
        let (shapeID, schemaID) = (ObjectIdentifier(shape), ObjectIdentifier(schema))
        for known in plans where known.shape == shapeID && known.schema == schemaID { return known.plan }
        let fields = shape.keys.map { key -> FieldSchema? in
            guard case .string(let name) = key else { return nil }
            return schema.field(name)
        }
        var synonyms: [Int: FieldSchema] = [:]
        for (i, key) in shape.keys.enumerated() where fields[i] == nil {
            // `goals:` beside `supports:` is a field of the writer's own.
            if case .string(let name) = key, let f = schema.field(synonym: name), shape.index(ofField: f.name) == nil { synonyms[i] = f }
        }
        // A required field written by another name (`source:` for `from:`) is reported
        // once, as that name (misspelt-field), not also as missing.
        let renamed = Set(synonyms.values.map(\.name))
        let missing = schema.fields.filter { f in f.reference?.required == true && shape.index(ofField: f.name) == nil && !renamed.contains(f.name) }
        let plan = ShapePlan(fields: fields, missingRequired: missing, synonyms: synonyms)
        if plans.count < Self.rememberedPlans {
            plans.append((shapeID, schemaID, plan))
        } else {
            plans[nextPlan] = (shapeID, schemaID, plan)
            nextPlan = (nextPlan + 1) % Self.rememberedPlans
        }
        return plan
    }

    /// Checks a referencing value (or its absence) as soon as it is met; `range` is
    /// unpacked only for a problem.
    mutating func resolve(_ o: Occurrence, at range: @autoclosure () -> SourceRange?) {
        guard let reference = o.schema.reference else { return }
        if isPart {
            // Whether it names nothing costs no budget; its words and what it is near
            // are left to the document's walk.
            guard resolver.namesNothing(o) else { return }
            problems.append(Problem(kind: .reference(reference.ruleID), message: "", range: range(), pending: .reference(o)))
            return
        }
        guard let (message, near) = resolver.problem(with: o, budget: &suggestionBudget) else { return }
        var problem = Problem(kind: .reference(reference.ruleID), message: message, range: range(), replacement: near.flatMap(Self.plainScalar))
        problem.namesAValue = o.value != nil
        problems.append(problem)
    }

    /// `value` as `type` allows it: itself, or null (and a problem) when it is of
    /// another type; maps and lists are checked inside. `place` is unpacked only when
    /// it is needed: most values are fine. A field's placeholder (`owner: TBD`) is null,
    /// without a problem, so the rule that asks for the field says so (``Placeholder``);
    /// an `item` of a list (`systems: [crm, TBD]`) is left to its reference's rule.
    mutating func check(_ value: Value, range place: @autoclosure () -> SourceRange?, as field: FieldSchema, type: FieldType, owner: Owner,
                        item: Bool = false) -> Value {
        switch (type.shape, value) {
        case (.string, .string(let s)) where !field.values.isEmpty:
            switch field.spelling(of: s) {
            case .known: break
            case .usual(let spelt):
                // `hosting: SaaS` is `saas` to the rules, and `lifecycle: live` is `active`,
                // as their writers meant.
                changed = true
                return .string(spelt)
            case .unknown where !item && Placeholder.isWord(s, for: field):
                changed = true
                return .null
            case .unknown where field.closed:
                // A slip of an alias (`decomissioned`) is offered as the value it stands for.
                // `Digital transformation` names one value as a word; `IT/Digital` two.
                let words = ValueWords.named(in: s, of: field)
                var near = EditDistance.nearest(s, among: field.values + field.aliases.keys.sorted()).map { field.aliases[$0] ?? $0 }
                if near == nil, case .one(let value)? = words { near = value }
                var message = unknownValueMessage(s, field, owner, near: near)
                if case .several(let values)? = words {
                    message += "; it names \(values.map { "'\($0)'" }.joined(separator: " and ")): write the one the rules should read"
                }
                problems.append(Problem(kind: .value, message: message, range: place(), replacement: near.flatMap(Self.plainScalar)))
            case .unknown: break
            }
            return value
        case (.string, .string(let s)):
            if !item, Placeholder.isWord(s, for: field) {
                changed = true
                return .null
            }
            return value
        case (_, .null), (.any, _), (.bool, .bool), (.date, .date), (.number, .int), (.number, .uint), (.number, .double):
            return value
        case (.period, .date):
            return value
        case (.date, .string(let s)):
            if let d = Self.quotedDate(s) {
                changed = true
                return .date(d)
            }
        case (.period, .int(let y)) where (1000...9999).contains(y):
            if case .lastDay(let d)? = Period.read(String(y), fiscalYearStart: fiscalYearStart) { changed = true; return .date(d) }
        case (.period, .string(let s)):
            if let d = Self.quotedDate(s) {
                changed = true
                return .date(d)
            }
            switch Period.read(s, fiscalYearStart: fiscalYearStart) {
            case .lastDay(let d)?:
                // Rules see the period's last day.
                changed = true
                return .date(d)
            case .needsFiscalYearStart?:
                problems.append(Problem(kind: .type, message: TypeHints.fiscalYearMessage(field: field.name, owner: owner.label, text: s), range: place(),
                                        saysWhatToWrite: true))
                changed = true
                return .null
            case nil:
                break
            }
        case (.map, .map(let m)):
            return field.hasFields ? fields(of: m, at: place(), field, owner: owner) : value
        case (.list, .list(let l)):
            if !item, Placeholder.stands(value, for: field) {
                changed = true
                return .null
            }
            let itemType = type.item ?? .any
            let itemsAreMaps = itemType.allowsMap
            if itemsAreMaps, !isPart, l.items.count >= longList { return checkInParts(l, as: field, item: itemType, owner: owner) }
            return Self.replacing(checkItems(l.items.indices, of: l, as: field, item: itemType, owner: owner), in: l)
        case (.union, _):
            if let fit = type.alternatives.first(where: { $0.fits(value) }) { return check(value, range: place(), as: field, type: fit, owner: owner, item: item) }
        default:
            break
        }
        if !item, Placeholder.stands(value, for: field) {
            changed = true
            return .null
        }
        let message = TypeHints.message(field: field, owner: owner.label, value: value, expected: type, item: item)
        problems.append(Problem(kind: .type, message: message.text, range: place(), replacement: TypeHints.replacement(value, type, field: field),
                                saysWhatToWrite: message.saysWhatToWrite))
        changed = true
        return .null
    }

    /// The date a quoted `YYYY-MM-DD` names: `"2027-12-31"` is that date in JSON, in
    /// JSON Schema's `format: date` and in the editors' schemas, and a file converted
    /// from JSON quotes every one.
    static func quotedDate(_ text: String) -> CivilDate? {
        text.utf8.count == 10 ? CivilDate(iso: text) : nil
    }

    /// The message of an `unknown-value` finding: "`lifecycle` of system 'fax' is
    /// 'decommissioned', which is none of planned, …", with the value `near` it, if any.
    func unknownValueMessage(_ text: String, _ field: FieldSchema, _ owner: Owner, near: String?) -> String {
        "`\(field.name)` of \(owner.label) is '\(clip(text))', which is none of \(field.values.joined(separator: ", ")): "
            + "the rules read it as none of them"
            + (near.map { "; did you mean '\($0)'?" + ReferenceResolver.unseenNote(in: text, notIn: $0) } ?? "")
    }

    /// Walks the items `part` of `l`, each as `item`; the items it changed, by index.
    mutating func checkItems(_ part: Range<Int>, of l: ListValue, as field: FieldSchema, item: FieldType, owner: Owner) -> [(Int, Value)] {
        let itemsAreMaps = item.allowsMap
        var changed: [(Int, Value)] = []
        for i in part {
            let x = l.items[i]
            let checked = check(x, range: l.range(at: i), as: field, type: item, owner: itemsAreMaps ? .item(field, x, within: owner) : owner, item: true)
            if checked.differs(from: x) { changed.append((i, checked)) }
        }
        return changed
    }

    /// `l` with the `changed` items in their places; `l` itself when there are none.
    static func replacing(_ changed: [(Int, Value)], in l: ListValue) -> Value {
        changed.isEmpty ? .list(l) : .list(l.replacing(changed))
    }

    /// A map's fields checked against `schema`; unknown keys close to a field reported.
    private mutating func fields(of m: MapValue, at range: SourceRange?, _ schema: FieldSchema, owner: Owner) -> Value {
        let plan = self.plan(of: m.shape, in: schema)
        var values: [Value]?  // a copy, once a value changes
        // Values a comma cut short inside `{ }`, and the keys it made: the one is read as
        // absent, the others are not the writer's keys.
        let cuts = CommaCuts.find(in: m)
        var cutValues: Set<Int> = [], madeKeys: Set<Int> = []
        for cut in cuts {
            let (message, at) = CommaCuts.problem(cut, in: m, owner: owner.label)
            problems.append(Problem(kind: .type, message: message, range: at, saysWhatToWrite: true))
            if let v = cut.value { cutValues.insert(v) }
            madeKeys.formUnion(cut.keys)
        }
        // Values a `#1` comment cut short: read as absent too.
        if !comments.isEmpty {
            for i in 0..<m.count where !madeKeys.contains(i) && !cutValues.contains(i) {
                guard let (message, at) = CommentCuts.problem(m, i, schema: plan.fields[i], comments: comments, owner: owner.label) else { continue }
                problems.append(Problem(kind: .type, message: message, range: at, saysWhatToWrite: true))
                cutValues.insert(i)
            }
        }
        for (i, f) in plan.fields.enumerated() {
            if !cutValues.isEmpty || !madeKeys.isEmpty, madeKeys.contains(i) || cutValues.contains(i) {
                if cutValues.contains(i), f != nil {
                    if values == nil { values = Array(m.values) }
                    values?[i] = .null
                }
                continue
            }
            guard let f else {
                guard case .string(let name) = m.keys[i] else { continue }
                if !plan.synonyms.isEmpty, let field = plan.synonyms[i] {
                    var problem = Problem(kind: .field, message: "\(owner.label) has `\(clip(name))`, which is not a field of \(schema.mapDescription); "
                                          + "the field for it is `\(field.name)`: rename it", range: m.keyRange(at: i), replacement: Self.plainScalar(field.name))
                    problem.standsFor = range.map { FieldInMap(map: $0, field: field.name) }
                    problems.append(problem)
                } else if case .list(let items) = m.values[i], let nested = nestedCollection(name, items, in: schema, owner: owner) {
                    var problem = Problem(kind: .field, message: nested.message, range: m.keyRange(at: i))
                    // `missions` whose items hold the goals: "no goals" is its follow-on.
                    problem.standsFor = nested.standsFor.flatMap { field in range.map { FieldInMap(map: $0, field: field) } }
                    problems.append(problem)
                } else if case .map(let inner) = m.values[i], case let split = splitFields(name, inner, of: m, in: schema, owner: owner, at: range), !split.isEmpty {
                    problems += split
                } else if isPart {
                    problems.append(Problem(kind: .field, message: "", range: m.keyRange(at: i), pending: .field(name: name, schema: schema, owner: owner, map: m, at: range)))
                } else if let problem = misspelt(name, in: schema, owner: owner, at: m.keyRange(at: i), in: m, at: range) {
                    problems.append(problem)
                }
                continue
            }
            let checked = check(m.values[i], range: m.range(at: i), as: f, type: f.type, owner: owner)
            if checked.differs(from: m.values[i]) {
                if values == nil { values = Array(m.values) }
                values?[i] = checked
            }
            if let reference = f.reference { record(checked, range: m.range(at: i), field: f, reference: reference, owner: owner) }
        }
        for f in plan.missingRequired {
            resolve(Occurrence(value: nil, schema: f, owner: owner), at: range)
        }
        guard let values else { return .map(m) }
        return .map(m.replacingValues(values))
    }

    /// A model collection written inside another item, where no rule reads it: a goal's
    /// own `initiatives:` (the document's collection, written a level down), or
    /// `pillars:` whose items hold `goals:` (this map's collection, grouped under a key
    /// of the writer's), or a system's `integrations: [erp]` (ids, where the document's
    /// collection of that name links two of this map's kind). nil when the extra key
    /// `name`, holding `items`, is none of these; else the message, and the field of
    /// this map the key stands for when its items hold this map's collection.
    func nestedCollection(_ name: String, _ items: ListValue, in schema: FieldSchema, owner: Owner) -> (message: String, standsFor: String?)? {
        func collection(_ f: FieldSchema?) -> FieldSchema? {
            guard let f, f.type.listItem?.allowsMap == true, f.hasFields else { return nil }
            return f
        }
        if case .string(let other)? = items.items.first, let (kind, root) = document, schema !== root,
           let moved = collection(root.field(name)), case .item(_, let item, _) = owner, let id = DocumentWalk.name(of: item) {
            // Each item of the document's collection names two of these (`from`, `to`):
            // a list of ids here is the writer's shorthand for it, which no rule reads.
            let target = "\(kind).\(schema.name).id"
            let links = moved.fields.filter { $0.reference?.targets.contains { $0.value == target } == true && $0.type.listItem == nil }
            guard links.count >= 2 else { return nil }
            return ("\(owner.label) has `\(clip(name))`, a list of ids, which stratlint reads only at the top of the \(kind) document, "
                + "each item with `\(links[0].name)` and `\(links[1].name)`: write them there, e.g. `- { \(links[0].name): \(clip(id)), \(links[1].name): \(clip(other)) }`", nil)
        }
        let maps = items.items.lazy.compactMap { item -> MapValue? in
            if case .map(let m) = item { return m } else { return nil }
        }
        guard let (kind, root) = document, let first = maps.first else { return nil }
        if schema !== root, let moved = collection(root.field(name)) {
            // The field of each moved item that names this one (`supports` of an
            // initiative moved out of a goal), when this item has an id.
            let target = "\(kind).\(schema.name).id"
            var naming = ""
            if case .item(_, let item, _) = owner, let id = DocumentWalk.name(of: item),
               let link = moved.fields.first(where: { $0.reference?.targets.contains { $0.value == target } == true }) {
                naming = ", each with `\(link.name): \(link.type.listItem == nil ? clip(id) : "[\(clip(id))]")`"
            }
            return ("\(owner.label) has `\(clip(name))`, which stratlint reads only at the top of the \(kind) document: list them there\(naming)", nil)
        }
        for f in schema.fields {
            // Held by its name, or by another (`objectives` for `goals`).
            guard let inner = collection(f),
                  let held = ([inner.name] + inner.synonyms).first(where: { key in maps.contains { $0.value(forField: key) != nil } }) else { continue }
            let group = Naming.itemNoun(name)
            let example = DocumentWalk.name(of: .map(first)).map { ", e.g. `\(group.replacingOccurrences(of: " ", with: "_")): \(clip($0))`" } ?? ""
            let named = held == inner.name ? "`\(held)`" : "`\(clip(held))` (its `\(inner.name)`)"
            return ("\(owner.label) has `\(clip(name))`, whose items hold \(named); stratlint reads `\(inner.name)` only directly in \(schema.mapDescription): "
                + "list them there\(held == inner.name ? "" : " under `\(inner.name):`") (each may name its \(group) in a field of its own\(example))", inner.name)
        }
        return nil
    }

    /// A field's name split into a map, as security registers nest them:
    /// `encryption: { at_rest: AES-256, in_transit: TLS 1.2 }` for `encryption_at_rest`
    /// and `encryption_in_transit`. A problem at each inner key whose joined name is a
    /// field of `schema` that `map` lacks; it stands for that field (the rule asking for
    /// it is its follow-on). None when no inner key joins to a field.
    func splitFields(_ name: String, _ inner: MapValue, of map: MapValue, in schema: FieldSchema, owner: Owner, at mapRange: SourceRange?) -> [Problem] {
        var problems: [Problem] = []
        for j in 0..<min(inner.count, 20) {
            guard case .string(let key) = inner.keys[j] else { continue }
            let joined = "\(name)_\(key)".lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
            guard let field = schema.field(joined), map.value(forField: field.name) == nil else { continue }
            var problem = Problem(kind: .field, message: "\(owner.label) has `\(clip(name))` with `\(clip(key))` in it, which stratlint reads as one field of "
                                  + "\(schema.mapDescription), `\(field.name)`: write `\(field.name): …` there in place of it", range: inner.keyRange(at: j))
            problem.standsFor = mapRange.map { FieldInMap(map: $0, field: field.name) }
            problems.append(problem)
        }
        return problems
    }

    /// The problem of a key that is not a field of `schema`, if a field is one typo
    /// from it (else it is an extra key, which is allowed).
    /// `map` is the map the key is in, at `mapRange`.
    mutating func misspelt(_ name: String, in schema: FieldSchema, owner: Owner, at range: SourceRange?, in map: MapValue, at mapRange: SourceRange?) -> Problem? {
        switch nearest(name, in: schema) {
        case nil:
            return nil
        case .field(let near)?:
            var problem = Problem(kind: .field, message: "\(owner.label) has `\(clip(name))`, which is not a field of \(schema.mapDescription); did you mean `\(near)`?"
                                  + ReferenceResolver.unseenNote(in: name, notIn: near),
                                  range: range, replacement: Self.plainScalar(near))
            problem.standsFor = mapRange.map { FieldInMap(map: $0, field: near) }
            return problem
        case .under(let holder)?:
            // No replacement: moving a key is not a rename.
            var problem = Problem(kind: .field, message: "\(owner.label) has `\(clip(name))`, which is not a field of \(schema.mapDescription); "
                                  + "it is a field of its `\(holder)`: write it under `\(holder):`", range: range)
            // A rule asking for `security.mfa` stops at `security`, before `mfa`.
            problem.standsFor = map.index(ofField: holder).flatMap(map.range(at:)).map { FieldInMap(map: $0, field: name) }
            return problem
        }
    }

    /// The ids a referencing field names: a string, or the strings of a list.
    private mutating func record(_ value: Value, range: @autoclosure () -> SourceRange?, field: FieldSchema, reference: Reference, owner: Owner) {
        switch value {
        case .string(let s):
            resolve(Occurrence(value: s, schema: field, owner: owner), at: range())
        case .list(let l):
            for (i, x) in l.items.enumerated() {
                guard case .string(let s) = x else { continue }
                resolve(Occurrence(value: s, schema: field, owner: owner), at: l.range(at: i))
            }
        case .null where reference.required:
            resolve(Occurrence(value: nil, schema: field, owner: owner), at: range())
        default:
            break
        }
    }
}

/// Whose field a problem is in, named only when a message needs it: most values are
/// fine, and a label per list item would cost more than the check.
indirect enum Owner: Sendable {
    case document(kind: String, Value)
    /// An item of the list `field` holds, within `parent`.
    case item(FieldSchema, Value, within: Owner)

    /// "goal 'grow-sales'", "integration pos → erp", "the Strategy document".
    var label: String {
        switch self {
        case .document(let kind, let doc):
            if let name = DocumentWalk.name(of: doc) { return "\(kind) '\(clip(name))'" }
            return "the \(kind) document"
        case .item(let field, let item, let parent):
            let noun = Naming.itemNoun(field.name)
            if let name = DocumentWalk.name(of: item) { return "\(noun) '\(clip(name))'" }
            if case .map(let m) = item, m.value(forField: .from) != nil || m.value(forField: .to) != nil {
                func end(_ key: FieldName) -> String {
                    if case .string(let s)? = m.value(forField: key) { return clip(s) }
                    return "?"
                }
                return "\(noun) \(end(.from)) → \(end(.to))"
            }
            return "\(Naming.withArticle(noun)) of \(parent.label)"
        }
    }
}

extension DocumentWalk {
    /// `text` if it can stand as a plain YAML scalar in place of another, as it is
    /// (letters, digits and `-_./`, not starting with a sign or a dot, not a word YAML
    /// reads as something else, nor one YAML 1.1 tools read as a boolean); else nil, and
    /// no quick fix is offered.
    static func plainScalar(_ text: String) -> String? {
        guard TypeHints.yaml11Boolean(text) == nil, let first = text.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
              text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0) }),
              case .string = ScalarResolver.resolve(plain: text) else { return nil }
        return text
    }

    static func name(of item: Value) -> String? {
        guard case .map(let m) = item else { return nil }
        for key in [FieldName.id, .name] {
            if case .string(let s)? = m.value(forField: key) { return s }
        }
        if case .map(let meta)? = m.value(forField: .metadata), case .string(let s)? = meta.value(forField: .name) { return s }
        return nil
    }
}

extension FieldType {
    /// Whether `value` is of this type, looking no deeper than its shape (a quoted
    /// `YYYY-MM-DD` is a date, as the walk reads it).
    func fits(_ value: Value) -> Bool {
        switch (shape, value) {
        case (.any, _), (.string, .string), (.bool, .bool), (.date, .date), (.number, .int), (.number, .uint), (.number, .double),
             (.map, .map), (.list, .list), (.period, .date), (.period, .string), (.period, .int):
            return true
        case (.date, .string(let s)): return DocumentWalk.quotedDate(s) != nil
        case (.union, _): return alternatives.contains { $0.fits(value) }
        default: return false
        }
    }
}

extension Value {
    /// Whether the walk changed `other` into this: another type (a period read as its
    /// last day, a wrong-typed value nulled), a value spelt as its field's schema spells
    /// it (`SaaS` read as `saas`), or a list or map built anew (something inside was
    /// changed). The walk returns a value it leaves alone as it is (two copies of one
    /// string compare equal without reading their bytes).
    func differs(from other: Value) -> Bool {
        switch (self, other) {
        case (.list(let a), .list(let b)): return !a.isSame(as: b)
        case (.map(let a), .map(let b)): return !a.isSame(as: b)
        case (.string(let a), .string(let b)): return a != b
        case (.null, .null), (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double),
             (.bytes, .bytes), (.date, .date), (.error, .error):
            return false
        default: return true
        }
    }
}

/// A name or value as a message quotes it: cut after ``Value/messageLimit`` characters.
func clip(_ s: String) -> String { Value.string(s).displayText(limit: Value.messageLimit) }
