import RuleCompiler
import RuleLanguage
import YAML

/// The engine rule `unknown-kind`: a document whose `kind` is neither a kind of the
/// organisation model nor one that a loaded rule reads. Nothing checks such a document,
/// so a misspelt kind (`Inventry`) would otherwise hide a whole file without a word.
enum UnknownKinds {
    static let info = RuleInfo(
        id: "unknown-kind", title: "Document of a kind no rule reads", pitfall: .modelIntegrity, severity: .warning,
        fix: "Correct the kind, add a rule that reads it, or exclude the file in .stratlint.yaml if it is not an organisation document.",
        docs: "Every document's `kind` names what it describes. A kind that is not in the organisation model and that no rule reads leaves the document unchecked; usually the kind is misspelt.")

    /// The kinds of the organisation model (docs/model.md), known even when no enabled
    /// rule reads them.
    static let modelKinds: Set<String> = ["Strategy", "Inventory", Workspace.unclassified]

    /// One finding per document of an unknown kind, at its `kind:` value.
    /// `known` holds the kinds the loaded rules and the configuration name. Only documents
    /// that could be the model's are judged: those without an `apiVersion` and those
    /// whose `apiVersion` starts with one a loaded pack's schemas claim
    /// (`backstage.io/`). A Kubernetes manifest, an Argo CD Application or a Helm chart
    /// in the same repository belongs to another tool and is quiet.
    static func findings(in workspace: Workspace, known: Set<String>, apiVersions: Set<String>, severity: Severity,
                         sources: SourceTable) -> [Finding] {
        let known = known.union(modelKinds)
        let candidates = known.subtracting([Workspace.unclassified]).sorted()
        var findings: [Finding] = []
        for (kind, documents) in workspace.documents where !known.contains(kind) {
            let hint = Suggestion.hint(for: kind, among: candidates, listing: "known kinds")
            for doc in documents.items {
                guard case .map(let m) = doc, let field = m.index(ofField: "kind"), let range = m.range(at: field) else { continue }
                if let version = m.value(forField: "apiVersion") {
                    guard case .string(let v) = version, apiVersions.contains(where: { v.hasPrefix($0) }) else { continue }
                }
                // `Inventry` is a slip of the kind its collections say; `Systems` is not one
                // of the Backstage `System` its spelling is nearest.
                let holds = modelKind(holding: m)
                let said = holds.map { hint == "did you mean '\($0.kind)'?" ? hint
                    : "it holds `\($0.key)`, which \($0.kind == "Inventory" ? "an" : "a") \($0.kind) document holds: write `kind: \($0.kind)`" }
                var finding = Finding(
                    ruleID: info.id, pitfall: info.pitfall, severity: severity,
                    message: "No rule reads documents of kind '\(kind)', so this document is not checked; " + (said ?? hint),
                    fix: info.fix, file: sources[range.file]?.path ?? "", range: range)
                finding.replacement = holds?.kind
                findings.append(finding)
            }
        }
        return findings
    }

    /// The model's collections, by the kind that holds them: the model's contract
    /// (docs/model.md), like ``modelKinds``, so known with `--no-builtin` too, when the
    /// packs' schemas that also list them are not loaded.
    private static let collections: [(kind: String, keys: [String])] = [
        ("Strategy", ["goals", "initiatives"]), ("Inventory", ["systems", "integrations", "data_categories"]),
    ]

    /// The model kind of a document that holds one kind's collections as lists of items
    /// with ids (or, for integrations, ends), and the collection: `kind: Systems` above
    /// `systems:` is an Inventory, not the Backstage `System` its spelling is nearest.
    static func modelKind(holding m: MapValue) -> (kind: String, key: String)? {
        let held = collections.compactMap { kind, keys -> (String, String)? in
            keys.first { key in
                guard case .list(let l)? = m.value(forField: key) else { return false }
                return l.items.contains { item in
                    guard case .map(let x) = item else { return false }
                    return ["id", "from", "to"].contains { x.value(forField: $0) != nil }
                }
            }.map { (kind, $0) }
        }
        guard held.count == 1, let (kind, key) = held.first else { return nil }
        return (kind, key)
    }
}
