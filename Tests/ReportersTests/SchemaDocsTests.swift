import Engine
import Foundation
import Reporters
import Testing
import TestSupport
import YAML

/// docs/model.md lists every reference of the built-in packs' schemas with its rule.
@Suite("Schema docs")
struct SchemaDocsTests {
    @Test func modelPageListsEveryReference() throws {
        let (program, problems) = RulePacks.load(builtin: true, directories: [], into: SourceTable())
        #expect(problems.isEmpty)
        let table = SchemaDocs.referenceTable(program.schemas)
        #expect(table.contains("| `Strategy.initiatives[].systems[]` | `Inventory.systems.id` |  | [`dangling-reference`]"))
        let url = Repository.root.appendingPathComponent("docs/model.md")
        let page = try #require(Repository.read(url))
        let begin = "<!-- references: written by a test (STRATLINT_RECORD=1) from the packs' schemas -->\n", end = "<!-- references end -->"
        let start = try #require(page.range(of: begin)), stop = try #require(page.range(of: end))
        let current = String(page[start.upperBound..<stop.lowerBound])
        if ProcessInfo.processInfo.environment["STRATLINT_RECORD"] == "1", current != table {
            try (String(page[..<start.upperBound]) + table + String(page[stop.lowerBound...])).write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(current == table, "docs/model.md's reference table is out of date (re-record with STRATLINT_RECORD=1)")
    }
}
