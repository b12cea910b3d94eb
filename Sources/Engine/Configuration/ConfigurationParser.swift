import Foundation
import RuleLanguage
import YAML

/// Reads `.stratlint.yaml` strictly: an unknown key or a bad value is an error with its
/// position, and every problem is reported at once.
public enum ConfigurationParser {
    static let keys = ["version", "rules", "disable", "severity", "include", "exclude", "vocabularies", "fail-on", "baseline", "mandatory", "kinds", "limits", "packs", "fiscal-year-start", "enable", "backstage", "respect-gitignore"]
    static let limitKeys = ["max-file-size", "max-depth", "max-alias-nodes", "max-expression-depth", "max-steps", "max-regex-steps", "max-bindings"]

    public static func parse(_ file: SourceFile, absolutePath: String) -> (Configuration, [Diagnostic]) {
        let directory = URL(fileURLWithPath: absolutePath).deletingLastPathComponent().standardizedFileURL.path
        var config = Configuration(directory: directory)
        config.file = file
        var problems: [Diagnostic] = []
        func error(_ message: String, _ node: Node, hint: String? = nil) {
            problems.append(.error(message, at: node.range, hint: hint))
        }
        let root: Node
        switch Loader.load(file) {
        case .failure(let e): return (config, [.error(e.message, at: e.range, hint: e.fix)])
        case .success(let docs):
            guard let first = docs.first else { return (config, []) }
            root = first
        }
        if case .scalar(.null) = root.content { return (config, []) }
        guard case .mapping(let pairs) = root.content else {
            error("the configuration must be a mapping of settings", root, hint: "start with `version: 1`")
            return (config, problems)
        }
        func strings(_ node: Node, _ what: String) -> [Located<String>] {
            if case .scalar(let s) = node.content, s != .null { return [Located(s.text, node.range)] }
            guard case .sequence(let items) = node.content else {
                error("'\(what)' must be a list", node)
                return []
            }
            return items.compactMap { item in
                guard case .scalar(let s) = item.content, s != .null else {
                    error("'\(what)' must hold strings", item)
                    return nil
                }
                return Located(s.text, item.range)
            }
        }
        /// The entries of a setting that must be a mapping; nil (and `shape` as the error)
        /// when it is not.
        func mapping(_ node: Node, _ shape: String) -> [Node.Pair]? {
            guard case .mapping(let pairs) = node.content else {
                error(shape, node)
                return nil
            }
            return pairs
        }
        /// The entries of a mapping setting whose keys are those of `only`; another key
        /// is an error (`unknown 'key'`, with `hint`).
        func named(_ node: Node, _ shape: String, only: Set<String>, unknown: String, hint: String) -> [Node.Pair] {
            (mapping(node, shape) ?? []).filter { entry in
                guard let key = entry.key.scalarText, only.contains(key) else {
                    error("\(unknown) '\(entry.key.scalarText ?? "?")'", entry.key, hint: hint)
                    return false
                }
                return true
            }
        }
        func severity(_ node: Node) -> Severity? {
            guard let text = node.scalarText, let s = Severity(written: text) else {
                let text = node.scalarText ?? "?"
                // ESLint's `off`: a rule is switched off by name, not by a severity.
                let off = ["off", "none", "disabled", "ignore"].contains(text.lowercased())
                error("'\(text)' is not a severity", node,
                      hint: off ? "to switch a rule off, list it under `disable:`" : "one of: error, warning, info")
                return nil
            }
            return s
        }
        func path(_ p: String) -> String {
            p.hasPrefix("/") ? p : URL(fileURLWithPath: directory).appendingPathComponent(p).standardizedFileURL.path
        }
        let boundary = RepositoryBoundary(around: directory)
        /// A path the configuration names, absolute; nil (and an error) when it leaves
        /// the repository.
        func contained(_ p: Located<String>, _ what: String, option: String) -> String? {
            let absolute = path(p.value)
            guard boundary.contains(absolute) else {
                problems.append(.error(
                    "\(what) '\(p.value)' is outside the repository \(boundary.root)", at: p.range,
                    hint: "a configuration may only name files inside its repository; to use one from elsewhere, give its absolute path with \(option)"))
                return nil
            }
            return absolute
        }
        func glob(_ s: Located<String>) -> Glob? {
            guard let g = Glob(s.value) else {
                problems.append(.error("'\(s.value)' is not a valid glob", at: s.range))
                return nil
            }
            guard !g.leavesFolder else {
                problems.append(.error(
                    "'\(s.value)' leaves the configuration's folder with '..'", at: s.range,
                    hint: "globs match paths inside the folder of .stratlint.yaml; write them relative to it without '..'"))
                return nil
            }
            return g
        }
        func globs(_ node: Node, _ what: String) -> [Glob] {
            strings(node, what).compactMap(glob)
        }
        for pair in pairs {
            let key = pair.key.scalarText ?? "?"
            let value = pair.value
            switch key {
            case "version":
                if value.scalarText != "1" { error("unsupported configuration version '\(value.scalarText ?? "?")'", value, hint: "this stratlint reads version: 1") }
            case "rules":
                if case .mapping(let settings) = value.content {
                    error("'rules' must be a list of rule packs, not a mapping", pair.key,
                          hint: ForeignSettings.ruleSettings(settings) ?? "`rules` lists folders of rule files, or rule files, relative to this file's folder")
                    continue
                }
                for pack in strings(value, key) {
                    guard let absolute = contained(pack, "rule pack", option: "--rules") else { continue }
                    // Said here, at the line that names it, rather than as a missing --rules.
                    guard FileManager.default.fileExists(atPath: absolute) else {
                        problems.append(.error("rule pack '\(pack.value)' does not exist", at: pack.range,
                                               hint: "`rules` lists folders of rule files, or rule files, relative to this file's folder"))
                        continue
                    }
                    if let outside = boundary.escape(of: absolute) {
                        problems.append(.error(
                            "rule pack '\(pack.value)' has a file outside the repository \(boundary.root): \(outside)", at: pack.range,
                            hint: "a rule pack named in the configuration must keep its files inside the repository; replace the link with the file"))
                        continue
                    }
                    config.rulePacks.append(absolute)
                }
            case "disable": config.disable = strings(value, key)
            case "enable": config.enable = strings(value, key)
            case "backstage":
                for entry in named(value, "'backstage' is a mapping, e.g. backstage: { owners: external }", only: ["owners", "references"],
                                   unknown: "unknown backstage setting",
                                   hint: "the settings are owners: catalog | external and references: auto | catalog | external") {
                    // The pack reads each setting as a vocabulary of its own.
                    let (vocabulary, allowed, meaning) = entry.key.scalarText == "owners"
                        ? (Configuration.ownerSourceVocabulary, ["catalog", "external"],
                           "'owners' is catalog (Groups and Users are in the checked files) or external (an org provider loads them)")
                        : (Configuration.referenceSourceVocabulary, ["auto", "catalog", "external"],
                           "'references' is auto (look up the kinds the files hold), catalog (the files are the whole catalog)"
                           + " or external (entities also come from other repositories)")
                    guard let source = entry.value.scalarText, allowed.contains(source) else {
                        error(meaning, entry.value)
                        continue
                    }
                    config.vocabularies[vocabulary] = .replace([source])
                    config.vocabularyRanges[vocabulary] = entry.value.range
                }
            case "mandatory": config.mandatory = strings(value, key)
            case "packs":
                for entry in named(value, "'packs' maps built-in packs to on, off or auto, e.g. packs: { backstage: on }", only: ["backstage"],
                                   unknown: "unknown pack", hint: "the built-in pack that can be switched is backstage (core always runs)") {
                    switch entry.value.scalarText {
                    case "on", "true": config.backstage = true
                    case "off", "false": config.backstage = false
                    case "auto": config.backstage = nil
                    default: error("'backstage' is on, off or auto", entry.value)
                    }
                }
            case "include": config.include = globs(value, key)
            case "exclude": config.exclude = globs(value, key)
            case "fail-on": config.failOn = severity(value)
            case "respect-gitignore":
                guard case .scalar(.bool(let on)) = value.content else {
                    error("'respect-gitignore' is true or false", value, hint: "false reads the files .gitignore leaves out, too")
                    continue
                }
                config.respectGitIgnore = on
            case "fiscal-year-start":
                // A month: its number or its English name.
                let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
                if case .scalar(.int(let m)) = value.content, (1...12).contains(m) {
                    config.fiscalYearStart = Int(m)
                } else if let name = value.scalarText?.lowercased(), let i = months.firstIndex(of: name) {
                    config.fiscalYearStart = i + 1
                } else {
                    error("'fiscal-year-start' is the month a fiscal year starts in: 1 to 12, or its name", value, hint: "for example:  fiscal-year-start: 4   (April: FY2027 ends on 2027-03-31)")
                }
            case "baseline":
                if let p = value.scalarText { config.baseline = contained(Located(p, value.range), "baseline", option: "--baseline") } else { error("'baseline' must be a file path", value) }
            case "severity":
                guard let entries = mapping(value, "'severity' maps rule ids to error, warning or info") else { continue }
                for entry in entries {
                    if let id = entry.key.scalarText, let s = severity(entry.value) {
                        config.severity.append((Located(id, entry.key.range), s))
                    }
                }
            case "kinds":
                guard let entries = mapping(value, "'kinds' maps globs to kinds, e.g. \"legacy/*.yaml\": Inventory") else { continue }
                for entry in entries {
                    guard let glob = glob(Located(entry.key.scalarText ?? "?", entry.key.range)) else { continue }
                    guard let kind = entry.value.scalarText, kind.first?.isUppercase == true else {
                        error("a kind is a capitalised name such as Inventory", entry.value)
                        continue
                    }
                    config.kinds.append((glob, kind))
                }
            case "vocabularies":
                guard let entries = mapping(value, "'vocabularies' maps names to lists of terms") else { continue }
                for entry in entries {
                    guard let name = entry.key.scalarText else { continue }
                    config.vocabularyRanges[name] = entry.key.range
                    if case .mapping(let change) = entry.value.content {
                        for c in change {
                            switch c.key.scalarText {
                            case "add": config.vocabularies[name] = .add(strings(c.value, "add").map(\.value))
                            case "replace": config.vocabularies[name] = .replace(strings(c.value, "replace").map(\.value))
                            default: error("unknown key '\(c.key.scalarText ?? "?")'", c.key, hint: "a vocabulary takes a list of terms, or { add: [...] } or { replace: [...] }")
                            }
                        }
                    } else {
                        config.vocabularies[name] = .add(strings(entry.value, name).map(\.value))
                    }
                }
            case "limits":
                guard let entries = mapping(value, "'limits' maps limit names to numbers, e.g. max-steps: 10000000") else { continue }
                for entry in entries {
                    let name = entry.key.scalarText ?? "?"
                    guard limitKeys.contains(name) else {
                        error("unknown limit '\(name)'", entry.key, hint: Suggestion.hint(for: name, among: limitKeys, listing: "limits"))
                        continue
                    }
                    guard let text = entry.value.scalarText, let n = limitValue(text, bytes: name == "max-file-size"), n > 0 else {
                        error("'\(name)' must be a positive whole number\(name == "max-file-size" ? " of bytes, or one with KiB, MiB or GiB" : "")", entry.value)
                        continue
                    }
                    if name == "max-expression-depth", n > ExpressionParser.largestMaxDepth {
                        error("'max-expression-depth' may be at most \(ExpressionParser.largestMaxDepth): a deeper expression would overflow the stack", entry.value,
                              hint: "split the expression into lets; each has a depth of its own")
                        continue
                    }
                    switch name {
                    case "max-file-size": config.limits.load.maxFileSize = n
                    case "max-depth": config.limits.load.maxDepth = n
                    case "max-alias-nodes": config.limits.load.maxAliasExpansion = n
                    case "max-expression-depth": config.limits.maxExpressionDepth = n
                    case "max-steps": config.limits.eval.maxSteps = n
                    case "max-bindings": config.limits.eval.maxBindings = n
                    default: config.limits.eval.maxRegexSteps = n
                    }
                }
            default:
                error("unknown key '\(key)'", pair.key, hint: ForeignSettings.hint(forKey: key, value: value) ?? Suggestion.hint(for: key, among: keys, listing: "keys"))
            }
        }
        // In the file's order: a setting's checks run when it is met, and some (an
        // unknown key in a mapping) are found before others written earlier.
        // Problems of no place (none yet) first, then by position, then as found.
        func order(_ p: (offset: Int, element: Diagnostic)) -> (SourcePosition, Int) {
            (p.element.range?.start ?? SourcePosition(line: 0, column: 0), p.offset)
        }
        return (config, problems.enumerated().sorted { order($0) < order($1) }.map(\.element))
    }

