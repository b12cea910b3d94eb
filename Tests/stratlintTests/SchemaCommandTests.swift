import Foundation
import Testing
import TestSupport

/// `stratlint rules schema`: the JSON Schemas for editors come from the packs' schemas.
@Suite("rules schema")
struct SchemaCommandTests {
    /// schemas/*.schema.json are the packs' schemas as JSON, byte for byte: one source.
    @Test(arguments: [("Strategy", "strategy"), ("Inventory", "inventory")])
    func committedSchemaIsGenerated(kind: String, file: String) throws {
        let run = try CLI.run(["rules", "schema", kind])
        #expect(run.status == 0, "\(run.stderr)")
        let committed = Repository.read(Repository.root.appendingPathComponent("schemas/\(file).schema.json"))
        #expect(run.stdout == committed, "regenerate: stratlint rules schema \(kind) > schemas/\(file).schema.json")
    }

    @Test func backstageKindsHaveSchemas() throws {
        let run = try CLI.run(["rules", "schema", "Component"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"providesApis\""))
    }

    @Test func unknownKindIsAUsageError() throws {
        let run = try CLI.run(["rules", "schema", "Stratgy"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("did you mean 'Strategy'?"), "\(run.stderr)")
    }
}
