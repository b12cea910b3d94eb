import RuleLanguage
import YAML

/// The checker stage of the compiler (parse → check → emit, as cel-go does): resolves
/// every name (bindings, comprehension variables, pack-level lets, kinds,
/// vocabularies, functions) and infers what each expression gives from the packs'
/// schemas, before any closure is built. It reports:
/// - an unknown name, vocabulary or function, with did-you-mean;
/// - a field that a kind's schema does not declare (`initiative.ownr`), with
///   did-you-mean; `initiative['x-extra']` reads an undeclared field on purpose;
/// - a comparison of values of different types (`system.security.mfa == "true"`),
///   which is always false or an error at run time.
/// What it cannot know (a kind without a schema, `dyn`, a function whose result
/// depends on its input) stays dynamic and is checked as the rule runs.
final class TypeChecker {
    private(set) var diagnostics: [Diagnostic] = []
    private let schemas: [String: KindSchema]
    private let vocabularies: Set<String>
    /// Pack-level lets by pack, then name, and the extensions of each (by key).
    private let lets: [String: [String: Binding]]
    private let extensions: [String: [(pack: String, binding: Binding)]]
    /// The pack whose expressions are being checked.
    var pack = ""
    private var scopes: [[String: StaticType]] = [[:]]
    private var letTypes: [String: StaticType] = [:]
    private var inferring: Set<String> = []
    /// Above zero while a let's type is inferred for another expression: its own
    /// problems are reported when it is checked itself.
    private var quiet = 0

    init(schemas: [String: KindSchema], vocabularies: Set<String>, lets: [(pack: String, binding: Binding)] = [],
         extensions: [(pack: String, binding: Binding)] = []) {
        self.schemas = schemas
        self.vocabularies = vocabularies
        var byPack: [String: [String: Binding]] = [:]
        for l in lets where byPack[l.pack]?[l.binding.name.value] == nil { byPack[l.pack, default: [:]][l.binding.name.value] = l.binding }
        self.lets = byPack
        var ext: [String: [(String, Binding)]] = [:]
        for e in extensions {
            let name = e.binding.name.value
            let owner = byPack[e.pack]?[name] != nil ? e.pack : Emitter.sharedPack
            ext[Self.key(owner, name), default: []].append((e.pack, e.binding))
        }
        self.extensions = ext
    }

    private static func key(_ pack: String, _ name: String) -> String { pack + "\u{0}" + name }

    // MARK: Scopes

    /// Starts a new rule, let or metric of `pack`: no bindings yet.
    func begin(pack: String) {
        self.pack = pack
        scopes = [[:]]
    }

    func declare(_ name: String, _ type: StaticType) { scopes[scopes.count - 1][name] = type }

    /// The type a `for` binding takes from its expression's: an item of a list, or the
    /// value itself.
    static func bound(_ t: StaticType) -> StaticType {
        if case .list(let item) = t { return item }
        return t
    }

    /// Whether a problem is already reported at `range` (so constant folding, which
    /// meets the same type errors, does not report it twice).
    func reported(at range: SourceRange) -> Bool { diagnostics.contains { $0.range == range } }

    private func error(_ message: String, _ range: SourceRange, hint: String? = nil) {
        guard quiet == 0 else { return }
        diagnostics.append(.error(message, at: range, hint: hint))
    }

    // MARK: Names

    private func variable(_ name: String) -> StaticType? {
        for scope in scopes.reversed() { if let t = scope[name] { return t } }
        return nil
    }

    /// The let `name` as the current pack sees it (its own, else core's), and its key.
    private func letKey(_ name: String) -> String? {
        if lets[pack]?[name] != nil { return Self.key(pack, name) }
        if lets[Emitter.sharedPack]?[name] != nil { return Self.key(Emitter.sharedPack, name) }
        return nil
    }

    /// How many lets deep an inference may go (a let reading a let reading …): past it
    /// a let's type is unknown (`dyn`), so a chain of 50,000 lets cannot exhaust the stack.
    static let maxInferenceDepth = 64

    private func letType(_ key: String, name: String) -> StaticType {
        if let t = letTypes[key] { return t }
        guard !inferring.contains(key), inferring.count < Self.maxInferenceDepth else { return .dyn }
        let owner = String(key.prefix { $0 != "\u{0}" })
        guard let binding = lets[owner]?[name] else { return .dyn }
        inferring.insert(key)
        let saved = (pack, scopes)
        quiet += 1
        pack = owner
        scopes = [[:]]
        var t = check(binding.value.expr, Origin(text: binding.value.source, offset: 0))
        for e in extensions[key] ?? [] {
            pack = e.pack
            scopes = [[:]]
            t = StaticType.join(t, check(e.binding.value.expr, Origin(text: e.binding.value.source, offset: 0)))
        }
        quiet -= 1
        (pack, scopes) = saved
        inferring.remove(key)
        letTypes[key] = t
        return t
    }

