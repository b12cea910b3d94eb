import Foundation
import Testing
import TestSupport

@Suite("audit command")
struct AuditCLITests {
    @Test func markdownGolden() throws {
        let r = try CLI.run(["audit", "fixtures/acme-retail", today])
        #expect(r.status == 0)
        #expect(r.stdout.contains("## Alignment score: "))
        expectGolden(r.stdout, at: Repository.fixture("audit/acme-retail.md"))
    }

    /// The JSON golden with the rule packs' digest masked: it changes with every edit of a
    /// built-in rule, and `AuditEvidenceTests` recomputes it.
    @Test func jsonGolden() throws {
        let r = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "json"])
        #expect(r.status == 0)
        let masked = r.stdout.replacingOccurrences(of: #""rulesDigest" : "[0-9a-f]{64}""#, with: #""rulesDigest" : "<sha256>""#, options: .regularExpression)
        #expect(masked != r.stdout)
        expectGolden(masked, at: Repository.fixture("audit/acme-retail.json"))
    }

    /// Same inputs, same bytes.
    @Test func deterministic() throws {
        let a = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "json"])
        let b = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "json"])
        #expect(a.stdout == b.stdout)
    }
}
