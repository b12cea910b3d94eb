import RuleLanguage

/// A kind's schema as a JSON Schema (draft-07) for editors: `schemas/*.schema.json` are
/// written from the packs' schemas by `stratlint rules schema`, and a test keeps them
/// equal. Extra fields stay allowed, as the model promises; usual values are offered
/// for completion without excluding others.
public enum KindSchemaJSON {
    public static func render(_ schema: KindSchema) -> String {
        var root: [(String, JSON)] = [
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("title", .string("stratlint \(schema.kind.value) document")),
        ]
        if let d = schema.root.description { root.append(("description", .string(d))) }
        root += [("type", .string("object")), ("required", .array([.string("kind")])),
                 ("properties", .object(schema.root.fields.map { f in
                     (f.name, f.name == "kind" ? .object([("const", .string(schema.kind.value))]) : field(f))
                 }))]
        var out = ""
        JSON.object(root).write(to: &out, indent: "")
        return out + "\n"
    }

    /// What ``Period`` reads, and a date (JSON Schema's regular expressions have no flag
    /// for case, so each letter is a class: `[Jj][Uu][Nn]`).
    static let periodPattern: String = {
        func caseless(_ s: String) -> String { s.map { "[\($0.uppercased())\($0.lowercased())]" }.joined() }
        let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let monthNames = "(" + (months + months.map { String($0.prefix(3)) } + ["sept"]).map(caseless).joined(separator: "|") + ")"
        let quarterOrHalf = "([QqTt][1-4]|[HhSs][12])"
        let part = "(\(quarterOrHalf)|\(monthNames))", year = "[0-9]{4}", sep = "[- ]+"
        let fiscalYear = "[Ff][Yy][- ]*[0-9]{2}([0-9]{2})?([/-][0-9]{2}([0-9]{2})?)?"
        return "^(\(year)-[0-9]{2}(-[0-9]{2})?|\(year)\(sep)\(part)|\(part)\(sep)\(year)|\(fiscalYear)|\(quarterOrHalf)( +|-)\(fiscalYear)|\(fiscalYear)( +|-)\(quarterOrHalf)|\(year))$"
    }()

    private static func field(_ f: FieldSchema) -> JSON {
        var pairs = type(f.type, f)
        if let d = f.description { pairs.append(("description", .string(d))) }
        return .object(pairs)
    }

    /// The keywords for `type`; maps get `f`'s fields, strings its usual values.
    private static func type(_ type: FieldType, _ f: FieldSchema) -> [(String, JSON)] {
        switch type.shape {
        case .any: return []
        case .string:
            if f.values == ["stratlint/v1"] { return [("const", .string("stratlint/v1"))] }
            guard !f.values.isEmpty else { return [("type", .string("string"))] }
            return [("anyOf", .array([.object([("enum", .array(f.values.map(JSON.string)))]), .object([("type", .string("string"))])]))]
        case .number: return [("type", .string("number"))]
        case .bool: return [("type", .string("boolean"))]
        case .date: return [("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
        case .period:
            // A date, month, quarter, half-year or fiscal year as text, or a year as a number.
            return [("anyOf", .array([
                .object([("type", .string("string")), ("pattern", .string(Self.periodPattern))]),
                .object([("type", .string("integer"))]),
            ]))]
        case .map:
            var pairs: [(String, JSON)] = [("type", .string("object"))]
            if f.hasFields { pairs.append(("properties", .object(f.fields.map { ($0.name, field($0)) }))) }
            return pairs
        case .list:
            return [("type", .string("array")), ("items", .object(self.type(type.item ?? .any, f)))]
        case .union:
            let types = type.alternatives
            let simple = types.compactMap { t -> String? in
                switch t.shape {
                case .string: f.values.isEmpty ? "string" : nil
                case .number: "number"
                case .bool: "boolean"
                default: nil
                }
            }
            if simple.count == types.count { return [("type", .array(simple.map(JSON.string)))] }
            return [("anyOf", .array(types.map { .object(self.type($0, f)) }))]
        }
    }
}

/// Just enough JSON, with keys in written order, printed as the committed files are.
private indirect enum JSON {
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    func write(to out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .string(let s): out += Self.quote(s)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.write(to: &out, indent: inner)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += inner + Self.quote(key) + ": "
                value.write(to: &out, indent: inner)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// A JSON string, escaped as every report of stratlint escapes its strings.
    static func quote(_ s: String) -> String { JSONText.encode(s) ?? "\"\"" }
}
