import RuleLanguage

/// The table of every reference the packs' schemas declare, with the rule that checks
/// it, as docs/model.md shows it (a test keeps the page equal to it).
public enum SchemaDocs {
    public static func referenceTable(_ schemas: [String: KindSchema]) -> String {
        var rows: [String] = []
        // The core pack's kinds first, then the others by pack; kinds by name.
        let ordered = schemas.values.sorted { ($0.pack != "core" ? 1 : 0, $0.pack, $0.kind.value) < ($1.pack != "core" ? 1 : 0, $1.pack, $1.kind.value) }
        for schema in ordered {
            walk(schema.root.fields, path: schema.kind.value) { path, field in
                guard let r = field.reference else { return }
                let targets = r.targets.map { target in
                    target.value.split(separator: ".").first?.first?.isUppercase == true && !target.value.contains(" ")
                        ? "`\(target.value)`" : target.value
                }.joined(separator: ", ")
                var notes: [String] = []
                if r.required { notes.append("required") }
                if r.whenDeclared { notes.append("once some are declared") }
                rows.append("| `\(path)` | \(targets) | \(notes.joined(separator: "; ")) | [`\(r.ruleID)`](rules/\(r.ruleID).md) |")
            }
        }
        return (["| field | names | when | checked by |", "| --- | --- | --- | --- |"] + rows).joined(separator: "\n") + "\n"
    }

    /// Calls `body` with each field and its path (`Strategy.initiatives[].supports[]`).
    private static func walk(_ fields: [FieldSchema], path: String, _ body: (String, FieldSchema) -> Void) {
        for f in fields {
            let here = path + "." + f.name + (f.type.listItem != nil ? "[]" : "")
            body(here, f)
            walk(f.fields, path: here, body)
        }
    }
}
