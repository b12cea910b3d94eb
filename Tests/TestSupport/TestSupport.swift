import Foundation
import Testing

/// Paths of the repository, found from this file's location.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path under `fixtures/`.
    public static func fixture(_ path: String) -> URL { root.appendingPathComponent("fixtures").appendingPathComponent(path) }

    /// The public spec data (the SARIF schema, the JUnit XSD, cel-spec's conformance
    /// cases), which stays outside the repository: the folder `STRATLINT_SPEC_DATA` names,
    /// else `../shared/data` beside the repository; nil when it is absent (the tests that
    /// need it carry ``Needs/specData`` and are skipped with the reason).
    public static var specData: URL? {
        let named = ProcessInfo.processInfo.environment["STRATLINT_SPEC_DATA"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        let url = named ?? root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A file of the spec data, or a thrown error that names what is missing.
    public static func specFile(_ path: String) throws -> URL {
        guard let url = specData?.appendingPathComponent(path), FileManager.default.fileExists(atPath: url.path) else {
            throw MissingRequirement(description: "the spec data file \(path) is missing (set STRATLINT_SPEC_DATA or place the data at ../shared/data)")
        }
        return url
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

/// Something a test needs from outside the repository is not there.
public struct MissingRequirement: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// What a test needs from outside the repository, as a trait: where it is missing the
/// test is skipped and says why, never passed silently. Under `CI=true` nothing is
/// skipped: `.ci/run` provides the spec data and the tools, so a missing one fails the
/// test instead (Chromium excepted where `.ci/run` could not install it and says so in
/// `STRATLINT_NO_CHROMIUM`).
public enum Needs {
    public static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The public spec data (``Repository/specData``).
    public static var specData: ConditionTrait {
        .enabled(if: underCI || Repository.specData != nil,
                 "needs the public spec data (SARIF schema, JUnit XSD, cel-spec cases): set STRATLINT_SPEC_DATA, or place it at ../shared/data")
    }

    /// xmllint, for JUnit's XSD and well-formed XML.
    public static var xmllint: ConditionTrait {
        .enabled(if: underCI || Tools.xmllint, "needs xmllint (apt-get install libxml2-utils)")
    }

    /// Python's jsonschema, for the SARIF schema and the project's own schemas.
    public static var jsonschema: ConditionTrait {
        .enabled(if: underCI || Tools.jsonschema, "needs python3 with jsonschema (pip install jsonschema)")
    }

    /// Graphviz's `dot`, for `graph --layout graphviz`.
    public static var graphviz: ConditionTrait {
        .enabled(if: underCI || Tools.dot != nil, "needs Graphviz's dot (apt-get install graphviz)")
    }

    /// Headless Chromium, for the HTML audit.
    public static var chromium: ConditionTrait {
        let reason = ProcessInfo.processInfo.environment["STRATLINT_NO_CHROMIUM"]
        return .enabled(if: Tools.chromium != nil || (underCI && reason == nil),
                        Comment(rawValue: "needs headless Chromium (apt-get install chromium)" + (reason.map { ": \($0)" } ?? "")))
    }

    /// Neovim, whose built-in LSP client drives `stratlint lsp` as an editor would.
    public static var neovim: ConditionTrait {
        let reason = ProcessInfo.processInfo.environment["STRATLINT_NO_NEOVIM"]
        return .enabled(if: Tools.nvim != nil || (underCI && reason == nil),
                        Comment(rawValue: "needs Neovim 0.7 or later (apt-get install neovim)" + (reason.map { ": \($0)" } ?? "")))
    }

    /// A user who may not read every file: the tests' own user, or `nobody` through
    /// util-linux's setpriv when the tests run as root (who reads anything).
    public static var unprivilegedUser: ConditionTrait {
        .enabled(if: getuid() != 0 || Tools.setpriv != nil,
                 "runs as root without setpriv (util-linux): root reads every file, so none is unreadable")
    }

    /// A mount namespace of its own (`unshare --mount`, as root), to bind a folder
    /// inside itself without touching the machine's mounts.
    public static var mountNamespace: ConditionTrait {
        .enabled(if: Tools.mountNamespace, "needs `unshare --mount` (util-linux, as root) to bind a folder inside itself")
    }

    /// Which tools this machine has, looked up once.
    public enum Tools {
        public static let xmllint = succeeds(["xmllint", "--version"])
        public static let jsonschema = succeeds(["python3", "-c", "import jsonschema"])
        public static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        public static let dot = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        public static let mountNamespace = succeeds(["unshare", "--mount", "true"])
        public static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        public static let nvim = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/nvim" }.first { FileManager.default.isExecutableFile(atPath: $0) }

        static func succeeds(_ arguments: [String]) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }
}

/// Validators for what stratlint writes, using tools outside Swift: Python's
/// `jsonschema` for SARIF and `xmllint` for JUnit. A test that calls one carries the
/// matching trait of ``Needs``, so it runs only where the tool is; a tool missing all
/// the same is a failure, never a silent pass.
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
        "\(tool) is not installed; give the test the matching Needs trait, or install it"
    }
}
