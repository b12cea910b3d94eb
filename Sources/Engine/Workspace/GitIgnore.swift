import Foundation

/// What a repository's `.gitignore` files leave out of a folder walk, read as git reads
/// them: virtual environments (`venv/`), build output (`dist/`), exports a script
/// writes. Such files are not the repository's content, and a linter that read them
/// would report a vendored package's test data (Ruff, ripgrep and Semgrep skip them too).
///
/// A pattern without a `/` but at its end matches a name at any depth; one with a `/`
/// matches from the folder of its `.gitignore`; a trailing `/` matches folders only;
/// `!` takes a path back; the last pattern that matches decides, and a deeper
/// `.gitignore` before a shallower one, `.git/info/exclude` last. A folder left out is
/// not entered, so nothing under it can be taken back (as in git). Files git tracks in
/// spite of a pattern (`git add -f`) are left out too: the index is not read.
/// Not read: the user's global excludes file (it lies outside the repository).
struct GitIgnore: Sendable {
    /// One pattern of a `.gitignore`.
    struct Rule: Sendable {
        var glob: Glob
        var negated: Bool
        var foldersOnly: Bool
        /// Matched against the entry's name alone (a pattern with no `/` but at its end).
        var nameOnly: Bool
    }

    /// The patterns of one file, and the folder (its path and a `/`) they are relative to.
    struct Level: Sendable {
        var prefix: String
        var rules: [Rule]
    }

    /// The largest `.gitignore` read: a few kilobytes is usual, and each pattern is
    /// tried on every entry of the walk.
    static let maxFileSize = 1 << 20

    /// Levels, shallowest first.
    private(set) var levels: [Level] = []

    /// The patterns of `bytes` (a `.gitignore`): blank lines and `#` comments skipped,
    /// `\#` and `\!` read as the character, trailing spaces dropped unless escaped, a
    /// line's `\r` (a Windows checkout) dropped.
    static func rules(_ bytes: [UInt8]) -> [Rule] {
        var rules: [Rule] = []
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var line = String(decoding: raw, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            while line.hasSuffix(" "), !line.hasSuffix("\\ ") { line.removeLast() }
            if line.hasSuffix("\\ ") { line.removeLast(2); line += " " }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line.removeFirst()
            } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
                line.removeFirst()
            }
            var foldersOnly = false
            while line.hasSuffix("/") {
                foldersOnly = true
                line.removeLast()
            }
            let nameOnly = !line.contains("/")
            // A name alone is anchored to the name (`Glob` with a `/` matches from its
            // start); a path with a `/` is anchored to the `.gitignore`'s folder already.
            guard !line.isEmpty, let glob = Glob(nameOnly ? "/" + line : line) else { continue }
            rules.append(Rule(glob: glob, negated: negated, foldersOnly: foldersOnly, nameOnly: nameOnly))
        }
        return rules
    }

    /// These levels and the patterns `bytes` hold for the folder `folder`, deeper than
    /// every level so far.
    func adding(_ bytes: [UInt8], for folder: String) -> GitIgnore {
        let rules = Self.rules(bytes)
        guard !rules.isEmpty else { return self }
        var result = self
        result.levels.append(Level(prefix: folder.hasSuffix("/") ? folder : folder + "/", rules: rules))
        return result
    }

    /// Whether `path` (absolute, `/`-separated, under the walk), a folder or not, is
    /// left out.
    func ignores(_ path: String, isFolder: Bool) -> Bool {
        guard !levels.isEmpty else { return false }
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        for level in levels.reversed() where path.hasPrefix(level.prefix) {
            let relative = String(path.dropFirst(level.prefix.count))
            for rule in level.rules.reversed() where isFolder || !rule.foldersOnly {
                if rule.glob.matches(rule.nameOnly ? name : relative) { return !rule.negated }
            }
        }
        return false
    }

    /// The patterns that hold for the folder `root` before its own `.gitignore` is read:
    /// `.git/info/exclude` and the `.gitignore` files of the folders from the
    /// repository's top down to `root`'s parent. nil outside a repository, where a
    /// `.gitignore` is nobody's (as in git and ripgrep). A `.gitignore` over
    /// ``maxFileSize`` is a problem (the run stops), not read in part.
    static func enclosing(_ root: String, problems: inout [String]) -> GitIgnore? {
        guard let top = RepositoryRoot.enclosing(root) else { return nil }
        var ignore = GitIgnore()
        // Only a `.git` folder: a worktree's `.git` file points elsewhere.
        ignore = ignore.reading((top as NSString).appendingPathComponent(".git/info/exclude"), for: top, problems: &problems)
        // The folders from the top to `root`'s parent (none when `root` is the top).
        guard root.hasPrefix(top + "/") else { return ignore }
        var folder = top
        for part in [""] + root.dropFirst(top.count + 1).split(separator: "/").dropLast().map(String.init) {
            if !part.isEmpty { folder += "/" + part }
            ignore = ignore.reading((folder as NSString).appendingPathComponent(".gitignore"), for: folder, problems: &problems)
        }
        return ignore
    }

    /// These levels and the patterns of the file at `path`, if it is a regular file
    /// (none is the usual case); one that cannot be read, or is over ``maxFileSize``, is
    /// a problem.
    func reading(_ path: String, for folder: String, problems: inout [String]) -> GitIgnore {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return self }
        let shown = FileDiscovery.displayPath(path)
        guard Int(info.st_size) <= Self.maxFileSize else {
            problems.append("\(shown) is \(FileReader.describe(bytes: Int(info.st_size))), over the \(FileReader.describe(bytes: Self.maxFileSize)) stratlint reads of a .gitignore")
            return self
        }
        switch FileReader.read(path, maxSize: Self.maxFileSize) {
        case .bytes(let bytes, _):
            return adding(bytes, for: folder)
        case .unreadable(let why):
            problems.append("cannot read \(shown): \(why)")
            return self
        }
    }
}
