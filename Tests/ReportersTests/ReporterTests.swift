import Engine
import Foundation
import Reporters
import RuleLanguage
import Testing
import TestSupport
import YAML

/// The built-in pack over `paths`, with today fixed.
func report(of paths: [String], keepsSourceBytes: Bool = true) throws -> Report {
    var request = CheckRequest(today: CivilDate(iso: "2026-11-22")!)
    request.paths = paths
    request.keepsSourceBytes = keepsSourceBytes
    return try CheckRunner.run(request, sources: SourceTable()).get().report
}

func acmeReport() throws -> Report {
    try report(of: [Repository.fixture("acme-retail").path])
}

@Suite("Reporters")
struct ReporterTests {
    let golden = Repository.fixture("reporters")

    @Test func textGolden() throws {
        expectGolden(TextReporter().render(try acmeReport()), at: golden.appendingPathComponent("acme-retail.txt"))
    }

    @Test func jsonGolden() throws {
        expectGolden(JSONReporter().render(try acmeReport()), at: golden.appendingPathComponent("acme-retail.json"))
    }

    @Test func jsonShape() throws {
        let data = Data(JSONReporter().render(try acmeReport()).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["version"] as? Int == 1)
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(findings.count == 34)
        for f in findings {
            for key in ["ruleId", "pitfall", "severity", "message", "fix", "file", "line", "column", "endLine", "endColumn"] {
                #expect(f[key] != nil, "finding lacks \(key)")
            }
        }
        let summary = try #require(root["summary"] as? [String: Any])
        #expect((summary["bySeverity"] as? [String: Int])?["error"] == 5)
        #expect((summary["byPitfall"] as? [String: Int])?["missing-security"] == 7)
    }

    /// A check whose reports show no line lets go of the documents' bytes (issue 19):
    /// every format that does not say it quotes lines renders the same report without
    /// them, so that one which starts to quote them must say so.
    @Test func onlyFormatsThatQuoteLinesNeedTheBytes() throws {
        let paths = [Repository.fixture("acme-retail").path, Repository.fixture("invalid/inputs/not-yaml.yaml").path]
        let kept = try report(of: paths), released = try report(of: paths, keepsSourceBytes: false)
        #expect(kept.findings.count == released.findings.count && !kept.findings.isEmpty)
        #expect(released.sources.all.contains { $0.bytesReleased } && !kept.sources.all.contains { $0.bytesReleased })
        for format in ReportFormats.check {
            func render(_ report: Report) -> String {
                var out = ""
                format.init(context: ReportContext()).write(report, to: &out)
                return out
            }
            if format.quotesSourceLines {
                #expect(render(kept) != render(released), "\(format.name) quotes lines")
            } else {
                #expect(render(kept) == render(released), "\(format.name) renders the same without the bytes")
            }
        }
    }

    /// The summary says how many findings the baseline accepted and --new-since hid.
    @Test func summarySaysWhatTheBaselineAccepted() throws {
        var report = try acmeReport()
        report.acceptedByBaseline = 1
        #expect(TextReporter().render(report).contains(" in \(report.fileCount) files. 1 more is accepted by the baseline.\n"))
        report.acceptedByBaseline = 3
        report.findings = []
        #expect(TextReporter().render(report).hasSuffix("rules). 3 are accepted by the baseline.\n"))
        report.alreadyThere = 2
        report.revision = "origin/main"
        #expect(TextReporter().render(report).hasSuffix("rules). 3 are accepted by the baseline. 2 are already there at origin/main.\n"))
        report.acceptedByBaseline = 0
        report.alreadyThere = 0
        #expect(!TextReporter().render(report).contains("baseline"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let report = try acmeReport()
        #expect(!TextReporter(colour: false).render(report).contains("\u{1B}["))
        #expect(TextReporter(colour: true).render(report).contains("\u{1B}[1;31merror:"))
    }
}
