import Foundation
import Audit
import Engine
import Testing
import TestSupport
import YAML

@Suite("Alignment map")
struct AlignmentMapTests {
    /// acme-retail's problems, as its README describes them, are the map's marks.
    @Test func marksOnTheExample() throws {
        let result = try checkResult(["acme-retail"])
        let map = AlignmentMap(result.workspace)
        let marks = Dictionary(uniqueKeysWithValues: map.nodes.compactMap { n in n.mark.map { (n.key, $0) } })
        #expect(marks == [
            "goal:happy-customers": .unsupported,
            "goal:omnichannel-growth": .missing,
            "initiative:ai-chatbot": .noGoal,
            "system:intranet": .orphan,
            "system:newsletter-tool": .missing,
        ])
        // Greyed, with the word for why: the lifecycle as the schema spells it.
        #expect(map.nodes.filter { $0.inactive != nil }.map { "\($0.id) \($0.inactive ?? "")" } == ["fax-server retired"])
        // Layers in order; every edge joins two nodes of the map.
        #expect(map.nodes.map(\.layer) == map.nodes.map(\.layer).sorted { $0.rawValue < $1.rawValue })
        let keys = Set(map.nodes.map(\.key))
        #expect(map.edges.allSatisfy { keys.contains($0.from) && keys.contains($0.to) })
        // A reference to a missing id is dangling; the integration to newsletter-tool too.
        #expect(map.edges.filter(\.dangling).map { "\($0.from) -> \($0.to)" }.sorted()
                == ["goal:omnichannel-growth -> initiative:click-and-collect", "system:webshop -> system:newsletter-tool"])
        #expect(map.edges.filter { $0.kind == .integration }.count == 5)
    }

    /// Given the rule's findings, the map marks orphans where the rule found them: a
    /// system that only a Backstage link connects to an initiative is no orphan to the
    /// rule (the backstage pack extends `initiative_systems`), and so none on the map,
    /// where the map's own reading of the documents alone would say it is.
    @Test func theMapTakesTheRulesVerdict() throws {
        let result = try checkResult(["backstage/linked-only"])
        #expect(!result.report.findings.contains { $0.ruleID == "orphan-system" })
        #expect(AlignmentMap(result.workspace).nodes.contains { $0.id == "shop-system" && $0.mark == .orphan })
        let orphans = Set(result.report.findings.filter { $0.ruleID == "orphan-system" }.compactMap(\.range))
        #expect(!AlignmentMap(result.workspace, orphans: orphans).nodes.contains { $0.mark == .orphan })
    }

    /// The map reads words as the rules do (fixtures/engine/map-words): `Production` and
    /// `live` are active, `Run` runs the business, a `Cancelled` initiative is dropped:
    /// greyed, never marked, and what it supports or lists is not supported or used by it.
    @Test func wordsAreReadAsTheRulesReadThem() throws {
        let result = try checkResult(["engine/map-words"])
        let map = AlignmentMap(checked: result)
        let inactive = Set(map.nodes.filter { $0.inactive != nil }.map { "\($0.key) \($0.inactive ?? "")" })
        #expect(inactive == ["initiative:drone-pilot dropped", "initiative:old-idea dropped", "system:bank-gateway external"])
        let marks = Dictionary(uniqueKeysWithValues: map.nodes.compactMap { n in n.mark.map { (n.key, $0) } })
        #expect(marks == ["goal:drones": .unsupported, "system:drone-fleet": .orphan])
        // The edges of a dropped initiative are still drawn.
        #expect(map.edges.contains { $0.from == "goal:drones" && $0.to == "initiative:drone-pilot" })
        // Without the schemas, the words are read as written.
        #expect(AlignmentMap(result.workspace).nodes.first { $0.id == "crm" }?.inactive == "Production")
    }

    /// `supports: grow` where a list is wanted is `wrong-type`, read as absent by the
    /// rules and the metrics: the map draws no link from it either.
    @Test func aTextWhereAListIsWantedIsNoLink() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("kind: Strategy\ngoals:\n  - { id: grow, title: Grow }\ninitiatives:\n  - { id: shop, supports: grow }\n".utf8)
            .write(to: dir.appendingPathComponent("strategy.yaml"))
        let result = try checkResult([dir.path])
        #expect(result.report.findings.contains { $0.ruleID == "wrong-type" && $0.message.hasPrefix("`supports` of initiative 'shop'") })
        let map = AlignmentMap(checked: result)
        #expect(map.edges.isEmpty, "\(map.edges)")
        #expect(map.nodes.first { $0.key == "goal:grow" }?.mark == .unsupported)
        #expect(map.nodes.first { $0.key == "initiative:shop" }?.mark == .noGoal)
    }

    /// An integration hub is no orphan to the rule (its words are the pack's vocabulary),
    /// and so none on the map a check draws, which takes the rule's verdict.
    @Test func hubsAreNoOrphansOnTheCheckedMap() throws {
        let result = try checkResult(["rules/orphan-system/hub.yaml"])
        let map = AlignmentMap(checked: result)
        #expect(Set(map.nodes.filter { $0.mark == .orphan }.map(\.id)) == ["crm"])
    }

    /// A `role: run` system needs no goal: the map and the rule orphan-system agree, on
    /// both of its fixtures.
    @Test(arguments: ["rules/orphan-system/clean.yaml", "rules/orphan-system/fires.yaml"])
    func runTheBusinessSystemsAreNoOrphans(_ fixture: String) throws {
        let result = try checkResult([fixture])
        let mapOrphans = Set(AlignmentMap(result.workspace).nodes.filter { $0.mark == .orphan }.map(\.id))
        let ruleOrphans = Set(result.report.findings.filter { $0.ruleID == "orphan-system" }.compactMap { f in
            f.logicalPath.flatMap { $0.split(separator: "=").last?.split(separator: "]").first.map(String.init) }
        })
        #expect(mapOrphans == ruleOrphans)
        #expect(!mapOrphans.contains("payroll"))
    }
}
