import YAML

/// Settings as other linters' configurations write them (ESLint, Ruff, Spectral,
/// Semgrep, yamllint), answered with stratlint's own: someone who has written
/// `.eslintrc` writes `ignorePatterns` and `rules: { id: off }` first.
enum ForeignSettings {
    /// What to write instead of another tool's key; nil for a key no tool we know uses
    /// (then the did-you-mean among stratlint's keys answers).
    static func hint(forKey key: String, value: Node) -> String? {
        /// The setting written with the user's globs, or with an example.
        func globs(_ setting: String, example: String) -> String {
            var written = [example]
            if case .sequence(let items) = value.content {
                let texts = items.prefix(4).compactMap(\.scalarText)
                if !texts.isEmpty, texts.count == min(items.count, 4) { written = texts.map { ScalarQuoting.doubleQuoted(clip($0)) } + (items.count > 4 ? ["…"] : []) }
            } else if let text = value.scalarText, !text.isEmpty {
                // yamllint writes its patterns as a block of lines.
                let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                written = lines.prefix(4).map { ScalarQuoting.doubleQuoted(clip($0)) } + (lines.count > 4 ? ["…"] : [])
            }
            return "stratlint calls it `\(setting):`, a list of globs: `\(setting): [\(written.joined(separator: ", "))]`"
        }
        switch key.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "ignorepatterns", "ignores", "ignore", "ignore-paths", "paths-ignore", "exclude-paths", "extend-exclude", "excludes", "ignored":
            return globs("exclude", example: "\"**/drafts/**\"")
        case "files", "paths", "include-paths", "includes", "only":
            return globs("include", example: "\"strategy/**\"")
        case "extends", "extend", "presets", "plugins":
            return "stratlint has no `\(key)`: the built-in packs run by default (`packs:` switches the Backstage pack); list your own packs under `rules:`"
        case "overrides", "per-file-ignores", "per-file-rules", "extend-per-file-ignores":
            return "stratlint has no settings per file: leave files out with `exclude:`, or suppress a finding where it is with"
                + " `# stratlint-disable-next-line RULE -- reason`"
        case "root":
            return "stratlint looks for .stratlint.yaml up to the repository's top folder and no further; remove `root`"
        case "fail-severity", "fail-level", "fail-on-severity", "severity-threshold", "failon", "error-on":
            return "stratlint calls it `fail-on:` (error, warning or info)"
        case "select", "extend-select":
            return "every rule runs unless `disable:` lists it; opt-in rules are switched on with `enable:`"
        case "warnings-as-errors":
            return "write `fail-on: warning` (the default)"
        default:
            return nil
        }
    }

    /// `rules: { goal-without-metric: off, initiative-without-type: warn }` as stratlint
    /// writes it: the rules switched off under `disable:`, the others under `severity:`.
    /// nil when the map is not rule settings (its values are not severities).
    static func ruleSettings(_ pairs: [Node.Pair]) -> String? {
        var off: [String] = [], on: [String] = [], severities: [String] = []
        for pair in pairs.prefix(50) {
            guard let key = pair.key.scalarText else { return nil }
            let id = clip(key)
            // ESLint: a severity alone, or first in a list with the rule's options. Numbers
            // are left alone: 0 is off to ESLint and error to Spectral.
            var setting = pair.value
            if case .sequence(let items) = setting.content, let first = items.first { setting = first }
            guard let text = setting.scalarText?.lowercased() else { return nil }
            switch text {
            case "off", "false", "none", "disabled", "ignore": off.append(id)
            case "on", "true": on.append(id)
            case "error": severities.append("\(id): error")
            case "warning", "warn": severities.append("\(id): warning")
            case "info", "hint", "information": severities.append("\(id): info")
            default: return nil
            }
        }
        func list(_ items: [String]) -> String { items.prefix(4).joined(separator: ", ") + (items.count > 4 ? ", …" : "") }
        var parts: [String] = []
        if !off.isEmpty { parts.append("`disable: [\(list(off))]`") }
        if !on.isEmpty { parts.append("`enable: [\(list(on))]` (only opt-in rules need it)") }
        if !severities.isEmpty { parts.append("`severity: { \(list(severities)) }`") }
        guard !parts.isEmpty else { return nil }
        let written = parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "") : parts.joined()
        return "`rules` lists rule packs (folders or rule files); a rule's setting is written " + written
    }
}
