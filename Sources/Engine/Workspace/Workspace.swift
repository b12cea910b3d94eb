import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// The organisation's documents, grouped by `kind`, as the rules see them. Documents of
/// one kind from many files merge, in file order.
public struct Workspace: Sendable {
    /// Each kind's documents (roots with their ranges), in file then document order.
    public var documents: [String: ListValue]
    /// Files that could not be read or parsed, as findings.
    public var parseErrors: [Finding]
    /// The inline suppression comments of the files that parsed.
    public var suppressions: [Suppression] = []
    /// Comments that start `#` and a digit after text on their line (`title: Become #1
    /// in NPS`), by where that text ends: the document check tells the values they cut.
    public var hashComments: [HashComments.Cut] = []
    public var fileCount: Int
    /// The files that were read, in load order (not those that could not be read).
    public var files: [FileID] = []
    /// The size of those files: the step budget of pack-level lets and metrics grows
    /// with it (``EvalLimits/workspaceBudget(bytes:)``).
    public var bytes = 0
    /// The files some Backstage Location's targets name; nil when the workspace was not
    /// read from a folder (``UnregisteredFiles``).
    public var locationReached: Set<FileID>?
    /// Documents that are lists of maps with ids, in files without a configured kind
    /// (``ListDocuments``): `goals.yaml` written as the goals alone.
    var listDocuments: [ListDocuments.Kept] = []
    /// Loaded from the files named on the command line alone (`check inventory.yaml`, no
    /// `--workspace`): a reference to nothing may name an id a file not read defines.
    public var namedFilesOnly = false
    /// What the load cache did: the keys of the files it was asked about (hits and
    /// misses), and how many entries were written.
    var cacheKeys: Set<String> = []
    var cacheStores = 0

    /// The kind of mapping documents that have no `kind` (and none from the configuration).
    public static let unclassified = "Unclassified"

    /// Loads `files` (absolute paths), in parallel, into `sources`. A file that cannot be
    /// read or parsed becomes a `parse-error` finding and the others are still loaded;
    /// so does a symbolic link to a file outside the repository, which is not followed.
    /// `defaultKind` names the kind of a document without one, by its file's absolute path
    /// (the configuration's `kinds`).
    /// `parallel: false` parses one file after another (for the test that the result
    /// does not depend on it).
    /// `cache` keeps each file's values between runs (``LoadCache``). `overlay` holds
    /// text to read instead of a file's (an editor's unsaved buffer), by absolute path;
    /// it is held to the same size limit.
    public static func load(_ files: [String], into sources: SourceTable, limits: LoadLimits = LoadLimits(),
                            parallel: Bool = true, cache: LoadCache? = nil, overlay: [String: [UInt8]] = [:],
                            defaultKind: @Sendable (String) -> String? = { _ in nil }) -> Workspace {
        load(contents: files.map { path in
                 if let target = RepositoryBoundary.outsideTarget(ofLink: path) {
                     return (path, .unreadable("it is a link to \(target), outside the repository, and such links are not followed"))
                 }
                 return (path, FileReader.read(path, maxSize: limits.maxFileSize, overlay: overlay))
             },
             into: sources, limits: limits, parallel: parallel, cache: cache, defaultKind: defaultKind)
    }

