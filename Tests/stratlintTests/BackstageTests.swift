import Foundation
import Testing
import TestSupport

/// Backstage catalogs as inventory (issue 8, docs/backstage.md).
@Suite("Backstage")
struct BackstageTests {
    static let packRules: Set<String> = [
        "backstage-dangling-reference", "api-consumed-but-not-provided", "isolated-production-component",
        "backstage-entity-without-owner", "backstage-owner-not-a-reference", "backstage-owner-not-in-catalog",
        "system-without-components", "production-entity-without-security-metadata", "catalog-entity-without-kind",
        "catalog-entity-without-name", "catalog-invalid-name", "duplicate-entity-ref", "dangling-backstage-link",
        "api-without-provider", "component-without-system", "catalog-invalid-metadata", "catalog-missing-required-field",
        "catalog-unsupported-api-version", "template-step-without-action", "catalog-file-not-registered",
    ]

    /// Every rule of the pack fires on the catalog fixture: once, but for the two copies
    /// of a duplicate.
    @Test func everyRuleFires() throws {
        // The configuration enables the opt-in rule (production-entity-without-security-metadata).
        let r = try CLI.run(["check", today, "--config", "fixtures/backstage/catalog/.stratlint.yaml", "fixtures/backstage/catalog"])
        #expect(r.status == 1)
        expectGolden(r.stdout, at: Repository.fixture("backstage/catalog/expected.txt"))
        let ids = r.stdout.matches(of: /\[([a-z-]+)\]\n/).map { String($0.output.1) }
        #expect(Set(ids).intersection(Self.packRules) == Self.packRules)
        for id in Self.packRules { #expect(ids.filter { $0 == id }.count == (id == "duplicate-entity-ref" ? 2 : 1), "\(id)") }
    }

    /// A folder of Backstage YAML, no strategy file and no configuration: it just works.
    @Test func cleanCatalogWithoutConfiguration() throws {
        let dir = try temporaryFolder()
        for name in ["catalog-info.yaml", "teams.yaml", "components.yaml"] {
            try FileManager.default.copyItem(at: Repository.fixture("backstage/clean/\(name)"), to: dir.appendingPathComponent(name))
        }
        let r = try CLI.run(["check", today, "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("\"findings\" : 0"))
        #expect(r.stdout.contains("\"rules\" : 64"))
    }

    /// The pack runs only on catalogs, unless the configuration says otherwise.
    @Test func packRunsOnCatalogsOrByConfiguration() throws {
        let plain = try CLI.run(["check", today, "--format", "json", "fixtures/acme-retail"])
        #expect(plain.stdout.contains("\"rules\" : 46"))
        let dir = try temporaryFolder()
        try FileManager.default.copyItem(at: Repository.fixture("backstage/catalog/entities.yaml"), to: dir.appendingPathComponent("entities.yaml"))
        try write("version: 1\npacks: { backstage: off }\n", ".stratlint.yaml", in: dir)
        let off = try CLI.run(["check", today, "--format", "json"], in: dir)
        #expect(off.stdout.contains("\"rules\" : 46"))
        #expect(!off.stdout.contains("backstage-dangling-reference"))
        try write("version: 1\npacks: { backstage: maybe }\n", ".stratlint.yaml", in: dir)
        let bad = try CLI.run(["check", today], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".stratlint.yaml:2:21: error: 'backstage' is on, off or auto"))
    }

    /// A Location's targets are read: a path and a glob; a missing file is reported at
    /// the target; a URL is left alone; a glob outside the repository is reported without
    /// being walked.
    @Test func locationTargets() throws {
        let r = try CLI.run(["check", today, "fixtures/backstage/locations/catalog-info.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("in 3 files"))
        // The repository's path differs between clones.
        expectGolden(r.stdout.replacingOccurrences(of: Repository.root.path, with: "<repository>"),
                     at: Repository.fixture("backstage/locations/expected.txt"))
    }

    /// Linked to the catalog, both systems are integrated and in use; without the links,
    /// the integration and technology-first rules say otherwise.
    @Test func strategyLinksSeeTheCatalog() throws {
        let linked = try CLI.run(["check", today, "fixtures/backstage/linked"])
        for rule in ["data-silo", "orphan-system", "dangling-backstage-link"] { #expect(!linked.stdout.contains("[\(rule)]"), "\(rule)") }
        let dir = try temporaryFolder()
        for name in ["strategy.yaml", "inventory.yaml", "teams.yaml", "components.yaml"] {
            let text = try #require(Repository.read(Repository.fixture("backstage/linked/\(name)")))
            let unlinked = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("backstage: ") }.joined(separator: "\n")
            try write(unlinked, name, in: dir)
        }
        let unlinked = try CLI.run(["check", today, "."], in: dir)
        #expect(unlinked.stdout.contains("System 'webshop' is integrated with no system") && unlinked.stdout.contains("[data-silo]"))
        #expect(unlinked.stdout.contains("[orphan-system]"))
    }

    /// In an audit each catalog entity is an item, owned by its spec.owner: the catalog
    /// fixture has 17 backstage.io entities with a kind (the one without is not an
    /// entity; the scaffolder Template is not inventory) and one Inventory system.
    @Test func auditCountsEntities() throws {
        let r = try CLI.run(["audit", "fixtures/backstage/catalog", today, "--format", "json"])
        #expect(r.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((document["score"] as? [String: Any])?["items"] as? Int == 18)
        let owners = (document["owners"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(owners.contains("team-shop") && owners.contains("team-shopp"))
    }
}
