import RuleLanguage

/// What the checker knows of a value before any document is read. Document values
/// may always be absent (null), so null is compatible with every type; `dyn` is
/// anything (a kind without a schema, a function whose result depends on its input).
indirect enum StaticType: Sendable {
    case dyn
    case null
    case bool, int, uint, double, string, bytes, date
    /// int, uint or double: a schema's `number`.
    case number
    case list(StaticType)
    /// A map whose keys the checker does not know.
    case map
    /// A map whose fields a schema declares: selecting another is an error.
    case object(FieldSchema)

    /// The type of a value of `field` whose schema type is `type`.
    static func of(_ type: FieldType, in field: FieldSchema) -> StaticType {
        switch type.shape {
        case .any: return .dyn
        case .string: return .string
        case .number: return .number
        case .bool: return .bool
        case .date, .period: return .date
        case .map: return field.hasFields ? .object(field) : .map
        case .list: return .list(of(type.item ?? .any, in: field))
        case .union:
            // A string or a map (a KPI): its fields are still checked when selected.
            if type.alternatives.contains(where: \.allowsMap), field.hasFields { return .object(field) }
            return .dyn
        }
    }

    /// A scalar type the value surely has, for comparisons; nil when it may be several.
    var scalarFamily: String? {
        switch self {
        case .bool: "bool"
        case .int, .uint, .double, .number: "number"
        case .string: "string"
        case .bytes: "bytes"
        case .date: "date"
        case .list: "list"
        case .map, .object: "map"
        case .dyn, .null: nil
        }
    }

    var name: String {
        switch self {
        case .dyn: "dyn"
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .number: "number"
        case .string: "string"
        case .bytes: "bytes"
        case .date: "date"
        case .list(let item): if case .dyn = item { "list" } else { "list of \(item.name)" }
        case .map, .object: "map"
        }
    }

    /// The element type when iterated or projected.
    var element: StaticType {
        switch self {
        case .list(let item): return item
        case .map, .object: return .dyn
        default: return .dyn
        }
    }

    /// A type for both `a` and `b` (branches of `?:`, items of a list literal).
    static func join(_ a: StaticType, _ b: StaticType) -> StaticType {
        switch (a, b) {
        case (.null, _): return b
        case (_, .null): return a
        case (.list(let x), .list(let y)): return .list(join(x, y))
        case (.object(let x), .object(let y)) where x === y: return a
        default:
            if let fa = a.scalarFamily, fa == b.scalarFamily, fa != "map", fa != "list" { return fa == "number" ? .number : a }
            return .dyn
        }
    }
}
