import Foundation
import YAML

/// The folder that rule packs and configured files must stay inside: the repository
/// (``RepositoryRoot``), with symbolic links resolved, so a pull request cannot point a
/// configuration or a rule pack at files elsewhere on the machine that runs the check.
/// Only a path given as absolute on the command line may lie outside it.
struct RepositoryBoundary {
    /// The repository's real path.
    let root: String

    /// The boundary of the repository that holds `directory` (the folder itself when it
    /// is in no repository).
    init(around directory: String) {
        root = Self.realPath(RepositoryRoot.find(from: directory))
    }

    /// Whether `path` (absolute) lies inside the repository once links are resolved.
    func contains(_ path: String) -> Bool {
        let real = Self.realPath(path)
        return real == root || real.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// The first of `pack` (a rule folder or file) and its rule files that resolves to a
    /// place outside the repository, as that real path; nil when the pack stays inside.
    func escape(of pack: String) -> String? {
        for path in [pack] + RulePacks.ruleFiles(in: pack) where !contains(path) {
            return Self.realPath(path)
        }
        return nil
    }

    /// Where `path` leads when it is a symbolic link to a place outside the repository
    /// that holds the link; nil for anything else. The workspace does not follow such
    /// links: a link in a pull request must not make the check print another file's
    /// lines (a key, a password file) in its findings.
    static func outsideTarget(ofLink path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        let boundary = RepositoryBoundary(around: folder)
        return boundary.contains(path) ? nil : realPath(path)
    }

    /// Why a file stratlint reads besides the documents (the configuration, a baseline)
    /// may not be read, or nil when it may: a path typed as absolute on the command line
    /// is trusted; any other (found by the search for `.stratlint.yaml`, named in the
    /// configuration, or typed as relative) must resolve, links followed, to a place
    /// inside the repository around `folder`. The refusal never shows the file's bytes.
    static func refusal(toRead path: String, _ what: String, typedAbsolute: Bool, from folder: String, option: String) -> Diagnostic? {
        guard !typedAbsolute else { return nil }
        let boundary = RepositoryBoundary(around: folder)
        let absolute = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        guard !boundary.contains(absolute) else { return nil }
        return .error(
            "\(what) \(path) resolves to \(realPath(absolute)), outside the repository \(boundary.root), so it is not read", at: nil,
            hint: "commit the file itself instead of a link; to use a file from elsewhere, give its absolute path with \(option)")
    }

    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
