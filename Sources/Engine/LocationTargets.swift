import Foundation
import RuleCompiler
import YAML

/// Backstage `Location` entities name more catalog files (`spec.target`,
/// `spec.targets`), relative to the Location's own file. stratlint checks those files
/// too, as Backstage would read them: a file named but not found, or outside the
/// repository, is a `parse-error` finding at the target, and the other files are still
/// checked. URLs are left to Backstage.
enum LocationTargets {
    /// The files the Location entities of `workspace` name that are not in `known`
    /// (absolute paths), and the findings for targets that cannot be read.
    static func find(in workspace: Workspace, sources: SourceTable, known: Set<String>) -> (files: [String], problems: [Finding]) {
        var files: [String] = [], problems: [Finding] = []
        var seen = known
        for doc in workspace.documents["Location"]?.items ?? [] {
            guard case .map(let location) = doc, case .string(let version)? = location.value(forField: "apiVersion"),
                  version.hasPrefix("backstage.io/"), case .map(let spec)? = location.value(forField: "spec") else { continue }
            var targets: [(String, SourceRange?)] = []
            for field in ["target", "targets"] {
                guard let i = spec.index(ofField: field) else { continue }
                switch spec.values[i] {
                case .string(let t): targets.append((t, spec.range(at: i)))
                case .list(let l):
                    for (j, item) in l.items.enumerated() { if case .string(let t) = item { targets.append((t, l.range(at: j))) } }
                default: break
                }
            }
            for (target, range) in targets where !target.contains("://") {
                guard let range, let file = sources[range.file], let base = file.absolutePath else { continue }
                let folder = (base as NSString).deletingLastPathComponent
                let boundary = RepositoryBoundary(around: folder)
                let outside = Workspace.parseError(
                    "Location target '\(target)' is outside the repository \(boundary.root), so it is not read", file: file.path, range: range,
                    fix: "Keep catalog files inside the repository, or check that folder on its own.")
                // A glob is walked only inside the repository: `/**/*.yaml` must not
                // walk the whole disk.
                let (root, pattern) = split(target, from: folder)
                guard boundary.contains(root) else {
                    problems.append(outside)
                    continue
                }
                let matches = expand(root, pattern)
                if matches.isEmpty {
                    problems.append(Workspace.parseError(
                        "Location target '\(target)' names no file", file: file.path, range: range,
                        fix: "Correct the path (relative to this file), or remove the target; the other files were still checked."))
                }
                for path in matches where !seen.contains(path) {
                    seen.insert(path)
                    // A link inside the repository may still lead out of it.
                    guard boundary.contains(path) else {
                        problems.append(outside)
                        continue
                    }
                    files.append(path)
                }
            }
        }
        return (files.sorted(), problems)
    }

    /// `target` made absolute from `folder`, as the fixed path before its first wildcard
    /// and the glob pattern after it (nil when there is no wildcard).
    static func split(_ target: String, from folder: String) -> (root: String, pattern: String?) {
        let absolute = target.hasPrefix("/") ? target : (folder as NSString).appendingPathComponent(target)
        let path = URL(fileURLWithPath: absolute).standardizedFileURL.path
        guard path.contains(where: { "*?[".contains($0) }) else { return (path, nil) }
        var fixed: [Substring] = []
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)[...]
        while let first = parts.first, !first.contains(where: { "*?[".contains($0) }) {
            fixed.append(first)
            parts = parts.dropFirst()
        }
        return ("/" + fixed.joined(separator: "/"), parts.joined(separator: "/"))
    }

    /// The files a target names: `root` itself, or the YAML files under it that
    /// `pattern` matches (`*`, `**`).
    /// An invalid pattern matches nothing (the target is then reported as naming no file).
    static func expand(_ root: String, _ pattern: String?) -> [String] {
        guard let pattern else { return FileManager.default.fileExists(atPath: root) ? [root] : [] }
        guard let glob = Glob(pattern) else { return [] }
        return FileDiscovery.files(under: [root]).files.filter { candidate in
            candidate.hasPrefix(root + "/") && glob.matches(String(candidate.dropFirst(root.count + 1)))
        }
    }
}
