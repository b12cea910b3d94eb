import RuleCompiler
import RuleLanguage
import YAML

/// A document that is a list where a kind's document is a map: `goals.yaml` written as
/// the list of goals alone (`- id: grow-online …`), with no `kind` and no `goals:`
/// above it. The load keeps such a document aside (``Workspace/listDocuments``) when its
/// first item is a map with an `id`; it is reported, under `unclassified-document`,
/// when its items use the fields of one of the schemas' collections (at least two
/// besides `id`, `name` and names any record may have, such as `title`, `status`,
/// `type` or `role`: an Ansible play, a pre-commit hook list, an index of decision
/// records or a team page use none, or one). A list in a file the configuration gives
/// a kind (`kinds:`) is that kind's document, and the document check reports it as of
/// the wrong type.
enum ListDocuments {
    /// A list document kept for this check.
    struct Kept: Sendable {
        let items: ListValue
        let range: SourceRange
    }

    /// The collection (kind and field) whose items' fields the list's items use most,
    /// with how many distinct ones they use besides `id`, `name` and the generic ones.
    static func collection(of items: ListValue, among schemas: [KindSchema]) -> (kind: String, field: String, uses: Int)? {
        var keys = Set<String>()
        for item in items.items.prefix(20) {
            guard case .map(let m) = item else { continue }
            for key in m.keys { keys.insert(key.displayText) }
        }
        // Names any list of records may use (an ADR index's `title` and `status`, a team
        // page's `role`) are no evidence.
        keys.subtract(["id", "name", "kind", "apiVersion", "title", "status", "type", "description", "role", "notes"])
        var best: (kind: String, field: String, uses: Int)?
        for schema in schemas where schema.apiVersion == nil {
            for field in schema.root.fields where field.type.shape == .list && !field.fields.isEmpty {
                let uses = field.fields.filter { keys.contains($0.name) }.count
                if uses > (best?.uses ?? 0) { best = (schema.kind.value, field.name, uses) }
            }
        }
        return best
    }

    /// "a Strategy document is a map of fields, not a list …": the document check's
    /// message for a list in a file the configuration gives `kind`, and the collection
    /// the list stands for.
    static func wrongTypeMessage(kind: String, _ items: ListValue, _ schema: KindSchema) -> (message: String, collection: String?) {
        let article = Naming.withArticle(kind)
        let start = article.prefix(1).uppercased() + article.dropFirst() + " document is a map of fields, not a list, so rules read this one as empty"
        guard let best = collection(of: items, among: [schema]) else { return (start + ": write its fields (`kind: \(kind)`, …)", nil) }
        return (start + ": put the list under `\(best.field):` (a line `\(best.field):` above it, the items indented under it)", best.field)
    }

    /// The `unclassified-document` findings of the kept lists, if that rule runs.
    static func findings(_ kept: [Kept], program: Program, severity: (String, Severity) -> Severity, sources: SourceTable) -> [Finding] {
        guard !kept.isEmpty, let rule = program.rules.first(where: { $0.id == "unclassified-document" }) else { return [] }
        let schemas = program.schemas.keys.sorted().compactMap { program.schemas[$0] }
        return kept.compactMap { list in
            guard let best = collection(of: list.items, among: schemas), best.uses >= 2 else { return nil }
            return Finding(ruleID: rule.id, pitfall: rule.pitfall, severity: severity(rule.id, rule.severity),
                           message: "This document is a list of items like \(Naming.withArticle(best.kind))'s `\(best.field)`, with no `kind` and no `\(best.field):` key, so no rule reads it",
                           fix: "Write `kind: \(best.kind)` and `\(best.field):` above the list, and indent the items under `\(best.field):`.",
                           file: sources[list.range.file]?.path ?? "", range: list.range)
        }
    }
}
