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
        var test: Test
        var negated: Bool
        var foldersOnly: Bool
    }

    /// What a pattern asks of a path. Most lines of a `.gitignore` are a name (`venv`)
    /// or a wildcard and an ending (`*.log`); the walk tries every pattern on every
    /// entry, so those two are told apart from the rest.
    enum Test: Sendable {
        /// A name with no wildcard: the entry's name is it.
        case name(String)
        /// `*` and text with no wildcard: the entry's name ends with the text.
        case nameEnding(String)
        /// Any other pattern: on the entry's name (no `/` but at its end), or on its
        /// path from the `.gitignore`'s folder.
        case glob(Glob, onName: Bool)
    }

    /// The patterns of one file, and the folder (its path and a `/`) they are relative to,
    /// laid out for ``GitIgnore/ignores(_:isFolder:)``, which tries them on every entry.
    struct Level: Sendable {
        var prefix: [UInt8]
        var negated: [Bool]
        /// The last of the `.name` rules for each name, for files and for folders (a
        /// trailing `/` is for folders only).
        var lastNameRule: (files: [String: Int], folders: [String: Int])
        /// The other rules, in order, as plain values: a rule is tried by its ending
        /// first (bytes of `endings`), and by its glob (of `globs`) only when that matches.
        var others: [Other] = []
        var endings: [UInt8] = []
        var globs: [Glob] = []

        struct Other: Sendable {
            var rule: Int
            var foldersOnly: Bool
            var ending: Range<Int>
            /// The glob's index in `globs`, and whether it is tried on the name; nil when
            /// the ending settles it (`*.log`).
            var glob: (index: Int, onName: Bool)?
        }

        init(prefix: String, rules: [Rule]) {
            self.prefix = Array((prefix.hasSuffix("/") ? prefix : prefix + "/").utf8)
            negated = rules.map(\.negated)
            lastNameRule = ([:], [:])
            for (i, rule) in rules.enumerated() {
                let ending: String
                var glob: (Int, Bool)?
                switch rule.test {
                case .name(let name):
                    if !rule.foldersOnly { lastNameRule.files[name] = i }
                    lastNameRule.folders[name] = i
                    continue
                case .nameEnding(let text):
                    ending = text
                case .glob(let g, let onName):
                    ending = g.ending
                    glob = (globs.count, onName)
                    globs.append(g)
                }
                others.append(Other(rule: i, foldersOnly: rule.foldersOnly, ending: endings.count..<endings.count + ending.utf8.count, glob: glob))
                endings += ending.utf8
            }
        }

        /// The index of the last rule that matches the entry `path` (its bytes; its
        /// name from `nameStart`), if any.
        func lastMatch(_ path: [UInt8], nameStart: Int, name: String, isFolder: Bool) -> Int? {
            let last = (isFolder ? lastNameRule.folders : lastNameRule.files)[name] ?? -1
            var nameScalars: [Unicode.Scalar]?, relative: [Unicode.Scalar]?
            for other in others.reversed() {
                guard other.rule > last else { break }
                guard isFolder || !other.foldersOnly, path.count - nameStart >= other.ending.count,
                      path[(path.count - other.ending.count)...].elementsEqual(endings[other.ending]) else { continue }
                guard let (g, onName) = other.glob else { return other.rule }
                let text: [Unicode.Scalar]
                if onName {
                    if nameScalars == nil { nameScalars = Array(name.unicodeScalars) }
                    text = nameScalars ?? []
                } else {
                    if relative == nil { relative = Array(String(decoding: path[prefix.count...], as: UTF8.self).unicodeScalars) }
                    text = relative ?? []
                }
                if globs[g].matches(scalars: text) { return other.rule }
            }
            return last >= 0 ? last : nil
        }
    }

    /// The largest `.gitignore` read: a few kilobytes is usual, and each pattern is
    /// tried on every entry of the walk.
    static let maxFileSize = 1 << 20

    /// The most patterns in effect for one entry: every one may be tried on every entry,
    /// so a hostile repository's `.gitignore` files could make the walk quadratic. A
    /// large real one holds a few hundred.
    static let maxPatterns = 10_000

    /// Levels, shallowest first.
    private(set) var levels: [Level] = []
    /// How many patterns the levels hold.
    private(set) var patternCount = 0

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
            guard let test = test(line) else { continue }
            rules.append(Rule(test: test, negated: negated, foldersOnly: foldersOnly))
        }
        return rules
    }

    /// The test of a pattern (without its `!` and trailing `/`); nil for an empty one.
    static func test(_ pattern: String) -> Test? {
        let onName = !pattern.contains("/")
        func plain<S: StringProtocol>(_ text: S) -> Bool { !text.contains { "*?[\\".contains($0) } }
        if onName, !pattern.isEmpty, plain(pattern) { return .name(pattern) }
        if onName, pattern.hasPrefix("*"), pattern.count > 1, plain(pattern.dropFirst()) { return .nameEnding(String(pattern.dropFirst())) }
        // A name alone is anchored to the name (`Glob` with a `/` matches from its
        // start); a path with a `/` is anchored to the `.gitignore`'s folder already.
        return Glob(onName ? "/" + pattern : pattern).map { .glob($0, onName: onName) }
    }

    /// These levels and the patterns `bytes` hold for the folder `folder`, deeper than
    /// every level so far.
    func adding(_ bytes: [UInt8], for folder: String) -> GitIgnore {
        let rules = Self.rules(bytes)
        guard !rules.isEmpty else { return self }
        var result = self
        result.levels.append(Level(prefix: folder, rules: rules))
        result.patternCount += rules.count
        return result
    }

    /// Whether `path` (absolute, `/`-separated, under the walk), a folder or not, is
    /// left out: the last pattern that matches it in the deepest level that has one.
    func ignores(_ path: String, isFolder: Bool) -> Bool {
        guard !levels.isEmpty else { return false }
        let bytes = Array(path.utf8)
        let nameStart = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        let name = String(decoding: bytes[nameStart...], as: UTF8.self)
        for level in levels.reversed() where bytes.starts(with: level.prefix) {
            if let rule = level.lastMatch(bytes, nameStart: nameStart, name: name, isFolder: isFolder) { return !level.negated[rule] }
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
            let result = adding(bytes, for: folder)
            guard result.patternCount <= Self.maxPatterns else {
                problems.append("\(shown) brings the .gitignore patterns in effect to \(result.patternCount), over the \(Self.maxPatterns) stratlint reads")
                return self
            }
            return result
        case .unreadable(let why):
            problems.append("cannot read \(shown): \(why)")
            return self
        }
    }
}
