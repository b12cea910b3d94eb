import RuleCompiler
import RuleLanguage

/// Markdown pages for rules, made from the rules themselves (title, pitfall, severity,
/// fix and docs), so the documentation cannot drift from the pack.
public enum RuleDocs {
    /// One rule's page.
    public static func page(for rule: CompiledRule) -> String {
        var out = "# \(rule.id)\n\n"
        out += "**\(rule.title)**\n\n"
        out += "| pitfall | default severity |\n| --- | --- |\n"
        out += "| [`\(rule.pitfall.rawValue)`](README.md#\(rule.pitfall.rawValue)) | \(rule.severity.rawValue) |\n\n"
        if let docs = rule.docs {
            out += "## Why it matters\n\n" + docs.trimmingTrailingWhitespace() + "\n\n"
        }
        if let fix = rule.fix {
            out += "## How to fix\n\n" + fix + "\n"
        }
        return out
    }

    /// The index: every rule, grouped by pitfall.
    public static func index(for rules: [CompiledRule]) -> String {
        var out = "# Built-in rules\n\n"
        out += "The built-in pack `core` (the files in `rules/`). Each page below is generated from the rule's\n"
        out += "own `title`, `docs` and `fix`; `swift test` fails when a page is stale\n"
        out += "(re-record with `STRATLINT_RECORD=1 swift test`).\n"
        for pitfall in Pitfall.allCases {
            let group = rules.filter { $0.pitfall == pitfall }.sorted { $0.id < $1.id }
            guard !group.isEmpty else { continue }
            out += "\n## \(pitfall.rawValue)\n\n\(pitfall.summary.prefix(1).uppercased() + pitfall.summary.dropFirst()).\n\n"
            out += "| rule | severity | checks |\n| --- | --- | --- |\n"
            for r in group { out += "| [`\(r.id)`](\(r.id).md) | \(r.severity.rawValue) | \(r.title) |\n" }
        }
        return out
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
