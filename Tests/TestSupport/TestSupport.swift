import Foundation
import Testing

/// Paths of the repository, found from this file's location.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path under `fixtures/`.
    public static func fixture(_ path: String) -> URL { root.appendingPathComponent("fixtures").appendingPathComponent(path) }

    /// `../shared/data/` beside the repository, where the public spec data lives; nil
    /// when it is absent (tests that need it then say so and skip).
    public static var sharedData: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    public static func read(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Compares `actual` with the golden file at `url`. With `STRATLINT_RECORD=1` in the
/// environment it writes the file instead (and the test still fails, so a recording run
/// is never mistaken for a passing one).
public func expectGolden(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
    if ProcessInfo.processInfo.environment["STRATLINT_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        Issue.record("recorded \(url.path); run again without STRATLINT_RECORD", sourceLocation: sourceLocation)
        return
    }
    guard let expected = Repository.read(url) else {
        Issue.record("missing golden file \(url.path); run with STRATLINT_RECORD=1 to create it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let i = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        let line = { (xs: [Substring]) in i < xs.count ? String(xs[i]) : "<end>" }
        Issue.record("""
            \(url.lastPathComponent) differs at line \(i + 1):
              expected: \(line(e))
              actual:   \(line(a))
            (re-record with STRATLINT_RECORD=1 if the change is intended)
            """, sourceLocation: sourceLocation)
    }
}

/// One row of a table-driven test: an input text and what it should give.
public struct Case<Expected: Sendable>: Sendable, CustomTestStringConvertible {
    public let text: String
    public let expected: Expected
    public init(_ text: String, _ expected: Expected) {
        self.text = text
        self.expected = expected
    }
    public var testDescription: String { text }
}

/// Validators for what stratlint writes, using tools outside Swift: Python's
/// `jsonschema` for SARIF and `xmllint` for JUnit. When a tool is missing the check is
/// skipped with a message, except under `CI=true` (where `.ci/run` installs them), where
/// a missing tool fails the test.
public enum ExternalValidator {
    /// nil when valid; the validator's complaint otherwise.
    public static func jsonSchema(_ json: String, schema: URL, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(3)
            jsonschema.validate(json.load(sys.stdin), json.load(open(sys.argv[1])))
            """
        return run(["python3", "-c", script, schema.path], input: json, tool: "python3 with jsonschema (pip install jsonschema)", sourceLocation: sourceLocation)
    }

    public static func xmlSchema(_ xml: String, xsd: URL, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        run(["xmllint", "--noout", "--schema", xsd.path, "-"], input: xml, tool: "xmllint (apt-get install libxml2-utils)", sourceLocation: sourceLocation)
    }

    /// nil when `xml` is well-formed XML.
    public static func wellFormedXML(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        run(["xmllint", "--noout", "-"], input: xml, tool: "xmllint (apt-get install libxml2-utils)", sourceLocation: sourceLocation)
    }

    private static func run(_ arguments: [String], input: String, tool: String, sourceLocation: SourceLocation) -> String? {
        // A validator that is missing exits at once; writing to it must not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe(), output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch { return missing(tool, sourceLocation) }
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return nil
        case 3, 127: return missing(tool, sourceLocation)
        default: return text.isEmpty ? "invalid" : text
        }
    }

    private static func missing(_ tool: String, _ sourceLocation: SourceLocation) -> String? {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            return "\(tool) is required under CI=true"
        }
        print("schema validation skipped: \(tool) is not installed")
        return nil
    }
}