    /// Loads files given with their bytes (or why they could not be read), as `load`
    /// does; for files read from elsewhere than the disk, such as a git revision.
    package static func load(contents: [(path: String, contents: FileContents)], into sources: SourceTable, limits: LoadLimits = LoadLimits(),
                     parallel: Bool = true, cache: LoadCache? = nil, defaultKind: @Sendable (String) -> String? = { _ in nil }) -> Workspace {
        let files = contents.map(\.path)
        // Register in order so file ids follow the sorted file list.
        var loaded: [(FileContents, SourceFile?, String)] = []
        for (path, read) in contents {
            let display = FileDiscovery.displayPath(path)
            if case .bytes(let bytes, let identity) = read {
                loaded.append((read, sources.add(path: display, bytes: bytes, absolutePath: path, identity: identity), display))
            } else {
                loaded.append((read, nil, display))
            }
        }
        let fallbackKinds = loaded.map { $0.1?.absolutePath.flatMap(defaultKind) }
        // Each file is parsed and turned into values on its own core, and its node tree
        // is dropped there: only one tree per file is ever alive, not two per workspace.
        // Largest file first: parsing time follows size.
        let results = ParallelMap.map(Array(loaded.enumerated()), parallel: parallel, weight: { $0.1.1?.bytes.count ?? 0 }) { (i, entry) -> Loaded in
            let (read, file, display) = entry
            guard let file else {
                var why = "check that it exists and is readable"
                if case .unreadable(let problem) = read { why = problem }
                // A name that is not UTF-8 reached us decoded, with U+FFFD for the bad
                // bytes, and no file has that name: say so rather than "no such file".
                if display.unicodeScalars.contains("\u{FFFD}"), FileIdentity.of(contents[i].path) == nil {
                    why = "its name is not valid UTF-8 (shown with \u{FFFD} for the bytes that are not), and stratlint reads files by UTF-8 names; rename it"
                }
                return .failed(parseError(
                    "cannot read the file: \(why)", file: display, range: nil,
                    fix: "Make the file a readable YAML file, or exclude it in .stratlint.yaml; the other files were still checked."))
            }
            let key = cache?.key(of: file)
            var stored = false
            let parsed: Result<[ValueSink.Tree], YAMLError>
            if let cache, let key, let cached = cache.documents(for: file, key: key) {
                parsed = .success(cached)
            } else {
                parsed = Loader.load(file, building: ValueSink(), limits: limits)
                if let cache, let key, case .success(let docs) = parsed { stored = cache.store(docs, of: file, key: key) }
            }
            switch parsed {
            case .success(let docs):
                var lists: [ListDocuments.Kept] = []
                let values = docs.compactMap { doc -> (String, Value, SourceRange)? in
                    guard case .map(let m) = doc.value else {
                        // A list in a file the configuration gives a kind: the document
                        // check says it should be a map. Elsewhere, a list of maps with
                        // ids may be a collection that lost its key (``ListDocuments``).
                        guard case .list(let l) = doc.value else { return nil }
                        if let kind = fallbackKinds[i] { return (kind, doc.value, doc.range) }
                        if case .map(let first)? = l.items.first, first.value(forField: "id") != nil {
                            lists.append(ListDocuments.Kept(items: l, range: doc.range))
                        }
                        return nil
                    }
                    // A mapping without `kind`: the configuration's `kinds`, else
                    // `Unclassified`, where the model-integrity rules look for documents
                    // that forgot their kind.
                    var kind = fallbackKinds[i] ?? Workspace.unclassified
                    if case .string(let k)? = m.value(forField: "kind") { kind = k }
                    return (kind, doc.value, doc.range)
                }
                return .documents(values, SuppressionScanner.scan(file, limits: limits), HashComments.scan(file), cacheKey: key, stored: stored, lists: lists)
            case .failure(let e):
                var finding = parseError("cannot parse YAML: \(e.message)", file: display, range: e.range,
                                         fix: "\(e.fix ?? "Fix the YAML at this position"); the other files were still checked.")
                finding.replacement = e.replacement
                return .failed(finding)
            }
        }
        var byKind: [String: ([Value], [SourceRange])] = [:]
        var errors: [Finding] = []
        var suppressions: [Suppression] = []
        var hashComments: [HashComments.Cut] = []
        var cacheKeys: Set<String> = [], cacheStores = 0
        var listDocuments: [ListDocuments.Kept] = []
        for result in results {
            switch result {
            case .failed(let f): errors.append(f)
            case .documents(let docs, let comments, let hashes, let key, let stored, let lists):
                suppressions += comments
                hashComments += hashes
                listDocuments += lists
                if let key { cacheKeys.insert(key) }
                if stored { cacheStores += 1 }
                for (kind, value, range) in docs {
                    byKind[kind, default: ([], [])].0.append(value)
                    byKind[kind, default: ([], [])].1.append(range)
                }
            }
        }
        var workspace = Workspace(
            documents: byKind.mapValues { ListValue($0.0, ranges: $0.1) },
            parseErrors: errors, suppressions: suppressions, fileCount: files.count)
        workspace.hashComments = hashComments
        workspace.files = loaded.compactMap { $0.1?.id }
        workspace.bytes = loaded.reduce(0) { $0 + ($1.1?.bytes.count ?? 0) }
        workspace.cacheKeys = cacheKeys
        workspace.cacheStores = cacheStores
        workspace.listDocuments = listDocuments
        return workspace
    }

    /// This workspace with `other`'s files added after its own (documents of a kind keep
    /// file order within each workspace).
    func merging(_ other: Workspace) -> Workspace {
        var merged = self
        for (kind, list) in other.documents {
            merged.documents[kind] = merged.documents[kind].map { $0 + list } ?? list
        }
        merged.parseErrors += other.parseErrors
        merged.suppressions += other.suppressions
        merged.hashComments += other.hashComments
        merged.fileCount += other.fileCount
        merged.files += other.files
        merged.bytes += other.bytes
        merged.cacheKeys.formUnion(other.cacheKeys)
        merged.cacheStores += other.cacheStores
        return merged
    }

    /// Whether some document is a Backstage entity: the built-in backstage pack then runs.
    public var holdsBackstageEntities: Bool {
        documents.values.contains { list in
            list.items.contains { doc in
                guard case .map(let m) = doc else { return false }
                return Self.isBackstageEntity(m)
            }
        }
    }

    /// Whether `document` is a Backstage entity: its apiVersion starts with
    /// `backstage.io/`, or `scaffolder.backstage.io/` (Templates).
    static func isBackstageEntity(_ document: MapValue) -> Bool {
        guard case .string(let version)? = document.value(forField: "apiVersion") else { return false }
        return version.hasPrefix("backstage.io/") || version.hasPrefix("scaffolder.backstage.io/")
    }

    private enum Loaded: Sendable {
        /// Each document's kind, value and range; the file's cache key, and whether its
        /// entry was written.
        case documents([(String, Value, SourceRange)], [Suppression], [HashComments.Cut], cacheKey: String?, stored: Bool, lists: [ListDocuments.Kept])
        case failed(Finding)
    }

    /// A finding of the engine rule ``RuleInfo/parseError``: a file that could not be read
    /// or parsed.
    static func parseError(_ message: String, file: String, range: SourceRange?, fix: String) -> Finding {
        let rule = RuleInfo.parseError
        return Finding(ruleID: rule.id, pitfall: rule.pitfall, severity: rule.severity,
                       message: message, fix: fix, file: file, range: range)
    }
}
