@testable import Engine
import Testing
import TestSupport
import YAML

/// A value written once under an anchor serves every item that names it by alias: a
/// finding for such an item is at the anchor's value, where the fix goes, and names
/// the alias on the item's own line as a related place (fixtures/engine/aliases).
@Suite("Findings through an alias")
struct AliasFindingTests {
    @Test func aFindingThroughAnAliasNamesIt() throws {
        let report = try #require(EngineTests.check(["engine/aliases"]).0)
        func mfa(_ system: String) throws -> Finding {
            try #require(report.findings.first { $0.ruleID == "sensitive-system-without-mfa" && $0.message.contains("'\(system)'") })
        }
        func line(_ r: SourceRange?) -> String { "\(r?.start.line ?? 0):\(r?.start.column ?? 0)" }
        // The anchor's own system: the value, nothing related.
        #expect(line(try mfa("tms").range) == "15:12")
        #expect(try mfa("tms").related.isEmpty)
        // Through `security: *standard`: the value, and the alias.
        #expect(line(try mfa("telematics").range) == "15:12")
        #expect(try mfa("telematics").related.map { line($0) } == ["23:15"])
        // Through a merge key: the value in the merged map, and the item that merges it.
        #expect(line(try mfa("payroll").range) == "8:20")
        #expect(try mfa("payroll").related.map { line($0) } == ["24:5"])
    }
}
