import Foundation
import YAML

/// Finds the YAML files to check under the paths a user gave.
public enum FileDiscovery {
    /// What a walk found: the files, the paths that do not exist (errors: the run stops),
    /// and the folders it could not read (the run goes on and reports them).
    public struct Found: Sendable {
        public var files: [String] = []
        public var problems: [Diagnostic] = []
        /// Folders the walk could not enter, with why ("permission denied").
        public var unreadable: [(path: String, reason: String)] = []
    }

    /// Every `*.yaml` and `*.yml` file under `paths` (folders recursively, skipping
    /// hidden entries, `.build` folders and Helm charts' templates; symbolic links to folders are not followed,
    /// so a link loop cannot hang the walk, except a path named here that is itself a
    /// link to a folder: it is walked where it leads, its files keeping the link's
    /// name). A path named explicitly is always taken. Sorted and without duplicates. A
    /// path that does not exist is a diagnostic; a folder that cannot be read is listed.
    public static func files(under paths: [String], excluding excluded: [String] = []) -> (files: [String], problems: [Diagnostic]) {
        let found = walk(paths, excluding: excluded)
        return (found.files, found.problems)
    }

    public static func walk(_ paths: [String], excluding excluded: [String] = []) -> Found {
        let fm = FileManager.default
        var found: Set<String> = []
        var result = Found()
        let excludedRoots = excluded.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        func isExcluded(_ path: String) -> Bool {
            excludedRoots.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        var named = Set<String>()
        for path in paths where named.insert(path).inserted {  // a path given twice is one path
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.problems.append(.error("no such file or directory: \(path)", at: nil, hint: "check the path, or run stratlint from the repository root"))
                continue
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL
            guard isDirectory.boolValue else {
                if !ForeignFiles.isHelmTemplate(root.path) { found.insert(root.path) }
                continue
            }
            // A named link to a folder: walk its target, and name the files by the link.
            let real = root.resolvingSymlinksInPath()
            var failures: [(URL, Error)] = []
            guard let walker = fm.enumerator(at: real, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey],
                                             options: [.skipsHiddenFiles], errorHandler: { url, error in
                                                 failures.append((url, error))
                                                 return true
                                             }) else {
                result.unreadable.append((root.path, "it cannot be opened"))
                continue
            }
            /// A path under the walked folder, named as the user named the folder.
            func shown(_ url: URL) -> String {
                let p = url.standardizedFileURL.path
                return real.path != root.path && p.hasPrefix(real.path + "/") ? root.path + p.dropFirst(real.path.count) : p
            }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
                let name = url.lastPathComponent
                let p = shown(url)
                if values?.isDirectory == true {
                    if name == ".build" || name.hasPrefix(".build-") || name == "node_modules" || isExcluded(p) {
                        walker.skipDescendants()
                    } else if access(url.path, R_OK | X_OK) != 0 {
                        result.unreadable.append((p, String(cString: strerror(errno)).lowercased()))
                    }
                    continue
                }
                guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
                if !isExcluded(p) && !ForeignFiles.isHelmTemplate(p) { found.insert(p) }
            }
            if access(real.path, R_OK | X_OK) != 0 {
                result.unreadable.append((root.path, String(cString: strerror(errno)).lowercased()))
            }
            for (url, error) in failures where !result.unreadable.contains(where: { $0.path == shown(url) }) {
                result.unreadable.append((shown(url), (error as NSError).localizedDescription))
            }
        }
        result.files = found.sorted()
        result.unreadable.sort { $0.path < $1.path }
        return result
    }

    /// `path` relative to the working directory when it lies under it.
    static func displayPath(_ absolute: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return absolute
    }
}
