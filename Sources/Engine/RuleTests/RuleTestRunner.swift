import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// `stratlint test`: runs rules on annotated fixtures, as `semgrep --test` does.
///
/// A fixtures folder holds one folder per rule, named by its id. In it, each YAML file
/// is a workspace of its own, and each sub-folder is one workspace of all its files (for
/// rules that need several documents). Comments say what must be found:
///
/// ```yaml
/// # expect: goal-without-deadline          <- on the next line that holds YAML
/// - id: grow
///   title: Improve things   # expect: vague-goal-title   <- on this line
///   target: 5               # expect-not: goal-without-numeric-target
/// ```
///
/// For each folder, the rules checked are its own and every rule an annotation names;
/// a finding of one of them must be expected on its start line, and every expectation
/// must be found. A folder whose rule is never expected fails: it would prove nothing.
public enum RuleTestRunner {
    public struct Request: Sendable {
        /// Folders holding `<rule-id>/` folders.
        public var fixtureRoots: [String]
        public var ruleDirectories: [String] = []
        public var builtin = true
        /// Test only these rules (empty: every rule loaded, or with `packRulesOnly` every
        /// rule of `ruleDirectories`).
        public var rules: Set<String> = []
        /// Test the rules of `ruleDirectories` only, not the built-in ones loaded beside them.
        public var packRulesOnly = false
        public var today: CivilDate

        public init(fixtureRoots: [String], today: CivilDate) {
            self.fixtureRoots = fixtureRoots
            self.today = today
        }
    }

