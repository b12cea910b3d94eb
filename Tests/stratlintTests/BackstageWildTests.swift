import Foundation
import Testing
import TestSupport

/// Backstage catalogs as they are in the wild (issue 18, docs/backstage.md "Evaluation"):
/// an org-provider catalog with no Groups, a service repository with Kubernetes, Argo CD
/// and Helm beside its catalog file, a scaffolder template repository, and a namespaced
/// catalog that keeps its org. Each report is a golden file, read by hand.
@Suite("Backstage in the wild")
struct BackstageWildTests {
    static let catalogs = ["org-provider", "k8s-mixed", "scaffolder", "namespaced"]

    @Test(arguments: catalogs)
    func report(_ name: String) throws {
        let r = try CLI.run(["check", today, "fixtures/backstage/wild/\(name)"])
        // The service repository's catalog is clean: all it has beside it is foreign.
        #expect(r.status == (name == "k8s-mixed" ? 0 : 1), "\(r.stdout)\(r.stderr)")
        expectGolden(r.stdout, at: Repository.fixture("backstage/wild/\(name)/expected.txt"))
    }

    /// Every finding on every Backstage fixture has a file, a line and a column.
    @Test func everyFindingHasAPosition() throws {
        for folder in Self.catalogs.map({ "fixtures/backstage/wild/\($0)" }) + ["fixtures/backstage/catalog", "fixtures/backstage/locations"] {
            let r = try CLI.run(["check", today, "--format", "json", folder])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let findings = try #require(json["findings"] as? [[String: Any]])
            #expect(!findings.isEmpty || folder.hasSuffix("k8s-mixed"), "\(folder)")
            for f in findings {
                #expect((f["file"] as? String)?.isEmpty == false, "\(folder): \(f)")
                #expect(f["line"] is Int && f["column"] is Int, "\(folder): \(f)")
            }
        }
    }

    /// Kubernetes manifests, an Argo CD Application, Kustomizations, a Helm chart (its
    /// templates are Go templates, not YAML), a CI workflow, docker-compose and
    /// Backstage's own app-config.yaml sit beside the catalog file: none is judged.
    @Test func foreignFilesAreQuiet() throws {
        let r = try CLI.run(["check", today, "fixtures/backstage/wild/k8s-mixed"])
        for quiet in ["unknown-kind", "unclassified-document", "parse-error", "deploy/", "argocd/", "charts/", "app-config"] {
            #expect(!r.stdout.contains(quiet), "\(quiet)")
        }
        // A misspelt kind of a Backstage entity is still reported.
        let dir = try temporaryFolder()
        try "apiVersion: backstage.io/v1alpha1\nkind: Compnent\nmetadata: { name: x }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\n"
            .write(to: dir.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        let typo = try CLI.run(["check", today], in: dir)
        #expect(typo.stdout.contains("catalog-info.yaml:2:7: warning: No rule reads documents of kind 'Compnent'"))
        #expect(!typo.stdout.contains("'Deployment'"))
        // A template named alone is still left out, and the run says why.
        let template = "fixtures/backstage/wild/k8s-mixed/charts/orders/templates/deployment.yaml"
        let named = try CLI.run(["check", today, template])
        #expect(named.status == 2)
        #expect(named.stderr.contains("nothing to check: \(template) is a Helm chart's template (Go template text beside a Chart.yaml, not YAML)"), "\(named.stderr)")
    }

    /// A Template's skeleton (the folder its fetch:template step names) is not catalog
    /// content, even when a Location's glob would reach it; the Template itself is checked.
    @Test func skeletonsAreSkippedTemplatesChecked() throws {
        let r = try CLI.run(["check", today, "--format", "json", "fixtures/backstage/wild/scaffolder"])
        #expect(!r.stdout.contains("skeleton/"))
        #expect(!r.stdout.contains("content/"))
        #expect(r.stdout.contains("catalog-unsupported-api-version"))
        #expect(r.stdout.contains("template-step-without-action"))
    }

    /// A missing owner is reported once, at its first use, with the others as related
    /// locations (text, JSON, SARIF); quiet when the files hold no Group or User, and
    /// off with `backstage: { owners: external }`.
    @Test func missingOwnerOncePerOwner() throws {
        let dir = try temporaryFolder()
        var text = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\nspec: { type: team, children: [platform] }\n"
        for name in ["one", "two", "three"] {
            text += "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: \(name) }\n"
                + "spec: { type: service, lifecycle: experimental, owner: group:racing, system: s }\n"
        }
        text += "---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: s }\nspec: { owner: team-a }\n"
        try write(text, "catalog-info.yaml", in: dir)
        let r = try CLI.run(["check", today], in: dir)
        #expect(r.stdout.contains("catalog-info.yaml:9:56: warning: group:default/racing owns 3 entities, but is not a Group or User in the catalog"))
        #expect(r.stdout.contains("  also: catalog-info.yaml:14:56, catalog-info.yaml:19:56\n"))
        #expect(r.stdout.components(separatedBy: "[backstage-owner-not-in-catalog]").count == 2)
        #expect(r.stdout.contains("Group 'team-a' has children 'platform', but group:default/platform is not in the catalog"))
        let json = try CLI.run(["check", today, "--format", "json"], in: dir)
        #expect(json.stdout.contains("\"related\" : ["))
        let sarif = try CLI.run(["check", today, "--format", "sarif"], in: dir)
        #expect(sarif.stdout.contains("\"relatedLocations\""))
        #expect(sarif.stdout.contains("\"startLine\" : 19"))
        // Owners from an org provider: only the form is checked, of owners and of Group
        // and User relations alike.
        try write("version: 1\nbackstage: { owners: external }\n", ".stratlint.yaml", in: dir)
        let external = try CLI.run(["check", today], in: dir)
        #expect(external.status == 0, "\(external.stdout)")
        try write("version: 1\nbackstage: { owners: ldap }\n", ".stratlint.yaml", in: dir)
        let bad = try CLI.run(["check", today], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".stratlint.yaml:2:22: error: 'owners' is catalog"))
    }

