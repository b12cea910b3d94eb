import RuleLanguage
import YAML

/// Gathers the packs' schemas and checks what they name: one schema per kind, and for
/// every reference, paths that start at a kind and a rule that reports it.
enum SchemaValidation {
    static func collect(_ files: [RuleFile], diagnostics: inout [Diagnostic]) -> [String: KindSchema] {
        var schemas: [String: KindSchema] = [:]
        for file in files {
            for var schema in file.schemas {
                if let first = schemas[schema.kind.value] {
                    diagnostics.append(.error("kind '\(schema.kind.value)' already has a schema (line \(first.kind.range.start.line) of its pack '\(first.pack)')",
                                              at: schema.kind.range, hint: "a kind's schema belongs to one pack; give your kind another name"))
                    continue
                }
                schema.pack = file.pack
                schemas[schema.kind.value] = schema
            }
        }
        return schemas
    }

    /// Every reference names a rule that reports it, and the paths a `check: references`
    /// rule follows start at a kind; a closed field has a `check: values` rule to report
    /// what it does not take.
    static func validateReferences(_ schemas: [String: KindSchema], rules: [CompiledRule], diagnostics: inout [Diagnostic]) {
        let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let valuesReported = rules.contains { $0.check == .values }
        for schema in schemas.values.sorted(by: { $0.kind.value < $1.kind.value }) {
            visit(schema.root) { field in
                // A closed field's other values are reported by a `check: values` rule.
                if field.closed, !valuesReported {
                    diagnostics.append(.error("'\(field.name)' is closed, but no rule reports a value it does not take", at: field.range,
                                              hint: "add a rule with `check: values` (the built-in pack's is unknown-value), or drop `closed`"))
                }
                guard let reference = field.reference else { return }
                let rule = byID[reference.ruleID]
                // A reference described in words (`Backstage entities`) only documents
                // a rule of another pack, which may not be loaded.
                let documentary = reference.targets.contains { $0.value.contains(" ") }
                if rule == nil, !documentary {
                    let at = reference.rule?.range ?? field.range
                    diagnostics.append(.error(
                        "no rule named '\(reference.ruleID)' reports the references of '\(field.name)'", at: at,
                        hint: reference.rule == nil
                            ? "add a rule with `check: references` named dangling-reference, or name one with `rule:`"
                            : Suggestion.hint(for: reference.ruleID, among: Array(byID.keys), listing: "rules")))
                }
                // A reference the schema checks itself must point at ids in documents.
                guard rule?.check == .references else { return }
                for target in reference.targets {
                    let parts = target.value.split(separator: ".")
                    guard let first = parts.first?.unicodeScalars.first, first >= "A" && first <= "Z", parts.count >= 2,
                          parts.allSatisfy({ !$0.isEmpty }) else {
                        diagnostics.append(.error("reference target '\(target.value)' must be a path from a kind, such as Strategy.goals.id", at: target.range))
                        continue
                    }
                }
            }
        }
    }

    /// Calls `body` with every field under `root`, depth first.
    static func visit(_ root: FieldSchema, _ body: (FieldSchema) -> Void) {
        var pending = [root]
        while let next = pending.popLast() {
            body(next)
            pending += next.fields.reversed()
        }
    }
}
