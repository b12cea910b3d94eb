import Engine
import Foundation
@testable import Reporters
import Testing
import YAML

/// The JSON report writes findings without JSONEncoder; JSONEncoder (through
/// ``JSONText``, the reports' one encoding) stays the oracle for their bytes.
@Suite("JSON finding writer")
struct JSONFindingWriterTests {
    /// Every class of character the escapes treat differently: each C0 control, DEL, C1,
    /// the bidirectional controls and line separators, quotes, backslashes, slashes,
    /// `##[` in its forms, and text outside ASCII.
    static let texts: [String] = {
        var controls = ""
        for v in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        return [
            "", "plain", controls, "\u{7F}\u{80}\u{85}\u{9B}[31m\u{9F}", "\u{061C}\u{200E}\u{200F}\u{2028}\u{2029}\u{202A}\u{202E}\u{2066}\u{2069}",
            #"say "hi" \ back\slash / a/b"#, "##[error]forged", "###[x", "#[x", "# #[x", "##\u{1}[x", "##\"[x", "x##", "##",
            "é ü 中文 😀 \u{FFFD} \u{10FFFF}", "\u{1B}[2J\u{1B}]8;;http://x\u{7}",
        ]
    }()

    static func finding(_ text: String, range: SourceRange?, related: [SourceRange] = []) -> Finding {
        var f = Finding(ruleID: "rule-\(text.count)", pitfall: .vagueGoals, severity: .warning, message: "m: " + text,
                        fix: text.isEmpty ? nil : "fix " + text, file: "dir/" + text + ".yaml", range: range)
        f.related = related
        f.fingerprint = "fp" + text
        return f
    }

    func encoderBytes(_ json: JSONReporter.FindingJSON) throws -> String {
        try #require(JSONText.encode(json))
    }

    func writerBytes(_ json: JSONReporter.FindingJSON) -> String {
        var writer = JSONFindingWriter()
        writer.write(json, indent: 0)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test("the same bytes as JSONEncoder for every character class", arguments: texts)
    func sameBytes(text: String) throws {
        let sources = SourceTable()
        let file = sources.add(path: "other " + text + ".yaml", bytes: Array("a: 1\n".utf8))
        let here = SourceRange(file: file.id, start: SourcePosition(line: 3, column: 7), end: SourcePosition(line: 3, column: 19))
        for f in [Self.finding(text, range: here, related: [here, here]), Self.finding(text, range: nil)] {
            for fingerprint in [false, true] {
                let json = JSONReporter.FindingJSON(f, sources: sources, fingerprint: fingerprint)
                let expected = try encoderBytes(json)
                #expect(writerBytes(json) == expected)
                // The oracle really escaped something where there was something to escape.
                if text.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) && $0 != "\t" }) {
                    #expect(!expected.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) && $0 != "\n" }))
                }
            }
        }
    }

    /// The whole report, streamed in batches (encoded a wave at a time on every core),
    /// equals the report encoded at once.
    @Test("a report over several batches and waves equals the one document JSONEncoder writes")
    func wholeReport() throws {
        let sources = SourceTable()
        let file = sources.add(path: "a.yaml", bytes: Array("a: 1\n".utf8))
        let at = SourceRange(file: file.id, start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 2))
        let findings = (0..<(InBatches.batch * (2 * InBatches.wave + 1) + 3)).map { i in Self.finding(Self.texts[i % Self.texts.count], range: i % 3 == 0 ? nil : at) }
        for count in [0, 1, findings.count] {
            let report = Report(findings: Array(findings.prefix(count)), ruleProblems: [], sources: sources, fileCount: 1, rules: [])
            struct Whole: Encodable {
                let findings: [JSONReporter.FindingJSON]
                let summary: JSONReporter.Summary
                let version: Int
            }
            let whole = Whole(findings: report.findings.map { JSONReporter.FindingJSON($0, sources: sources) },
                              summary: JSONReporter().summary(report), version: 1)
            #expect(JSONReporter().render(report) == JSONReporter.encode(whole))
            // A file takes the batches' bytes as they are, not as strings.
            let written = Written()
            var out = FileOutput(name: "test") { bytes in written.append(bytes) }
            JSONReporter().write(report, to: &out)
            try out.finish()
            #expect(String(decoding: written.bytes, as: UTF8.self) == JSONReporter.encode(whole))
        }
    }

    /// What a ``FileOutput`` wrote.
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [UInt8] = []
        var bytes: [UInt8] { lock.withLock { all } }
        func append(_ bytes: UnsafeRawBufferPointer) -> Int32? {
            lock.withLock { all.append(contentsOf: bytes) }
            return nil
        }
    }

    /// Numbers are written digit by digit, without a string: the same as Swift's.
    @Test func numbersAsSwiftWritesThem() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, -1, -10, -987_654_321, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            var writer = JSONFindingWriter()
            writer.number(n)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(n))
        }
        var writer = JSONFindingWriter()
        writer.number(nil)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "null")
    }
}

