import Engine
import Foundation
import Testing
import TestSupport
import YAML

@Suite("Baseline")
struct BaselineTests {
    /// The acme-retail baseline: sorted, one entry per line, no line numbers.
    @Test func baselineFileIsSortedAndLineFree() throws {
        let report = try #require(check(["acme-retail"]).0)
        let text = Baseline(findings: report.findings).rendered()
        expectGolden(text, at: Repository.fixture("baseline/acme-retail.baseline.json"))
        let entries = text.split(separator: "\n").filter { $0.hasPrefix("    {") }
        #expect(entries.count == report.findings.count)
        #expect(!text.contains("\"line\""))
        #expect(text.contains("\"path\":\"Inventory.systems[id=crm].security.mfa\""))
    }

    /// Today's findings, baselined, leave nothing to report.
    @Test func baselineHidesTodaysFindings() throws {
        let (report, problems) = check(["acme-retail"]) { $0.baselinePath = Repository.fixture("baseline/acme-retail.baseline.json").path }
        #expect(problems.isEmpty)
        #expect(try #require(report).findings.isEmpty)
    }

    /// Moving lines does not break a match; fixing a finding makes its entry stale, and a
    /// new finding is still reported.
    @Test func movedLinesStillMatchFixedOnesAreStale() throws {
        let copy = try temporaryCopy(of: "acme-retail")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let systems = copy.appendingPathComponent("inventory/systems.yaml")
        let text = try #require(Repository.read(systems))
        // Ten lines more at the top of the file: every finding in it moves down.
        let moved = "# Moved down by ten lines.\n" + String(repeating: "#\n", count: 9) + text
        try Data(moved.utf8).write(to: systems)
        let baseline = Repository.fixture("baseline/acme-retail.baseline.json").path
        let afterMove = try #require(check([copy.path]) { $0.baselinePath = baseline }.0)
        #expect(afterMove.findings.isEmpty, "\(afterMove.findings.map(\.message))")

        // Fix crm's MFA (the one `mfa: false`) and add a system with no backups.
        let fixed = moved.replacingOccurrences(of: "      mfa: false", with: "      mfa: true")
            + "  - id: fax-server\n    owner: cio\n    supports: [omnichannel]\n"
        try Data(fixed.utf8).write(to: systems)
        let report = try #require(check([copy.path]) { $0.baselinePath = baseline }.0)
        let stale = report.findings.filter { $0.ruleID == "stale-baseline-entry" }
        #expect(stale.count == 1)
        #expect(stale.first?.message == "Baseline entry for 'sensitive-system-without-mfa' at Inventory.systems[id=crm].security.mfa in fixtures/acme-retail/inventory/systems.yaml matches no finding any more; remove it")
        #expect(stale.first?.file == "fixtures/baseline/acme-retail.baseline.json")
        let entryLine = try #require(Repository.read(Repository.fixture("baseline/acme-retail.baseline.json")))
            .split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("Inventory.systems[id=crm].security.mfa") }
        #expect(stale.first?.range?.start.line == Int32((entryLine ?? -2) + 1))
        let new = report.findings.filter { $0.ruleID != "stale-baseline-entry" }
        #expect(!new.isEmpty)
        #expect(new.allSatisfy { $0.message.contains("fax-server") }, "\(new.map(\.message))")
        #expect(report.rules.contains { $0.id == "stale-baseline-entry" })
    }

    /// Entries of a rule that did not run are not stale: nothing says their finding is gone.
    @Test func entriesOfRulesNotRunAreLeftAlone() throws {
        let report = try #require(check(["acme-retail"], config: "baseline/disable-mfa.yaml") {
            $0.baselinePath = Repository.fixture("baseline/acme-retail.baseline.json").path
        }.0)
        #expect(report.findings.isEmpty)
    }

    @Test(arguments: ["not-json", "no-version", "entry-without-rule"])
    func invalidBaselines(_ name: String) throws {
        let url = Repository.fixture("baseline/invalid/\(name).json")
        let sources = SourceTable()
        var request = CheckRequest(today: fixedToday)
        request.paths = [Repository.fixture("clean").path]
        request.baselinePath = url.path
        guard case .failure(let failure) = CheckRunner.run(request, sources: sources) else {
            Issue.record("\(name) was accepted")
            return
        }
        for d in failure.diagnostics { #expect(d.range != nil) }
        expectGolden(failure.diagnostics.map { $0.rendered(with: sources) }.joined(separator: "\n"),
                     at: Repository.fixture("baseline/invalid/\(name).expected"))
    }
}