    /// A service's own repository: its catalog-info.yaml names a System and APIs kept
    /// in the org's catalog. By default a reference is looked up only when the files
    /// hold some entity of its kind and, since they are no org's catalog (no Location,
    /// no Group or User), one of them is the likely meaning (a typo);
    /// `references: catalog` looks every one up, `references: external` none (their
    /// form still checked); both settings together.
    @Test func referencesOutsideTheFiles() throws {
        let dir = try temporaryFolder()
        try """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: payments-service }
            spec:
              type: service
              lifecycle: production
              owner: group:team-payments
              system: checkout
              providesApis: [payments-api]
              consumesApis: [fraud-api]
              dependsOn: [resource:payments-db, shared-cache]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: { name: payments-api }
            spec: { type: openapi, lifecycle: production, owner: group:team-payments, system: checkout, definition: "openapi: 3.0.0" }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: payments-worker }
            spec: { type: service, lifecycle: production, owner: group:team-payments, consumesApis: [payment-api] }

            """.write(to: dir.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        func dangling(_ config: String?) throws -> [String] {
            if let config { try write("version: 1\n\(config)\n", ".stratlint.yaml", in: dir) }
            let r = try CLI.run(["check", today, "--format", "json"], in: dir)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let findings = try #require(report["findings"] as? [[String: Any]])
            return findings.filter { $0["ruleId"] as? String == "backstage-dangling-reference" }.compactMap { $0["message"] as? String }
        }
        let auto = try dangling(nil)
        // Another team's API, the System and the Resource are not looked up; an API one
        // edit from the files' own is a typo; `shared-cache` names no kind, which is wrong
        // wherever the entity is.
        #expect(auto.count == 2, "\(auto)")
        #expect(auto.contains { $0.contains("consumesApis 'payment-api', but api:default/payment-api is not in the catalog; did you mean 'payments-api'?") })
        #expect(auto.contains { $0.contains("dependsOn 'shared-cache', which names no kind") })
        #expect(try dangling("backstage: { references: auto }") == auto)
        let catalog = try dangling("backstage: { references: catalog }")
        // Both systems (the component's and the API's), both APIs, the Resource, the free text.
        #expect(catalog.count == 6, "\(catalog)")
        #expect(catalog.contains { $0.contains("consumesApis 'fraud-api', but api:default/fraud-api is not in the catalog") })
        #expect(catalog.contains { $0.contains("system 'checkout', but system:default/checkout is not in the catalog") })
        #expect(catalog.contains { $0.contains("'resource:payments-db', but resource:default/payments-db is not in the catalog") })
        let external = try dangling("backstage: { owners: external, references: external }")
        #expect(external.count == 1 && external.first?.contains("shared-cache") == true, "\(external)")
        // With a Location the files are an org's catalog: every reference to a kind they
        // hold is looked up (the APIs; still not the System or the Resource).
        try write("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: root }\nspec: { targets: [./catalog-info.yaml] }\n",
                  "all.yaml", in: dir)
        let root = try dangling("backstage: { references: auto }")
        #expect(root.count == 3 && root.contains { $0.contains("'fraud-api', but api:default/fraud-api is not in the catalog") }, "\(root)")
        try write("version: 1\nbackstage: { references: partial }\n", ".stratlint.yaml", in: dir)
        let bad = try CLI.run(["check", today], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".stratlint.yaml:2:26: error: 'references' is auto"))
    }

