import Engine
import Foundation
import Testing
import TestSupport

/// The metrics of the built-in pack on fixtures/metrics, whose values its README
/// computes by hand.
@Suite("Metrics")
struct MetricTests {
    @Test func builtinMetricsCountByHand() throws {
        let report = try #require(check(["metrics"]).0)
        let counted = Dictionary(uniqueKeysWithValues: report.metrics.map { ($0.id, "\($0.value.holds)/\($0.value.total)") })
        #expect(counted == [
            "measurable-goals": "1/4",
            "initiatives-linked-to-goals": "2/3",
            "systems-with-owner": "1/3",
            "sensitive-systems-secured": "1/2",
            "initiatives-with-kpis": "2/3",
            "initiatives-with-employee-input": "1/3",
            "integrated-systems": "2/3",
        ])
        // In the pack's order, and without evaluation errors on these documents.
        #expect(report.metrics.first?.id == "measurable-goals")
        #expect(report.metrics.allSatisfy { $0.value.errors == 0 && !$0.value.stopped })
        #expect(!report.ruleProblems.contains { $0.ruleID.hasPrefix("metric ") })
        #expect(report.metrics.first { $0.id == "systems-with-owner" }?.value.share == 1.0 / 3)
    }

    /// With no items, a metric has no share (not 0 %, not 100 %).
    @Test func noItemsNoShare() throws {
        let report = try #require(check(["clean/inventory.yaml"]).0)
        let goals = try #require(report.metrics.first { $0.id == "measurable-goals" })
        #expect(goals.value.total == 0)
        #expect(goals.value.share == nil)
    }

    /// An organisation's own pack adds metrics after the built-in ones; `of` written as a
    /// bare expression names its items `item`. fixtures/metrics: no system is on SaaS
    /// (0 of 4); of the two sensitive systems, crm and hr, both have MFA.
    @Test func ownMetrics() throws {
        let report = try #require(check(["metrics"], rules: ["metrics/custom-pack"]).0)
        #expect(report.metrics.count == 9)
        let own = report.metrics.suffix(2).map { "\($0.id) \($0.value.holds)/\($0.value.total)" }
        #expect(own == ["systems-on-saas 0/5", "sensitive-systems-with-mfa 2/2"])
    }
}
