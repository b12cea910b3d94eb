import Engine
import Foundation
import Testing
import TestSupport
import YAML

/// schemas/*.schema.json against every fixture document and every rule file.
@Suite("JSON Schemas")
struct SchemaTests {
    /// A parsed YAML node as JSON values (dates as YYYY-MM-DD strings).
    static func json(_ node: Node) -> Any {
        switch node.content {
        case .scalar(let s):
            switch s {
            case .null: return NSNull()
            case .bool(let b): return b
            case .int(let i): return i
            case .double(let d): return d.isFinite ? d : String(d)
            case .string(let t): return t
            case .date(let d): return d.description
            }
        case .sequence(let items): return items.map(json)
        case .mapping(let pairs):
            var out: [String: Any] = [:]
            for p in pairs { out[p.key.scalarText ?? ""] = json(p.value) }
            return out
        }
    }

    /// Fixtures whose types are wrong on purpose (to test evaluation errors), or that hold
    /// placeholders (`deadline: TBD`), which stratlint reads as absent and editors flag.
    static let wrongOnPurpose = [
        "/fixtures/invalid/", "/fixtures/engine/evaluation-error/", "/fixtures/schema/firm/", "/fixtures/schema/follow-on/", "/fixtures/schema/vendor-pack/org/", "/fixtures/rules/wrong-type/fires.yaml", "/fixtures/rules/wrong-type/placeholders.yaml",
        "/fixtures/rules/initiatives-over-budget/clean.yaml", "/fixtures/rules/goal-deadline-passed/clean.yaml",
    ]

    /// Every document of every YAML file under `folders` (the fixtures that are wrong on
    /// purpose and files that do not parse are left out).
    static func documents(under folders: [String]) -> [(file: String, node: Node)] {
        let files = FileDiscovery.files(under: folders.map { Repository.root.appendingPathComponent($0).path }).files
        var out: [(String, Node)] = []
        for path in files where !wrongOnPurpose.contains(where: path.contains) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let file = SourceTable().add(path: path, bytes: Array(data))
            guard case .success(let docs) = Loader.load(file) else { continue }
            for doc in docs { out.append((String(path.dropFirst(Repository.root.path.count + 1)), doc)) }
        }
        return out
    }

    /// Validates all `instances` against `schema` in one validator run.
    static func validate(_ instances: [(file: String, node: Node)], against schema: String) throws {
        let url = Repository.root.appendingPathComponent("schemas/\(schema)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let wrapper = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-schema-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: wrapper) }
        // The wrapper carries the schema's definitions, which its `$ref`s name from the root.
        var wrapped: [String: Any] = ["type": "array", "items": object]
        wrapped["definitions"] = object["definitions"]
        try JSONSerialization.data(withJSONObject: wrapped).write(to: wrapper)
        let data = try JSONSerialization.data(withJSONObject: instances.map { json($0.node) })
        let index = instances.enumerated().map { "\($0.offset): \($0.element.file)" }.joined(separator: "\n")
        if let complaint = ExternalValidator.jsonSchema(String(decoding: data, as: UTF8.self), schema: wrapper) {
            Issue.record("\(schema): \(complaint)\nitems:\n\(index)")
        }
    }

    @Test(Needs.jsonschema)
    func everyFixtureDocumentMatchesItsKindsSchema() throws {
        let docs = Self.documents(under: ["fixtures"])
        let strategies = docs.filter { $0.node["kind"]?.scalarText == "Strategy" }
        let inventories = docs.filter { $0.node["kind"]?.scalarText == "Inventory" }
        #expect(strategies.count > 20 && inventories.count > 20)
        try Self.validate(strategies, against: "strategy.schema.json")
        try Self.validate(inventories, against: "inventory.schema.json")
    }

    @Test(Needs.jsonschema)
    func everyRuleFileMatchesTheRuleFileSchema() throws {
        let packs = ["rules", "fixtures/rule-tests/pack", "fixtures/rule-tests/idle", "fixtures/config/org/policies", "fixtures/schema/vendor-pack/policies"]
        let files = Self.documents(under: packs).filter { $0.node["kind"] == nil }
        #expect(files.count >= 8)
        try Self.validate(files, against: "rule-file.schema.json")
    }

    /// The schemas catch what they should: a wrong type in the model, and an unknown
    /// key in a rule file.
    @Test(Needs.jsonschema)
    func schemasRejectWrongShapes() throws {
        let cases: [(String, String, String)] = [
            ("strategy.schema.json", "kind: Strategy\ninitiatives:\n  - { id: a, supports: goal-a }\n", "is not of type 'array'"),
            ("inventory.schema.json", "kind: Inventory\nsystems:\n  - { id: a, security: { mfa: yes } }\n", "is not of type 'boolean'"),
            ("rule-file.schema.json", "rules:\n  - { id: a, pitfall: vague-goals, title: t, message: m, wen: 'true' }\n", "Additional properties are not allowed"),
        ]
        for (schema, text, complaint) in cases {
            let file = SourceTable().add(path: "t.yaml", bytes: Array(text.utf8))
            guard case .success(let docs) = Loader.load(file), let doc = docs.first else { continue }
            let url = Repository.root.appendingPathComponent("schemas/\(schema)")
            let data = try JSONSerialization.data(withJSONObject: Self.json(doc))
            let result = ExternalValidator.jsonSchema(String(decoding: data, as: UTF8.self), schema: url)
            #expect(result?.contains(complaint) == true, "\(schema) accepted \(text)")
        }
    }
}