    /// `1000`, or for sizes `64MiB`, `512 KiB`, `1GiB`; nil if it is neither, or too large.
    static func limitValue(_ text: String, bytes: Bool) -> Int? {
        var digits = Substring(text.replacingOccurrences(of: "_", with: ""))
        var shift = 0
        if bytes {
            for (unit, s) in [("KiB", 10), ("MiB", 20), ("GiB", 30)] where digits.hasSuffix(unit) {
                digits = digits.dropLast(unit.count)
                shift = s
            }
            while digits.last == " " { digits = digits.dropLast() }
        }
        guard let n = Int(digits), n <= Int.max >> shift else { return nil }
        return n << shift
    }

    /// Errors for vocabularies the configuration changes that no pack declares.
    public static func checkVocabularies(_ config: Configuration, known: Set<String>) -> [Diagnostic] {
        config.vocabularies.keys.sorted().compactMap { name in
            known.contains(name) ? nil : .error(
                "'vocabularies' names '\(name)', which no rule pack declares", at: config.vocabularyRanges[name],
                hint: Suggestion.hint(for: name, among: Array(known), listing: "vocabularies"))
        }
    }

    /// Errors for rule ids the configuration names that no pack defines.
    public static func checkRuleIDs(_ config: Configuration, known: Set<String>) -> [Diagnostic] {
        let named = config.disable.map { ($0, "disable") } + config.enable.map { ($0, "enable") } + config.mandatory.map { ($0, "mandatory") }
            + config.severity.map { ($0.rule, "severity") }
        return named.compactMap { id, key in
            known.contains(id.value) ? nil : .error(
                "'\(key)' names rule '\(id.value)', which no rule pack defines", at: id.range,
                hint: Suggestion.hint(for: id.value, among: Array(known), listing: "rules"))
        }
    }
}
