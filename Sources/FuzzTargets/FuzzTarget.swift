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
        }
    }

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