    /// The security-metadata rule is opt-in: off by default, on with `enable:` (or a
    /// `severity:` for it), and it accepts the conventions catalogs use.
    @Test func securityMetadataIsOptIn() throws {
        let dir = try temporaryFolder()
        try """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: checkout
              annotations: { acme.com/data-classification: confidential }
              links: [{ url: "https://wiki.acme.com/security/checkout", title: Security, type: security }]
            spec: { type: service, lifecycle: production, owner: user:ana, system: shop, dependsOn: [component:payments] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: payments, tags: [pii] }
            spec: { type: service, lifecycle: production, owner: user:ana, system: shop }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata: { name: shop }
            spec: { owner: user:ana }

            """.write(to: dir.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        let off = try CLI.run(["check", today], in: dir)
        #expect(off.status == 0, "\(off.stdout)")
        for config in ["enable: [production-entity-without-security-metadata]", "severity: { production-entity-without-security-metadata: error }"] {
            try write("version: 1\n\(config)\n", ".stratlint.yaml", in: dir)
            let on = try CLI.run(["check", today], in: dir)
            // checkout has both (a prefixed annotation and a security link); payments only a tag.
            #expect(on.stdout.contains("Component 'payments' is in production but states no security contact"), "\(on.stdout)")
            #expect(!on.stdout.contains("'checkout' is in production"))
        }
        try write("version: 1\nenable: [production-entity-without-security-metadta]\n", ".stratlint.yaml", in: dir)
        let typo = try CLI.run(["check", today], in: dir)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("'enable' names rule 'production-entity-without-security-metadta'"))
    }

    /// A large catalog (2,000 components, each providing one API and consuming the next)
    /// is judged whole: no pack-level let pairs every component with every other, as
    /// `catalog_relations` did (36 s at 5,000 components, and stopped at max-steps).
    @Test func largeCatalogIsNotStopped() throws {
        let dir = try temporaryFolder()
        var docs: [String] = []
        for i in 0..<2000 {
            docs.append("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: c\(i) }\n"
                + "spec: { type: service, lifecycle: production, owner: group:g, system: s, providesApis: [a\(i)], consumesApis: [a\((i + 1) % 2000)] }\n")
            docs.append("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: { name: a\(i) }\n"
                + "spec: { type: openapi, lifecycle: production, owner: group:g, system: s, definition: x }\n")
        }
        docs.append("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: s }\nspec: { owner: group:g }\n")
        docs.append("kind: Inventory\nsystems:\n  - { id: shop, owner: it, backstage: c1 }\n  - { id: pay, owner: it, backstage: c2 }\n")
        try write(docs.joined(separator: "---\n"), "catalog-info.yaml", in: dir)
        // A step budget that linear work over 4,000 entities stays far below and pairing
        // 2,000 components with each other (4 million comparisons) goes over.
        try write("version: 1\nlimits: { max-steps: 500000 }\n", ".stratlint.yaml", in: dir)
        let r = try CLI.run(["check", today, "--format", "json"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect((summary["ruleErrors"] as? [Any])?.isEmpty == true, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
}
