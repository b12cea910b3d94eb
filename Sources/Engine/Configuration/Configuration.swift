import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// `.stratlint.yaml`: one file, `version: 1`, every path in it relative to its folder.
///
/// ```yaml
/// version: 1
/// rules: [policies/]                  # extra rule packs
/// disable: [orphan-system]
/// severity: { data-silo: error }
/// include: ["strategy/**", "inventory/**"]
/// exclude: ["**/drafts/**"]
/// vocabularies:
///   vague-terms: [synergise]           # added to the pack's terms
///   sensitive-data: { replace: [customer-pii, payments] }
/// fail-on: error
/// baseline: .stratlint-baseline.json
/// mandatory: [sensitive-system-without-mfa]
/// kinds: { "legacy/*.yaml": Inventory }
/// limits: { max-file-size: 64MiB, max-steps: 10000000 }
/// ```
public struct Configuration: Sendable {
    /// How a configuration changes a vocabulary.
    public enum VocabularyChange: Sendable, Hashable {
        case add([String])
        case replace([String])
    }

    /// The file, as the user sees it; nil for the defaults.
    public var file: SourceFile?
    /// The absolute folder paths in the file are relative to.
    public var directory: String
    public var rulePacks: [String] = []
    public var disable: [Located<String>] = []
    /// Opt-in rules to run (`enable:`).
    public var enable: [Located<String>] = []
    public var severity: [(rule: Located<String>, severity: Severity)] = []
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var vocabularies: [String: VocabularyChange] = [:]
    /// Where each vocabulary name is written, for errors.
    public var vocabularyRanges: [String: SourceRange] = [:]
    public var failOn: Severity?
    /// The month (1–12) a fiscal year starts in, to read `FY2027` deadlines; nil: none.
    public var fiscalYearStart: Int?
    public var baseline: String?
    public var mandatory: [Located<String>] = []
    /// `packs: { backstage: on|off|auto }`: whether the built-in `backstage` pack runs;
    /// nil (auto) runs it when the workspace holds a Backstage entity.
    public var backstage: Bool?
    public var kinds: [(glob: Glob, kind: String)] = []
    /// `respect-gitignore`: whether a folder walk leaves out what the repository's
    /// `.gitignore` files do (``GitIgnore``).
    public var respectGitIgnore = true
    public var limits = Limits()

    /// Bounds on what one file or one rule may cost (`limits:`). Each has a default that no
    /// real organisation should meet; docs/robustness.md lists them.
    public struct Limits: Sendable {
        /// `max-file-size`, `max-depth`, `max-alias-nodes`.
        public var load = LoadLimits()
        /// `max-expression-depth`.
        public var maxExpressionDepth = ExpressionParser.defaultMaxDepth
        /// `max-steps`, `max-regex-steps`.
        public var eval = EvalLimits()

        public init() {}
    }

    public init(directory: String) { self.directory = directory }

    public static let fileNames = [".stratlint.yaml", ".stratlint.yml"]

    /// The nearest `.stratlint.yaml` from `directory` up, if any. In a git repository the
    /// search stops at the repository's top folder: a file above it (in the home folder
    /// of a CI runner) configures no check of the repository.
    public static func find(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        let top = RepositoryRoot.enclosing(directory)
        while true {
            for name in fileNames {
                let candidate = url.appendingPathComponent(name).path
                var info = stat()
                if lstat(candidate, &info) == 0 { return candidate }  // a dangling link too: say so
            }
            if url.path == top { return nil }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// The path of `absolute` relative to the configuration's folder (nil outside it).
    public func relative(_ absolute: String) -> String? {
        absolute.hasPrefix(directory + "/") ? String(absolute.dropFirst(directory.count + 1)) : nil
    }

    /// Whether a file is in the workspace by `include` and `exclude`.
    public func admits(_ absolute: String) -> Bool {
        guard let rel = relative(absolute) else { return include.isEmpty && exclude.isEmpty }
        if !include.isEmpty, !include.contains(where: { $0.matches(rel) }) { return false }
        return !exclude.contains { $0.matches(rel) }
    }

    /// The kind for a document without one in `absolute`, from `kinds`.
    public func kind(for absolute: String) -> String? {
        guard let rel = relative(absolute) else { return nil }
        return kinds.first { $0.glob.matches(rel) }?.kind
    }

    /// The severity of a rule after the configuration's overrides.
    public func severity(of rule: String, default value: Severity) -> Severity {
        severity.last { $0.rule.value == rule }?.severity ?? value
    }

    /// A rule the engine itself runs (`useless-suppression`, `stale-baseline-entry`) as
    /// configured: nil when `disable` names it, else with its configured severity.
    /// The rules of `program` not to run: those `disable` names, and the opt-in rules
    /// that neither `enable` nor `severity` names.
    public func disabledRules(in program: Program) -> Set<String> {
        var off = Set(disable.map(\.value))
        let on = Set(enable.map(\.value)).union(severity.map(\.rule.value))
        for rule in program.rules where rule.optIn && !on.contains(rule.id) { off.insert(rule.id) }
        return off
    }

    /// The backstage pack's vocabulary that `backstage: { owners: … }` sets: where the
    /// catalog's Groups and Users come from (rules/backstage/catalog.yaml reads it).
    public static let ownerSourceVocabulary = "backstage-owner-source"
    /// The backstage pack's vocabulary that `backstage: { references: … }` sets: whether
    /// the checked files are the whole catalog, so that a reference to an entity they
    /// do not hold is a dangling one (rules/backstage/catalog.yaml reads it).
    public static let referenceSourceVocabulary = "backstage-reference-source"

    func configured(_ info: RuleInfo) -> RuleInfo? {
        guard !disable.contains(where: { $0.value == info.id }) else { return nil }
        var info = info
        info.severity = severity(of: info.id, default: info.severity)
        return info
    }
}
