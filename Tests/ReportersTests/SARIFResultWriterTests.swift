import Engine
import Foundation
@testable import Reporters
import RuleLanguage
import Testing
import YAML

/// SARIF results are written without JSONEncoder (issue 19); JSONEncoder, through
/// ``JSONText``, stays the oracle for the bytes of the whole log.
@Suite("SARIF result writer")
struct SARIFResultWriterTests {
    /// Every character class the escapes treat differently, in messages, paths, logical
    /// paths and fingerprints; results with and without a position, related places, a
    /// logical path, a rule index (a parse error has none in the rules) and a base id
    /// (a file outside the repository has none); enough of them for several waves.
    @Test func theSameLogAsJSONEncoder() throws {
        let sources = SourceTable()
        var findings: [Finding] = []
        let texts = JSONFindingWriterTests.texts
        for (i, text) in texts.enumerated() {
            let file = sources.add(path: "dir/" + text + ".yaml", bytes: Array("a: 1\n".utf8))
            let here = SourceRange(file: file.id, start: SourcePosition(line: i + 1, column: 7), end: SourcePosition(line: i + 2, column: 19))
            var f = JSONFindingWriterTests.finding(text, range: i % 4 == 3 ? nil : here, related: i % 2 == 0 ? [here, here] : [])
            f.logicalPath = i % 3 == 0 ? nil : "Inventory.systems[id=\(text)].security"
            if i % 5 == 4 { f.file = "/outside/" + text + ".yaml" }
            findings.append(f)
        }
        let many = (0..<(InBatches.batch * (2 * InBatches.wave + 1) + 3)).map { findings[$0 % findings.count] }
        let rules = Set(findings.map(\.ruleID)).sorted().dropFirst().map { id in
            RuleInfo(id: id, title: "T " + id, pitfall: .vagueGoals, severity: .warning, fix: nil, docs: nil)
        }
        let sarif = SARIFReporter(repositoryRoot: "/repo", workingDirectory: "/repo")
        for set in [[], Array(findings.prefix(1)), findings, many] {
            let report = Report(findings: set, ruleProblems: [], sources: sources, fileCount: 1, rules: rules)
            let (log, results) = sarif.log(report)
            let runs = log.runs.map { SARIFReporter.Run(tool: $0.tool, columnKind: $0.columnKind, results: results, invocations: $0.invocations) }
            let expected = try #require(JSONText.encode(SARIFReporter.Log(runs: runs))) + "\n"
            #expect(sarif.render(report) == expected, "\(set.count) findings")
        }
    }
}
