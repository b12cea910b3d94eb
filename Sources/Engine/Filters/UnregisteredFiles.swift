import RuleCompiler
import RuleLanguage
import YAML

/// The engine rule `catalog-file-not-registered`: a catalog file that no Backstage
/// Location reaches, in a workspace whose catalog has a root Location. Backstage reads
/// only what its Locations name, so such a file is in the repository and nowhere else.
enum UnregisteredFiles {
    static let info = RuleInfo(
        id: "catalog-file-not-registered", title: "Catalog file that no Location reaches", pitfall: .modelIntegrity, severity: .warning,
        fix: "Add the file (or a glob that matches it) to a Location's targets, or delete it if the entities moved elsewhere.",
        docs: "Backstage reads the catalog files its Locations name, and no other. When the checked folder has a root Location (one no other Location names), a file with catalog entities that no Location reaches, directly or through other Locations, is never read by Backstage: its entities are missing from the catalog though they are in the repository.")

    /// One finding per file with Backstage entities (other than Locations) that no
    /// Location's targets reach, at its first entity's `kind:`; none when the workspace
    /// has no Location or was not read from a folder (`reached` is nil).
    static func findings(in workspace: Workspace, reached: Set<FileID>?, severity: Severity, sources: SourceTable) -> [Finding] {
        guard let reached else { return [] }
        var locationFiles = Set<FileID>()
        var firstEntity: [FileID: SourceRange] = [:]
        for (kind, list) in workspace.documents {
            for (i, doc) in list.items.enumerated() {
                guard case .map(let m) = doc, Workspace.isBackstageEntity(m), let range = list.range(at: i) else { continue }
                if kind == "Location" { locationFiles.insert(range.file); continue }
                let at = m.index(ofField: "kind").flatMap { m.range(at: $0) } ?? range
                if let known = firstEntity[range.file], known.start.line <= at.start.line { continue }
                firstEntity[range.file] = at
            }
        }
        // A root Location: in a file no other Location names.
        guard locationFiles.contains(where: { !reached.contains($0) }) else { return [] }
        return firstEntity.keys.sorted().compactMap { file in
            guard !reached.contains(file), !locationFiles.contains(file), let range = firstEntity[file] else { return nil }
            return Finding(ruleID: info.id, pitfall: info.pitfall, severity: severity,
                           message: "No Location reaches this catalog file, so Backstage never reads its entities",
                           fix: info.fix, file: sources[file]?.path ?? "", range: range)
        }
    }
}
