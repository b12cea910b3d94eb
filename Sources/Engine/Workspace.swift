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
    public var fileCount: Int

    /// The kind of mapping documents that have no `kind` (and none from the configuration).
    public static let unclassified = "Unclassified"

    /// Loads `files` (absolute paths), in parallel, into `sources`. A file that cannot be
    /// read or parsed becomes a `parse-error` finding and the others are still loaded.
    /// `defaultKind` names the kind of a document without one, by its file's absolute path
    /// (the configuration's `kinds`).
    /// `parallel: false` parses one file after another (for the test that the result
    /// does not depend on it).
    public static func load(_ files: [String], into sources: SourceTable, limits: LoadLimits = LoadLimits(),
                            parallel: Bool = true, defaultKind: @Sendable (String) -> String? = { _ in nil }) -> Workspace {
        load(contents: files.map { ($0, FileManager.default.contents(atPath: $0).map(Array.init)) },
             into: sources, limits: limits, parallel: parallel, defaultKind: defaultKind)
    }

    /// Loads files given with their bytes (nil: could not be read), as `load` does; for
    /// files read from elsewhere than the disk, such as a git revision.
    static func load(contents: [(path: String, bytes: [UInt8]?)], into sources: SourceTable, limits: LoadLimits = LoadLimits(),
                     parallel: Bool = true, defaultKind: @Sendable (String) -> String? = { _ in nil }) -> Workspace {
        let files = contents.map(\.path)
        // Register in order so file ids follow the sorted file list.
        var loaded: [(SourceFile?, String)] = []
        for (path, bytes) in contents {
            let display = FileDiscovery.displayPath(path)
            if let bytes {
                loaded.append((sources.add(path: display, bytes: bytes, absolutePath: path), display))
            } else {
                loaded.append((nil, display))
            }
        }
        let fallbackKinds = loaded.map { $0.0?.absolutePath.flatMap(defaultKind) }
        // Each file is parsed and turned into values on its own core, and its node tree
        // is dropped there: only one tree per file is ever alive, not two per workspace.
        let results = ParallelMap.map(Array(loaded.enumerated()), parallel: parallel) { (i, entry) -> Loaded in
            let (file, display) = entry
            guard let file else {
                return .failed(parseError("cannot read the file; check that it exists and is readable", file: display, range: nil))
            }
            switch Loader.load(file, building: ValueSink(), limits: limits) {
            case .success(let docs):
                let values = docs.compactMap { doc -> (String, Value, SourceRange)? in
                    guard case .map(let m) = doc.value else { return nil }
                    // A mapping without `kind`: the configuration's `kinds`, else
                    // `Unclassified`, where the model-integrity rules look for documents
                    // that forgot their kind.
                    var kind = fallbackKinds[i] ?? Workspace.unclassified
                    if case .string(let k)? = m.value(forField: "kind") { kind = k }
                    return (kind, doc.value, doc.range)
                }
                return .documents(values, SuppressionScanner.scan(file, limits: limits))
            case .failure(let e): return .failed(parseError(e.message, file: display, range: e.range))
            }
        }
        var byKind: [String: ([Value], [SourceRange])] = [:]
        var errors: [Finding] = []
        var suppressions: [Suppression] = []
        for result in results {
            switch result {
            case .failed(let f): errors.append(f)
            case .documents(let docs, let comments):
                suppressions += comments
                for (kind, value, range) in docs {
                    byKind[kind, default: ([], [])].0.append(value)
                    byKind[kind, default: ([], [])].1.append(range)
                }
            }
        }
        return Workspace(
            documents: byKind.mapValues { ListValue($0.0, ranges: $0.1) },
            parseErrors: errors, suppressions: suppressions, fileCount: files.count)
    }

    private enum Loaded: Sendable {
        /// Each document's kind, value and range.
        case documents([(String, Value, SourceRange)], [Suppression])
        case failed(Finding)
    }

    static func parseError(_ problem: String, file: String, range: SourceRange?) -> Finding {
        Finding(
            ruleID: "parse-error", pitfall: .modelIntegrity, severity: .error,
            message: "cannot parse YAML: \(problem)",
            fix: "Fix the YAML at this position; the other files were still checked.",
            file: file, range: range)
    }
}
