import Engine
import Foundation
import Reporters
import RuleCompiler
import RuleLanguage
import YAML

/// What `scripts/fuzz.sh` feeds arbitrary bytes to. Each target must return, whatever the
/// bytes hold: no crash, no hang, no unbounded memory. The regression tests replay every
/// input a fuzzer ever found under `fixtures/fuzz/<target>/`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The YAML loader: libyaml's events to a node tree, with the default limits.
    case yaml
    /// The expression language: the bytes as an expression, then as a message template.
    case expression
    /// A rule file: parsed, compiled, and when it compiles, run on `fixtures/clean`.
    case ruleFile = "rule-file"
    /// A whole check: the bytes as one more file of `fixtures/clean`, the built-in pack,
    /// every report format.
    case check
    /// The text reports: the bytes as a file, a finding's message, fix and path, and (the
    /// first four bytes) the range a snippet underlines. What reaches the terminal must
    /// hold no control or bidi character but line breaks and tabs, and no `##[`.
    case textReport = "text-report"
    /// Backstage Location expansion: the bytes as a catalog file in a small repository
    /// (folders, a link loop, a link out of it), its targets and globs expanded.
    case location

    /// Runs the target on one input.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .yaml:
            let file = SourceTable().add(path: "fuzz.yaml", bytes: bytes)
            _ = Loader.load(file)
        case .expression:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = ExpressionParser.parse(text)
            _ = Template.parse(text)
        case .ruleFile:
            let sources = SourceTable()
            let rules = sources.add(path: "fuzz-rules.yaml", bytes: bytes)
            let (file, problems) = RuleFileParser.parse(rules)
            guard problems.isEmpty else { return }
            let (program, compileProblems) = PackCompiler.compile([file])
            guard compileProblems.isEmpty else { return }
            let workspace = Workspace.load(contents: FuzzTarget.workspace, into: sources, parallel: false)
            render(Checker.run(program, on: workspace, today: FuzzTarget.today, sources: sources))
        case .check:
            let (program, ruleSources) = FuzzTarget.builtin
            let sources = ruleSources.copy()
            let files = FuzzTarget.workspace + [(path: "/fuzz/input.yaml", contents: FileContents.bytes(bytes))]
            let workspace = Workspace.load(contents: files, into: sources, parallel: false)
            render(Checker.run(program, on: workspace, today: FuzzTarget.today, sources: sources))
        case .textReport:
            FuzzTarget.textReport(bytes)
        case .location:
            FuzzTarget.location(bytes)
        }
    }

    /// The text-report target.
    private static func textReport(_ bytes: [UInt8]) {
        guard bytes.count >= 4 else { return }
        let sources = SourceTable()
        let text = String(decoding: bytes, as: UTF8.self)
        let file = sources.add(path: String(text.prefix(40)), bytes: Array(bytes.dropFirst(4)))
        let range = SourceRange(file: file.id,
                                start: SourcePosition(line: Int(bytes[0] % 16) + 1, column: Int(bytes[1]) * 4 + 1),
                                end: SourcePosition(line: Int(bytes[2] % 16) + 1, column: Int(bytes[3]) * 4 + 1))
        let finding = Finding(ruleID: "fuzz", pitfall: .vagueGoals, severity: .warning, message: text, fix: text, file: file.path, range: range)
        let report = Report(findings: [finding], ruleProblems: [], sources: sources, fileCount: 1, rules: [])
        for output in [TextReporter().render(report), Diagnostic(.error, text, at: range, hint: text).rendered(with: sources),
                       TerminalText.escapeLines(text), GitHubReporter().render(report)] {
            let unsafe = output.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) }
            precondition(!unsafe && !output.contains("##["), "a control character or ##[ reached the output")
        }
        _ = MarkdownReporter().render(report)
        _ = JUnitReporter().render(report)
    }

    /// The location target.
    private static func location(_ bytes: [UInt8]) {
        guard let tree = FuzzTarget.tree else { return }
        let sources = SourceTable()
        let input = tree + "/catalog/input.yaml"
        let workspace = Workspace.load(contents: [(path: input, contents: .bytes(bytes))], into: sources, parallel: false)
        _ = LocationTargets.find(in: workspace, sources: sources, known: [input])
    }

    /// A small repository for the location target, made once: `.git`, catalog files in
    /// three team folders, a link loop and a link to the folder above.
    private static let tree: String? = {
        let root = NSTemporaryDirectory() + "stratlint-fuzz-tree-\(getpid())"
        let fm = FileManager.default
        do {
            for dir in [".git", "catalog", "teams/a/deep", "teams/b", "teams/c"] {
                try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
            }
            for (i, path) in ["teams/a/x.yaml", "teams/a/deep/y.yaml", "teams/b/x.yaml", "teams/c/z.yml", "catalog/other.yaml"].enumerated() {
                try "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\(i)\n".write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
            }
            try? fm.createSymbolicLink(atPath: root + "/teams/loop", withDestinationPath: root + "/teams")
            try? fm.createSymbolicLink(atPath: root + "/teams/up", withDestinationPath: "../..")
            return root
        } catch {
            return nil
        }
    }()

    private func render(_ report: Report) {
        _ = TextReporter().render(report)
        _ = JSONReporter().render(report)
        _ = SARIFReporter(repositoryRoot: "/fuzz", workingDirectory: "/fuzz").render(report)
        _ = JUnitReporter().render(report)
        _ = MarkdownReporter().render(report)
        _ = GitHubReporter().render(report)
    }

    /// The repository this file is in: fixtures are found from here, not from the
    /// working directory.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    private static let today = CivilDate(year: 2026, month: 11, day: 22) ?? CivilDate(daysSinceEpoch: 0)

    /// Builds what the targets share (the built-in pack, the clean workspace, the
    /// Location tree) before the fuzzer starts, so that none of it counts as the first
    /// input's memory when libFuzzer looks for leaks.
    public static func prepare() {
        _ = builtin
        _ = workspace
        _ = tree
    }

    /// The built-in pack, compiled once (most of a small check's time otherwise).
    private static let builtin: (Program, SourceTable) = {
        let sources = SourceTable()
        return (RulePacks.load(builtin: true, directories: [], into: sources).0, sources)
    }()

    /// `fixtures/clean`, read once.
    private static let workspace: [(path: String, contents: FileContents)] = ["strategy.yaml", "inventory.yaml"].map { name in
        let path = repositoryRoot + "/fixtures/clean/" + name
        return (path: path, contents: FileReader.read(path, maxSize: 1 << 20))
    }
}
