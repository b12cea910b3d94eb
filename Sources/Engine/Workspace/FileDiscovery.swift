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
        /// How many YAML files and folders the repository's `.gitignore` files left out.
        public var gitIgnored = 0
        /// The files named on the command line that are a Helm chart's templates, which
        /// are left out even then (Go template text, not YAML).
        public var namedHelmTemplates: [String] = []
    }

    /// Every `*.yaml` and `*.yml` file under `paths` (folders recursively, skipping
    /// hidden entries, `.build` folders, Helm charts' templates and, with `gitIgnore`,
    /// what the repository's `.gitignore` files leave out (``GitIgnore``); symbolic links to folders are not followed,
    /// so a link loop cannot hang the walk, except a path named here that is itself a
    /// link to a folder: it is walked where it leads, its files keeping the link's
    /// name). A path named explicitly is always taken, but for a Helm chart's template.
    /// Sorted and without duplicates. A
    /// path that does not exist is a diagnostic; a folder that cannot be read is listed.
    public static func files(under paths: [String], excluding excluded: [String] = [], gitIgnore: Bool = false) -> (files: [String], problems: [Diagnostic]) {
        let found = walk(paths, excluding: excluded, gitIgnore: gitIgnore)
        return (found.files, found.problems)
    }

    public static func walk(_ paths: [String], excluding excluded: [String] = [], gitIgnore: Bool = false) -> Found {
        var found: Set<String> = []
        var result = Found()
        let excludedRoots = excluded.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        func isExcluded(_ path: String) -> Bool {
            excludedRoots.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        var named = Set<String>()
        for path in paths where named.insert(path).inserted {  // a path given twice is one path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.problems.append(.error("no such file or directory: \(path)", at: nil, hint: "check the path, or run stratlint from the repository root"))
                continue
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL
            guard isDirectory.boolValue else {
                if ForeignFiles.isHelmTemplate(root.path) { result.namedHelmTemplates.append(path) } else { found.insert(root.path) }
                continue
            }
            // A named link to a folder: walk its target, and name the files by the link.
            let real = root.resolvingSymlinksInPath().path
            if access(real, R_OK | X_OK) != 0 {
                result.unreadable.append((root.path, FileReader.reason(errno)))
                continue
            }
            var ignore: GitIgnore?
            if gitIgnore {
                var problems: [String] = []
                ignore = GitIgnore.enclosing(root.path, problems: &problems)
                result.problems += problems.map(Self.gitIgnoreProblem)
            }
            walkFolder(real, shownAs: root.path, ignore: ignore, into: &found, result: &result, isExcluded: isExcluded)
        }
        result.files = found.sorted()
        result.unreadable.sort { $0.path < $1.path }
        return result
    }

    /// Every YAML file under the folder `path`, named under `shown`: read with POSIX
    /// calls (a `FileManager` enumeration asks for each entry's owner and group by name,
    /// which reads `/etc/passwd` and `/etc/group` for every file). A folder is listed and
    /// closed before the next is opened, whatever the depth; a link is never followed
    /// (its type is the link's own), and a folder met again (a bind mount of a parent)
    /// is not walked twice, so the walk ends on any tree; names are kept as bytes for
    /// the calls, so a folder whose name is not UTF-8 is still entered.
    /// `ignore` holds the patterns of the folders above (nil: `.gitignore` files are not
    /// read); each folder's own are read as it is entered.
    private static func walkFolder(_ path: String, shownAs shown: String, ignore: GitIgnore?, into found: inout Set<String>, result: inout Found,
                                   isExcluded: (String) -> Bool) {
        struct Visited: Hashable { let device: UInt64, inode: UInt64 }
        var visited = Set<Visited>()
        func joined(_ base: String, _ name: String) -> String { base.hasSuffix("/") ? base + name : base + "/" + name }
        var pending = [(path: Array(path.utf8), shown: shown, ignore: ignore)]
        while let folder = pending.popLast() {
            var failure: Int32 = 0  // errno, read where the call failed
            var hasGitIgnore = false
            let entries = withCPath(folder.path) { cPath -> [(real: [UInt8], name: String, isFolder: Bool)]? in
                guard let dir = opendir(cPath) else {
                    failure = errno
                    return nil
                }
                defer { closedir(dir) }
                var info = stat()
                if fstat(dirfd(dir), &info) == 0, !visited.insert(Visited(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted {
                    return []
                }
                var entries: [(real: [UInt8], name: String, isFolder: Bool)] = []
                while let entry = readdir(dir) {
                    let raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                    if raw.elementsEqual(".gitignore".utf8) { hasGitIgnore = true }
                    // Hidden entries (".", "..", ".git", ".build") are never content.
                    guard raw.first != UInt8(ascii: ".") else { continue }
                    let real = child(folder.path, raw)
                    var isFolder = Int32(entry.pointee.d_type) == DT_DIR
                    if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                        // Some file systems do not say: ask the entry itself, not where it leads.
                        isFolder = withCPath(real) { lstat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFDIR
                    }
                    entries.append((real, String(decoding: raw, as: UTF8.self), isFolder))
                }
                return entries
            }
            guard let entries else {
                result.unreadable.append((folder.shown, FileReader.reason(failure)))
                continue
            }
            var ignore = folder.ignore
            if hasGitIgnore, let outer = ignore {
                var problems: [String] = []
                ignore = outer.reading(String(decoding: child(folder.path, Array(".gitignore".utf8)), as: UTF8.self), for: folder.shown, problems: &problems)
                result.problems += problems.map(Self.gitIgnoreProblem)
            }
            for (real, name, isFolder) in entries {
                // Only folders and YAML files are asked about: the others are never read.
                guard isFolder || name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
                let shownPath = joined(folder.shown, name)
                if let ignore, ignore.ignores(shownPath, isFolder: isFolder) {
                    result.gitIgnored += 1
                    continue
                }
                if isFolder {
                    if name == "node_modules" || isExcluded(shownPath) { continue }
                    let denied = withCPath(real) { access($0, R_OK | X_OK) == 0 ? 0 : errno }
                    guard denied == 0 else {
                        result.unreadable.append((shownPath, FileReader.reason(denied)))
                        continue
                    }
                    pending.append((real, shownPath, ignore))
                } else if !isExcluded(shownPath), !ForeignFiles.isHelmTemplate(shownPath) {
                    found.insert(shownPath)
                }
            }
        }
    }

    /// A `.gitignore` that cannot be read stops the run: without it, the walk would read
    /// what the repository leaves out.
    private static func gitIgnoreProblem(_ problem: String) -> Diagnostic {
        .error(problem, at: nil, hint: "make it readable and smaller, or set `respect-gitignore: false` in .stratlint.yaml")
    }

    private static func child(_ folder: [UInt8], _ name: [UInt8]) -> [UInt8] {
        folder.last == UInt8(ascii: "/") ? folder + name : folder + [UInt8(ascii: "/")] + name
    }

    /// `path`'s bytes as a C string.
    private static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        body(path.map { CChar(bitPattern: $0) } + [0])
    }

    /// `path` relative to the working directory when it lies under it.
    static func displayPath(_ absolute: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return absolute
    }
}