    /// A difference between what a fixture expects and what the rules found.
    public struct Mismatch: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// Expected, not found.
            case missing
            /// Found, not expected (with the finding's message).
            case unexpected(String)
            /// The folder never expects its own rule.
            case vacuous
            /// An annotation names a rule no pack defines.
            case unknownRule
            /// The rule could not be evaluated on an item of the fixture (the error),
            /// as `check` reports it: a fixture must not pass by failing quietly.
            case evaluationError(String)
        }

        public var kind: Kind
        public var rule: String
        public var file: String
        public var line: Int
    }

    /// One rule's folder.
    public struct Result: Sendable {
        public var rule: String
        /// The workspaces run (files and folders, as displayed).
        public var fixtures: [String]
        public var mismatches: [Mismatch]
        public var passed: Bool { mismatches.isEmpty }
    }

    public struct Outcome: Sendable {
        public var results: [Result]
        /// Rules under test with no folder.
        public var untested: [String]
        public var passed: Bool { results.allSatisfy(\.passed) }
    }

    public static func run(_ request: Request, sources: SourceTable) -> Swift.Result<Outcome, CheckFailure> {
        let (program, ruleProblems) = RulePacks.load(builtin: request.builtin, directories: request.ruleDirectories, into: sources)
        guard ruleProblems.isEmpty else { return .failure(CheckFailure(diagnostics: ruleProblems, inRules: true)) }
        let known = Set(program.rules.map(\.id))
        let tested = !request.rules.isEmpty ? request.rules
            : request.packRulesOnly ? Set(program.rules.filter { !RulePacks.isBuiltin($0, in: sources) }.map(\.id)) : known
        var problems: [Diagnostic] = []
        var folders: [(rule: String, path: String)] = []
        let fm = FileManager.default
        for root in request.fixtureRoots {
            guard let names = try? fm.contentsOfDirectory(atPath: root) else {
                problems.append(.error("cannot read the fixtures folder \(root)", at: nil, hint: "give an existing folder with --fixtures"))
                continue
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = URL(fileURLWithPath: root).appendingPathComponent(name).path
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                guard known.contains(name) else {
                    problems.append(.error("fixture folder \(FileDiscovery.displayPath(path)) names no rule", at: nil,
                                           hint: Suggestion.hint(for: name, among: Array(known), listing: "rules")))
                    continue
                }
                if tested.contains(name) { folders.append((name, path)) }
            }
        }
        guard problems.isEmpty else { return .failure(CheckFailure(diagnostics: problems, inRules: false)) }
        var results: [Result] = []
        for folder in folders {
            results.append(test(folder.rule, in: folder.path, program: program, known: known, today: request.today, sources: sources))
        }
        let covered = Set(folders.map(\.rule))
        return .success(Outcome(results: results, untested: tested.subtracting(covered).sorted()))
    }

    /// Runs the workspaces of one rule's folder and compares.
    static func test(_ rule: String, in folder: String, program: Program, known: Set<String>, today: CivilDate, sources: SourceTable) -> Result {
        let fm = FileManager.default
        let entries = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var units: [String] = []
        for name in entries {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue || name.hasSuffix(".yaml") || name.hasSuffix(".yml") { units.append(path) }
        }
        var mismatches: [Mismatch] = []
        var expectsOwnRule = false
        for unit in units {
            let files = FileDiscovery.files(under: [unit]).files
            let before = sources.all.count
            let workspace = Workspace.load(files, into: sources)
            // A rule's fixtures test it whether or not it is opt-in.
            var configuration = Configuration(directory: "")
            configuration.enable = program.rules.filter(\.optIn).map { Located($0.id, $0.range) }
            let report = Checker.run(program, on: workspace, today: today, sources: sources, configuration: configuration)
            // What the comments expect, by rule, file and line.
            var expected = Set<Key>()
            var checked: Set<String> = [rule, "parse-error"]
            for file in sources.all.dropFirst(before) {
                for a in annotations(in: file) {
                    guard known.contains(a.rule) else {
                        mismatches.append(Mismatch(kind: .unknownRule, rule: a.rule, file: file.path, line: a.line))
                        continue
                    }
                    checked.insert(a.rule)
                    if a.expected {
                        expected.insert(Key(rule: a.rule, file: file.path, line: a.line))
                        if a.rule == rule { expectsOwnRule = true }
                    }
                }
            }
            var found: [Key: String] = [:]
            for f in report.findings where checked.contains(f.ruleID) {
                found[Key(rule: f.ruleID, file: f.file, line: f.range.map { Int($0.start.line) } ?? 0)] = f.message
            }
            for problem in report.ruleProblems where checked.contains(problem.ruleID) {
                let at = problem.item ?? problem.range
                let file = at.flatMap { sources[$0.file]?.path } ?? FileDiscovery.displayPath(unit)
                mismatches.append(Mismatch(kind: .evaluationError("\(problem.message) (\(problem.count) item\(problem.count == 1 ? "" : "s"))"),
                                           rule: problem.ruleID, file: file, line: at.map { Int($0.start.line) } ?? 0))
            }
            for key in expected.subtracting(found.keys) { mismatches.append(key.mismatch(.missing)) }
            for (key, message) in found where !expected.contains(key) { mismatches.append(key.mismatch(.unexpected(message))) }
        }
        if !expectsOwnRule {
            mismatches.append(Mismatch(kind: .vacuous, rule: rule, file: FileDiscovery.displayPath(folder), line: 0))
        }
        mismatches.sort { ($0.file, $0.line, $0.rule) < ($1.file, $1.line, $1.rule) }
        return Result(rule: rule, fixtures: units.map(FileDiscovery.displayPath), mismatches: mismatches)
    }

    /// A finding or an expectation: a rule on a line of a file.
    private struct Key: Hashable {
        var rule: String
        var file: String
        var line: Int
        func mismatch(_ kind: Mismatch.Kind) -> Mismatch { Mismatch(kind: kind, rule: rule, file: file, line: line) }
    }

    struct Annotation {
        var rule: String
        var line: Int
        /// `expect:` (true) or `expect-not:` (false).
        var expected: Bool
    }

    /// The `# expect:` and `# expect-not:` comments of a file.
    static func annotations(in file: SourceFile) -> [Annotation] {
        guard case .success(let roots) = Loader.load(file) else { return [] }
        let comments = Comments(file, roots: roots, containing: "expect")
        var found: [Annotation] = []
        for c in comments.comments {
            let expected: Bool
            let rest: Substring
            if c.text.hasPrefix("expect:") {
                (expected, rest) = (true, c.text.dropFirst("expect:".count))
            } else if c.text.hasPrefix("expect-not:") {
                (expected, rest) = (false, c.text.dropFirst("expect-not:".count))
            } else {
                continue
            }
            guard let line = c.alone ? comments.nextContentLine(after: c.line) : c.line else { continue }
            // Text after `--` is a note for the reader.
            let ids = rest.range(of: "--").map { rest[..<$0.lowerBound] } ?? rest
            for id in ids.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                found.append(Annotation(rule: String(id), line: line, expected: expected))
            }
        }
        return found
    }
}
