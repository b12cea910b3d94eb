import Engine
import RuleCompiler
import RuleLanguage

/// Markdown pages for rules, made from the rules themselves (title, pitfall, severity,
/// fix and docs), so the documentation cannot drift from the pack.
public enum RuleDocs {
    /// A fixture file shown on a page: its name and text.
    public typealias Example = (path: String, text: String)

    /// One rule's page; `fires` and `clean` are examples from its test fixtures, where
    /// `# expect:` comments mark the lines it flags.
    public static func page(for rule: CompiledRule, fires: [Example] = [], clean: [Example] = []) -> String {
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
        if !fires.isEmpty || !clean.isEmpty {
            out += "\n## Examples from its test fixtures\n\n"
            out += "`# expect:` marks each line the rule flags (`stratlint test` checks these files).\n"
            for (title, examples) in [("Flagged", fires), ("Not flagged", clean)] {
                for e in examples {
                    out += "\n\(title), `fixtures/rules/\(rule.id)/\(e.path)`:\n\n```yaml\n" + e.text.trimmingTrailingWhitespace() + "\n```\n"
                }
            }
        }
        return out
    }

    /// Every file of `docs/rules/` for the built-in pack: the index, then a page per rule
    /// with the examples from `fixtures/rules/`. `stratlint rules docs` writes them; a
    /// test compares them with the committed pages.
    public static func builtinFolder(_ rules: [CompiledRule]) -> [(name: String, text: String)] {
        [("README.md", index(for: rules))] + rules.sorted { $0.id < $1.id }.map { rule in
            let examples = RulePacks.builtinExamples(for: rule.id)
            return ("\(rule.id).md", page(for: rule, fires: examples.fires, clean: examples.clean))
        }
    }

    /// The index: every rule, grouped by pitfall.
    public static func index(for rules: [CompiledRule]) -> String {
        var out = "# Built-in rules\n\n"
        out += "The built-in packs: `core` (the files in `rules/`) and `backstage` (`rules/backstage/`, which runs on\n"
        out += "Backstage catalogs: [docs/backstage.md](../backstage.md)). Each page below is generated from the rule's\n"
        out += "own `title`, `docs`, `fix` and test fixtures; `swift test` fails when a page is stale\n"
        out += "(regenerate them with `swift run stratlint rules docs`).\n"
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
