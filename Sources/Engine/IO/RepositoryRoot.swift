import Foundation

/// Where the repository starts: the nearest folder, from `directory` up, that holds
/// `.git` (a folder, or a file for worktrees); `directory` itself when there is none.
public enum RepositoryRoot {
    public static func find(from directory: String = FileManager.default.currentDirectoryPath) -> String {
        enclosing(directory) ?? URL(fileURLWithPath: directory).standardizedFileURL.path
    }

    /// The nearest folder from `directory` up that holds `.git`; nil outside a repository.
    public static func enclosing(_ directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }
}
