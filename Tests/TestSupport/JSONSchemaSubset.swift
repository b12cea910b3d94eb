import Foundation

/// A JSON value, decoded so that booleans, integers and other numbers stay apart.
public indirect enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .double(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .array(let a): return "[\(a.map(\.description).joined(separator: ", "))]"
        case .object(let o): return "{\(o.keys.sorted().joined(separator: ", "))}"
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

/// The part of JSON Schema (draft 7) that the project's own schemas use: `type`,
/// `required`, `properties`, `additionalProperties`, `propertyNames`, `items`, `enum`,
/// `const`, `minimum`, `minLength` and local `$ref`s. Always there, so every JSON report
/// a test makes is checked against `schemas/report.schema.json` in process;
/// `ReportSchemaTests` cross-checks it with Python's jsonschema where that is installed.
public struct JSONSchemaSubset {
    let root: JSONValue

    public init(_ url: URL) throws {
        root = try JSONValue.parse(Data(contentsOf: url))
    }

    /// The report schema of the repository.
    public static func report() throws -> JSONSchemaSubset {
        try JSONSchemaSubset(Repository.root.appendingPathComponent("schemas/report.schema.json"))
    }

    /// Where `text` breaks the schema, one line each (`$.findings[3].line: …`); empty
    /// when it holds.
    public func problems(in text: String) -> [String] {
        guard let value = try? JSONValue.parse(Data(text.utf8)) else { return ["$: not JSON"] }
        var out: [String] = []
        check(value, against: root, at: "$", into: &out)
        return out
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard case .string(let ref)? = schema["$ref"], ref.hasPrefix("#/") else { return schema }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node ?? .object([:])
    }

    private func check(_ value: JSONValue, against raw: JSONValue, at path: String, into out: inout [String]) {
        let schema = resolve(raw)
        if let type = schema["type"] {
            var allowed: [String] = []
            if case .string(let t) = type { allowed = [t] }
            if case .array(let ts) = type { allowed = ts.compactMap { if case .string(let t) = $0 { return t } else { return nil } } }
            let actual = value.typeName
            guard allowed.contains(actual) || (actual == "integer" && allowed.contains("number")) else {
                out.append("\(path): \(actual), not \(allowed.joined(separator: " or "))")
                return
            }
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) { out.append("\(path): \(value) is not one of the allowed values") }
        if let constant = schema["const"], constant != value { out.append("\(path): \(value) is not \(constant)") }
        if let minimum = schema["minimum"]?.number, let n = value.number, n < minimum { out.append("\(path): \(value) is below \(minimum)") }
        if case .int(let minLength)? = schema["minLength"], case .string(let s) = value, s.count < minLength {
            out.append("\(path): shorter than \(minLength)")
        }
        if case .object(let object) = value {
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where object[key] == nil { out.append("\(path): no '\(key)'") }
            }
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                if let names = schema["propertyNames"] { check(.string(key), against: names, at: "\(path) key", into: &out) }
                if let sub = schema["properties"]?[key] {
                    check(member, against: sub, at: "\(path).\(key)", into: &out)
                } else if let extra = schema["additionalProperties"] {
                    if extra == .bool(false) { out.append("\(path): unexpected key '\(key)'") }
                    if case .object = extra { check(member, against: extra, at: "\(path).\(key)", into: &out) }
                }
            }
        }
        if case .array(let array) = value, let items = schema["items"] {
            for (i, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(i)]", into: &out) }
        }
    }
}