    private func kindType(_ name: String) -> StaticType {
        if let schema = schemas[name] { return .list(.object(schema.root)) }
        return .list(.map)
    }

    private func isKindName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return first >= "A" && first <= "Z"
    }

    // MARK: Expressions

    /// The type of `e`; problems are recorded with their ranges.
    @discardableResult
    func check(_ e: Expr, _ origin: Origin) -> StaticType {
        let range = origin.range(e)
        switch e.kind {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes

        case .ident(let name):
            if let t = variable(name) { return t }
            if name == "vocab" { return .map }
            if let key = letKey(name) { return letType(key, name: name) }
            if isKindName(name) {
                // Kinds are open, but one a typo from a kind with a schema is surely it.
                if schemas[name] == nil, let near = EditDistance.nearest(name, among: Array(schemas.keys)) {
                    error("unknown kind '\(name)'", range, hint: "did you mean '\(near)'?")
                }
                return kindType(name)
            }
            let known = scopes.flatMap(\.keys) + Array((lets[pack] ?? [:]).keys) + Array((lets[Emitter.sharedPack] ?? [:]).keys) + ["vocab"]
            error("unknown name '\(name)'", range, hint: Suggestion.hint(for: name, among: Array(Set(known)), listing: "names in scope"))
            return .dyn

        case .select(let operand, let field):
            if case .ident("vocab") = operand.kind, variable("vocab") == nil {
                guard vocabularies.contains(field) else {
                    error("unknown vocabulary '\(field)'", range, hint: Suggestion.hint(for: field, among: Array(vocabularies), listing: "vocabularies"))
                    return .dyn
                }
                return .list(.string)
            }
            return select(check(operand, origin), field, range)

        case .has(let operand, _):
            check(operand, origin)
            return .bool

        case .index(let operand, let index):
            let t = check(operand, origin)
            check(index, origin)
            switch (t, index.kind) {
            case (.object(let schema), .string(let name)):
                // Brackets read a field the schema may not declare, on purpose.
                return schema.field(name).map { StaticType.of($0.type, in: $0) } ?? .dyn
            case (.list(let item), _): return item
            default: return .dyn
            }

        case .unary(let op, let operand):
            let t = check(operand, origin)
            if op == .not, let family = t.scalarFamily, family != "bool" {
                error("type error: '!' needs a bool, not \(t.name)", range)
            } else if op == .negate, let family = t.scalarFamily, family != "number" {
                error("type error: '-' needs a number, not \(t.name)", range)
            }
            return op == .not ? .bool : t

        case .binary(let op, let lhs, let rhs):
            // `goal.review-date`: a field named with a hyphen, read as a subtraction.
            if op == .subtract, case .select(let operand, let field) = lhs.kind, case .ident(let name) = rhs.kind, rhs.span.start == lhs.span.end + 1,
               variable(name) == nil, letKey(name) == nil, name != "vocab", !isKindName(name) {
                _ = check(lhs, origin)
                var base = ""
                if case .ident(let b) = operand.kind { base = b }
                error("unknown name '\(name)'", origin.range(rhs),
                      hint: "`\(field)-\(name)` reads as a subtraction: write a field name with `-` in backquotes, \(base).`\(field)-\(name)`")
                return .dyn
            }
            let l = check(lhs, origin), r = check(rhs, origin)
            return binary(op, l, r, range)

        case .conditional(let c, let t, let f):
            let condition = check(c, origin)
            if let family = condition.scalarFamily, family != "bool" {
                error("type error: the condition of '?:' must be a bool, not \(condition.name)", origin.range(c))
            }
            return StaticType.join(check(t, origin), check(f, origin))

        case .call(let name, let target, let args):
            let types = ((target.map { [$0] } ?? []) + args).map { check($0, origin) }
            guard FunctionTable.all[name] != nil else {
                error("unknown function '\(name)'", range, hint: Suggestion.hint(for: name, among: Array(FunctionTable.all.keys), listing: "functions"))
                return .dyn
            }
            return Self.result(of: name, types)

        case .list(let items):
            let types = items.map { check($0, origin) }
            return .list(types.first.map { types.dropFirst().reduce($0, StaticType.join) } ?? .dyn)

        case .map(let entries):
            for en in entries {
                check(en.key, origin)
                check(en.value, origin)
            }
            return .map

        case .comprehension(let macro, let target, let variable, let args):
            let t = check(target, origin)
            let item: StaticType
            switch t {
            case .list(let x): item = x
            case .object: item = .string
            default: item = .dyn
            }
            scopes.append([variable: item])
            let bodies = args.map { check($0, origin) }
            scopes.removeLast()
            switch macro {
            case .all, .exists, .existsOne: return .bool
            case .filter:
                // A map's filter gives its keys.
                if case .list = t { return t }
                return .list(item)
            case .map: return .list(bodies.last ?? .dyn)
            }
        }
    }

    /// `t.field`: a schema's field, checked; over a list, the projection.
    private func select(_ t: StaticType, _ field: String, _ range: SourceRange) -> StaticType {
        switch t {
        case .object(let schema):
            guard let f = schema.field(field) else {
                // Extra fields are allowed, so a rule may read one; but one a typo away
                // from a declared field, or another name for one, is surely that field.
                if let named = schema.field(synonym: field) {
                    error("'\(field)' is not a field of \(schema.mapDescription); the field for it is '\(named.name)'", range,
                          hint: "a field the schema does not declare is read with brackets: x['\(field)']")
                    return .dyn
                }
                guard let near = EditDistance.nearest(field, among: schema.fields.map(\.name)) else { return .dyn }
                error("'\(field)' is not a field of \(schema.mapDescription)", range,
                      hint: "did you mean '\(near)'? A field the schema does not declare is read with brackets: x['\(field)']")
                return .dyn
            }
            return StaticType.of(f.type, in: f)
        case .list(let item):
            // A projection: each item's field; lists of lists flatten one level.
            let projected = select(item, field, range)
            if case .list = projected { return projected }
            return .list(projected)
        default:
            return .dyn
        }
    }

    private func binary(_ op: BinaryOperator, _ l: StaticType, _ r: StaticType, _ range: SourceRange) -> StaticType {
        switch op {
        case .and, .or:
            // Not checked: CEL's `false && 1` is false (the other side absorbs an error).
            return .bool
        case .equal, .notEqual:
            if let a = l.scalarFamily, let b = r.scalarFamily, a != b {
                error("type error: '\(op.rawValue)' compares \(l.name) with \(r.name), which is always \(op == .equal ? "false" : "true")", range,
                      hint: "compare with a value of the field's type (true, not \"true\"; 120000, not \"120000\")")
            }
            return .bool
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if let a = l.scalarFamily, let b = r.scalarFamily, a != b {
                error("type error: '\(op.rawValue)' cannot order \(l.name) and \(r.name)", range)
            }
            return .bool
        case .in:
            if case .list(let item) = r, let a = l.scalarFamily, let b = item.scalarFamily, a != b {
                error("type error: 'in' looks for \(l.name) in a list of \(item.name), where it is never found", range)
            }
            return .bool
        case .add:
            switch (l, r) {
            case (.list(let a), .list(let b)): return .list(StaticType.join(a, b))
            case (.string, .string): return .string
            default:
                if let a = l.scalarFamily, let b = r.scalarFamily, a != b || !["number", "string", "list", "bytes"].contains(a) {
                    error("type error: '+' cannot add \(l.name) and \(r.name)", range,
                          hint: a == "string" || b == "string" ? "convert with string(x) to join text" : nil)
                }
                return l.scalarFamily == "number" && r.scalarFamily == "number" ? .number : .dyn
            }
        case .subtract, .multiply, .divide, .remainder:
            if let a = l.scalarFamily, let b = r.scalarFamily, a != "number" || b != "number" {
                error("type error: '\(op.rawValue)' needs numbers, not \(l.name) and \(r.name)", range)
            }
            return l.scalarFamily == "number" && r.scalarFamily == "number" ? .number : .dyn
        }
    }

    /// What a function gives, where that does not depend on its input.
    private static func result(of name: String, _ args: [StaticType]) -> StaticType {
        switch name {
        case "size", "int", "daysSince", "daysUntil", "indexOf", "lastIndexOf": return .int
        case "uint": return .uint
        case "double": return .double
        case "string", "typeOf", "lowerAscii", "upperAscii", "trim", "join", "charAt", "replace", "substring": return .string
        case "bool", "contains", "startsWith", "endsWith", "matches", "hasNumber": return .bool
        case "today", "date": return .date
        case "split", "words": return .list(.string)
        case "counts": return .map
        case "bytes": return .bytes
        default: return .dyn
        }
    }
}
