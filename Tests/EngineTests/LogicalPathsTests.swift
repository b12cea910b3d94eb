@testable import Engine
import Foundation
import RuleCompiler
import Testing
import YAML

/// Logical paths name the nodes findings point at (issue 19 made the lookup positional):
/// a range that several nodes start at names the one that also ends there, a range no
/// node has names nothing, and a finding without a range gets no slot.
@Suite("Logical paths")
struct LogicalPathsTests {
    /// `text` loaded as one file of a workspace, which must parse.
    static func loaded(_ text: String) -> Workspace {
        let workspace = Workspace.load(contents: [("model.yaml", .bytes(Array(text.utf8)))], into: SourceTable())
        #expect(workspace.parseErrors.isEmpty)
        return workspace
    }

    @Test func eachWantedRangeNamesItsNode() throws {
        let text = """
            kind: Inventory
            systems:
              - id: erp
                security:
                  mfa: true
                  backups: { tested: 2026-01-01 }
                supports: [grow, keep]
              - id: pos
            integrations:
              - { from: pos, to: erp }

            """
        let workspace = Self.loaded(text)
        guard case .map(let doc)? = workspace.documents["Inventory"]?.items.first,
              case .list(let systems)? = doc.value(forField: "systems"), case .map(let erp) = systems.items[0],
              case .map(let security)? = erp.value(forField: "security"), let securityAt = erp.index(ofField: "security"),
              case .list(let supports)? = erp.value(forField: "supports"), let supportsAt = erp.index(ofField: "supports"),
              case .list(let integrations)? = doc.value(forField: "integrations"),
              let blockRange = erp.range(at: securityAt), let mfaKey = security.keyRange(at: 0), let mfa = security.range(at: 0),
              let keep = supports.range(at: 1), let link = integrations.range(at: 0), let erpItem = systems.range(at: 0),
              let supportsRange = erp.range(at: supportsAt)
        else {
            Issue.record("the document did not load as written")
            return
        }
        // The `security` block starts where its first key does: two wanted ranges, one start.
        #expect(blockRange.start == mfaKey.start && blockRange != mfaKey)
        let nowhere = SourceRange(file: blockRange.file, start: blockRange.start, end: SourcePosition(line: 40, column: 1))
        // The key `mfa` is no node of its own: it starts with the block and ends first.
        let given: [SourceRange?] = [mfa, blockRange, nil, keep, link, blockRange, erpItem, nowhere, supportsRange, mfaKey]
        let wanted = LogicalPaths.Wanted(given)
        #expect(wanted.ranges.count == 8, "each range once")
        #expect(wanted.slots[2] == nil && wanted.slots[1] == wanted.slots[5])
        let found = LogicalPaths.find(wanted, in: workspace.documents)
        func path(_ i: Int) -> String? { wanted.slots[i].flatMap { found[$0]?.path } }
        #expect(path(0) == "Inventory.systems[id=erp].security.mfa")
        #expect(path(1) == "Inventory.systems[id=erp].security" && path(5) == path(1))
        #expect(path(3) == "Inventory.systems[id=erp].supports[=keep]")
        #expect(path(4) == "Inventory.integrations[from=pos,to=erp]")
        #expect(path(6) == "Inventory.systems[id=erp]")
        #expect(path(7) == nil, "no node has that range")
        #expect(path(8) == "Inventory.systems[id=erp].supports")
        #expect(path(9) == nil, "a key is not a node")
        if case .map? = wanted.slots[1].flatMap({ found[$0]?.value }) {} else { Issue.record("the block's value is its map") }
    }

    /// Each document of a file is walked for the wanted ranges inside it alone (a
    /// catalog of 20,000 documents in one file once gave each walk the whole file's),
    /// and the first and last node of a document, and what an alias reaches, are found.
    @Test func documentsOfOneFileFindTheirOwnNodes() throws {
        let text = """
            kind: Inventory
            systems:
              - id: erp
            ---
            kind: Inventory
            defaults: &defaults { owner: it }
            systems:
              - id: pos
                <<: *defaults
            ---
            kind: Strategy
            goals: [{ id: grow }]
            """
        let workspace = Self.loaded(text)
        guard let inventories = workspace.documents["Inventory"], inventories.items.count == 2,
              case .map(let second) = inventories.items[1],
              case .list(let systems)? = second.value(forField: "systems"), case .map(let pos) = systems.items[0],
              let owner = pos.index(ofField: "owner"), let ownerRange = pos.range(at: owner),
              let posItem = systems.range(at: 0), let firstKind = second.range(at: 0),
              let strategies = workspace.documents["Strategy"], case .map(let strategy) = strategies.items[0],
              case .list(let goals)? = strategy.value(forField: "goals"), let grow = goals.range(at: 0),
              let firstDocument = inventories.range(at: 0)
        else {
            Issue.record("the documents did not load as written")
            return
        }
        let given: [SourceRange?] = [grow, ownerRange, posItem, firstKind, firstDocument]
        let wanted = LogicalPaths.Wanted(given)
        let found = LogicalPaths.find(wanted, in: workspace.documents)
        func path(_ i: Int) -> String? { wanted.slots[i].flatMap { found[$0]?.path } }
        #expect(path(0) == "Strategy.goals[id=grow]", "the last node of the file's last document")
        // A merged value's range is its anchor's: the node met first there names it.
        #expect(path(1) == "Inventory.defaults.owner", "a merged value, at its anchor in the same document")
        #expect(path(2) == "Inventory.systems[id=pos]")
        #expect(path(3) == "Inventory.kind", "the first node of a document")
        #expect(path(4) == "Inventory", "a whole document")
    }
}
