import Foundation
import YAML

/// Finds the YAML files to check under the paths a user gave.
public enum FileDiscovery {
    /// Every `*.yaml` and `*.yml` file under `paths` (folders recursively, skipping
    /// hidden entries and `.build` folders; symbolic links to folders are not followed,
    /// so a link loop cannot hang the walk). A path named explicitly is always taken.
    /// Sorted and without duplicates. A path that does not exist is a diagnostic.
    public static func files(under paths: [String], excluding excluded: [String] = []) -> (files: [String], problems: [Diagnostic]) {
        let fm = FileManager.default
        var found: Set<String> = []
        var problems: [Diagnostic] = []
        let excludedRoots = excluded.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        func isExcluded(_ path: String) -> Bool {
            excludedRoots.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(.error("no such file or directory: \(path)", at: nil, hint: "check the path, or run stratlint from the repository root"))
                continue
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL
            guard isDirectory.boolValue else {
                found.insert(root.path)
                continue
            }
            guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]) else {
                problems.append(.error("cannot read folder: \(path)", at: nil, hint: "check its permissions"))
                continue
            }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
                let name = url.lastPathComponent
                if values?.isDirectory == true {
                    if name == ".build" || name.hasPrefix(".build-") || name == "node_modules" || isExcluded(url.standardizedFileURL.path) {
                        walker.skipDescendants()
                    }
                    continue
                }
                guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
                let p = url.standardizedFileURL.path
                if !isExcluded(p) { found.insert(p) }
            }
        }
        return (found.sorted(), problems)
    }

    /// `path` relative to the working directory when it lies under it.
    static func displayPath(_ absolute: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return absolute
    }
}
