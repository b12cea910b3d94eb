import Foundation
import RuleCompiler
import YAML

/// Backstage `Location` entities name more catalog files (`spec.target`,
/// `spec.targets`), relative to the Location's own file. stratlint checks those files
/// too, as Backstage would read them: a file named but not found, or outside the
/// repository, is a `parse-error` finding at the target, and the other files are still
/// checked. URLs are left to Backstage.
package enum LocationTargets {
    /// How many Locations deep a chain of Locations is followed.
    static let maxLevels = 8

    /// The files the Location entities of `workspace` name that are not in `known`
    /// (absolute paths), the findings for targets that cannot be read, and every file a
    /// target names, known or not (`reached`).
    package static func find(in workspace: Workspace, sources: SourceTable, known: Set<String>)
        -> (files: [String], problems: [Finding], via: [String: (file: String, range: SourceRange, target: String)], reached: Set<String>) {
        var files: [String] = [], problems: [Finding] = [], reached: Set<String> = []
        var via: [String: (file: String, range: SourceRange, target: String)] = [:]
        var seen = known
        // Every glob target is matched against one listing of the folders they name,
        // walked once: 500 targets over 3,000 files walked the tree 500 times before.
        var listing = Listing()
        for doc in (workspace.documents["Location"] ?? .empty).items {
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
                let matches: [String]
                switch listing.expand(root, pattern) {
                case .files(let m): matches = m
                case .overBudget:
                    problems.append(Workspace.parseError(
                        "Location target '\(target)' was not expanded: the Locations' globs were matched against more than "
                            + "\(Listing.maxMatches) paths in all (\(Listing.maxMatches) is the limit)",
                        file: file.path, range: range,
                        fix: "Name fewer, wider globs (one `./**/catalog-info.yaml` instead of one per folder); the other files were still checked."))
                    continue
                }
                if matches.isEmpty {
                    problems.append(Workspace.parseError(
                        "Location target '\(target)' names no file", file: file.path, range: range,
                        fix: "Correct the path (relative to this file), or remove the target; the other files were still checked."))
                }
                reached.formUnion(matches)
                for path in matches where !seen.contains(path) {
                    seen.insert(path)
                    // A link inside the repository may still lead out of it.
                    guard boundary.contains(path) else {
                        problems.append(outside)
                        continue
                    }
                    files.append(path)
                    via[path] = (file.path, range, target)
                }
            }
        }
        return (files.sorted(), problems, via, reached)
    }

    /// The YAML files under the folders that glob targets name, each folder walked once,
    /// and a count of the glob matches made against them (bounded by ``maxMatches``).
    struct Listing {
        /// Path matches all the globs of one check may make: 250 targets over 20,000
        /// files. Past it a target is reported as not expanded.
        static let maxMatches = 5_000_000
        /// Sorted YAML files of each walked folder.
        private var walked: [String: [String]] = [:]
        private var matched = 0
        /// Folders walked so far (for the test that one listing serves many targets).
        private(set) var walks = 0

        enum Expansion {
            case files([String])
            case overBudget
        }

        /// The files a target names: `root` itself, or the YAML files under it that
        /// `pattern` matches (`*`, `**`). An invalid pattern matches nothing (the target
        /// is then reported as naming no file).
        mutating func expand(_ root: String, _ pattern: String?) -> Expansion {
            guard let pattern else { return .files(FileManager.default.fileExists(atPath: root) ? [root] : []) }
            guard let glob = Glob(pattern) else { return .files([]) }
            let candidates = files(under: root)
            matched += candidates.count
            guard matched <= Self.maxMatches else { return .overBudget }
            return .files(candidates.filter { glob.matches(String($0.dropFirst(root.count + 1))) })
        }

        /// The YAML files below `root`, from the walk of `root` or of a folder above it.
        private mutating func files(under root: String) -> [String] {
            let prefix = root == "/" ? "/" : root + "/"
            if let (folder, list) = walked.first(where: { root == $0.key || root.hasPrefix($0.key == "/" ? "/" : $0.key + "/") }) {
                return folder == root ? list : list.filter { $0.hasPrefix(prefix) }
            }
            let list = FileDiscovery.files(under: [root]).files.filter { $0.hasPrefix(prefix) }
            walked[root] = list
            walks += 1
            return list
        }
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
}
