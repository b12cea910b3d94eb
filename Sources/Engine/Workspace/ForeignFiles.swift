import Foundation
import RuleCompiler
import YAML

/// Files in a repository that look like YAML but are not catalog or organisation
/// content, and are never read as such (docs/backstage.md, "What is skipped").
package enum ForeignFiles {
    /// Whether `path` lies in a Helm chart's `templates/` folder (a folder beside a
    /// `Chart.yaml`): Go templates that render to YAML, not YAML.
    static func isHelmTemplate(_ path: String) -> Bool {
        guard path.contains("/templates/") else { return false }
        var url = URL(fileURLWithPath: path).deletingLastPathComponent()
        // Only the nearest few folders: charts keep templates one or two levels down.
        for _ in 0..<4 {
            guard url.path != "/" else { return false }
            if url.lastPathComponent == "templates",
               FileManager.default.fileExists(atPath: url.deletingLastPathComponent().appendingPathComponent("Chart.yaml").path) {
                return true
            }
            url = url.deletingLastPathComponent()
        }
        return false
    }

    /// The folders the scaffolder Templates of `workspace` copy from (the `url` of their
    /// `fetch:template` and `fetch:plain` steps, relative to the Template's file): the
    /// skeletons of new repositories, full of `${{ values.x }}` placeholders, that
    /// become catalog content only once a Template is run.
    static func skeletonFolders(in workspace: Workspace, sources: SourceTable) -> [String] {
        var folders: [String] = []
        let templates = workspace.documents["Template"]
        for (i, doc) in (templates ?? .empty).items.enumerated() {
            guard case .map(let template) = doc, Workspace.isBackstageEntity(template),
                  let range = templates?.range(at: i), let file = sources[range.file]?.absolutePath,
                  case .map(let spec)? = template.value(forField: "spec"), case .list(let steps)? = spec.value(forField: "steps") else { continue }
            let base = (file as NSString).deletingLastPathComponent
            for case .map(let step) in steps.items {
                guard case .string(let action)? = step.value(forField: "action"), action.hasPrefix("fetch:"),
                      case .map(let input)? = step.value(forField: "input"), case .string(let url)? = input.value(forField: "url"),
                      !url.contains("://"), !url.contains("${{") else { continue }
                let folder = URL(fileURLWithPath: url.hasPrefix("/") ? url : (base as NSString).appendingPathComponent(url)).standardizedFileURL.path
                // A skeleton is a folder below the Template's; `url: .` would hide the Template itself.
                if folder.hasPrefix(base + "/") { folders.append(folder) }
            }
        }
        return folders
    }
}

extension Workspace {
    /// This workspace without what its files under `folders` gave: documents, parse
    /// errors and suppressions.
    func removingFiles(under folders: [String], sources: SourceTable) -> Workspace {
        guard !folders.isEmpty else { return self }
        func skipped(_ absolute: String?) -> Bool {
            guard let absolute else { return false }
            return folders.contains { absolute.hasPrefix($0 + "/") }
        }
        let skippedIDs = Set(files.filter { skipped(sources[$0]?.absolutePath) })
        var result = self
        for (kind, list) in documents {
            var items: [Value] = [], ranges: [SourceRange] = []
            for (i, item) in list.items.enumerated() {
                // Every document has a position (``Workspace/load``).
                guard let range = list.range(at: i), !skippedIDs.contains(range.file) else { continue }
                items.append(item)
                ranges.append(range)
            }
            result.documents[kind] = items.isEmpty ? nil : ListValue(items, ranges: ranges)
        }
        result.files = files.filter { !skippedIDs.contains($0) }
        let skippedPaths = Set(skippedIDs.compactMap { sources[$0]?.path })
        result.parseErrors = parseErrors.filter { !skippedPaths.contains($0.file) }
        result.suppressions = suppressions.filter { !skippedIDs.contains($0.file) }
        result.fileCount = fileCount - skippedIDs.count
        result.bytes = bytes - skippedIDs.reduce(0) { $0 + (sources[$1]?.bytes.count ?? 0) }
        return result
    }
}
