import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// Finds, reads and compiles rule packs: the built-in pack `core` (embedded in the
/// binary from `rules/`) and any folders given with `--rules`.
public enum RulePacks {
    /// Reads the built-in pack and `directories` (each a folder whose `*.yaml` files form
    /// a pack, or a single rule file; none larger than `maxFileSize`) and compiles them
    /// together. Any diagnostic means the rules cannot be trusted: the caller stops with
    /// exit code 2.
    public static func load(
        builtin: Bool, directories: [String], into sources: SourceTable,
        vocabularies: [String: Configuration.VocabularyChange] = [:],
        options: CompileOptions = CompileOptions(), maxFileSize: Int = LoadLimits.defaultMaxFileSize,
        overlay: [String: [UInt8]] = [:]
    ) -> (Program, [Diagnostic]) {
        read(builtin: builtin, directories: directories, into: sources, vocabularies: vocabularies, options: options,
             maxFileSize: maxFileSize, overlay: overlay).compile()
    }

    /// Rule files read and registered in `sources`, not yet compiled: ``compile()`` may
    /// run on another thread while the documents load (a check's two independent
    /// starts), and the files keep the ids they would have had.
    public struct Read: Sendable {
        /// The rule files, in the order they were registered.
        public let files: [SourceFile]
        let packs: [String]
        let diagnostics: [Diagnostic]
        let vocabularies: [String: Configuration.VocabularyChange]
        let options: CompileOptions

        /// Parses the files (on every core) and compiles them together.
        public func compile() -> (Program, [Diagnostic]) {
            RulePacks.compile(files, packs: packs, diagnostics: diagnostics, vocabularies: vocabularies, options: options)
        }
    }

    /// Reads the built-in pack and `directories` into `sources`, as ``load`` does,
    /// without compiling them.
    public static func read(
        builtin: Bool, directories: [String], into sources: SourceTable,
        vocabularies: [String: Configuration.VocabularyChange] = [:],
        options: CompileOptions = CompileOptions(), maxFileSize: Int = LoadLimits.defaultMaxFileSize,
        overlay: [String: [UInt8]] = [:]
    ) -> Read {
        var sourceFiles: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        // The packs' files are read first: a file named twice (a pack in the configuration
        // and on the command line, or through a link) is read once, and a built-in file
        // given again from disk (`stratlint test rules` in this repository) is compiled
        // only from disk, where its errors can be fixed.
        var read: [(display: String, bytes: [UInt8], identity: FileIdentity?, quotable: Bool, pack: String, absolute: String)] = []
        var identities = Set<FileIdentity>()
        // Lines of rule files from outside the repository are never quoted.
        let repository = RepositoryBoundary(around: FileManager.default.currentDirectoryPath)
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
                diagnostics.append(.error("no such rule folder or file: \(directory)", at: nil, hint: "--rules takes a folder of rule files, or one rule file"))
                continue
            }
            // A relative path, typed on the command line, may not leave the repository;
            // the configuration's packs were held to that when it was read.
            if !directory.hasPrefix("/") {
                let boundary = RepositoryBoundary(around: FileManager.default.currentDirectoryPath)
                if let outside = boundary.escape(of: directory) {
                    let what = boundary.contains(directory) ? "has a file outside the repository \(boundary.root): \(outside)"
                        : "is outside the repository \(boundary.root) (it resolves to \(outside))"
                    diagnostics.append(.error(
                        "rule pack \(directory) \(what)", at: nil,
                        hint: "a relative --rules path must stay inside the repository; give the absolute path to use a pack from elsewhere"))
                    continue
                }
            }
            let paths = ruleFiles(in: directory)
            if isDirectory.boolValue, paths.isEmpty {
                diagnostics.append(.error("rule folder \(directory) holds no .yaml files", at: nil))
            }
            for path in paths {
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                let display = FileDiscovery.displayPath(absolute)
                let contents = FileReader.read(absolute, maxSize: maxFileSize, overlay: overlay)
                switch contents {
                case .bytes(let bytes, let identity):
                    if let identity, !identities.insert(identity).inserted { continue }
                    read.append((display, bytes, identity, repository.contains(path), Self.pack(of: path, given: directory), absolute))
                case .unreadable(let why): diagnostics.append(.error("cannot read rule file \(display): \(why)", at: nil))
                }
            }
        }
        var packs: [String] = []
        if builtin {
            let fromDisk = Set(read.map(\.bytes))
            for (path, text) in BuiltinRules.files where fromDisk.isEmpty || !fromDisk.contains(Array(text.utf8)) {
                guard let pack = Self.builtinPack(ofFile: path) else { continue }
                sourceFiles.append(sources.add(path: builtinPrefix + path, bytes: Array(text.utf8)))
                packs.append(pack)
            }
        }
        for file in read {
            sourceFiles.append(sources.add(path: file.display, bytes: file.bytes, absolutePath: file.absolute, quotable: file.quotable, identity: file.identity))
            packs.append(file.pack)
        }
        return Read(files: sourceFiles, packs: packs, diagnostics: diagnostics, vocabularies: vocabularies, options: options)
    }

    private static func compile(_ sourceFiles: [SourceFile], packs: [String], diagnostics: [Diagnostic],
                                vocabularies: [String: Configuration.VocabularyChange], options: CompileOptions) -> (Program, [Diagnostic]) {
        var diagnostics = diagnostics
        // Files are parsed on every core (parsing is most of the time it takes to compile
        // the built-in pack), and their diagnostics kept in file order.
        let parsed = PhaseTimer.measure("  parse \(sourceFiles.count) rule files") {
            ParallelMap.map(sourceFiles) { RuleFileParser.parse($0, maxExpressionDepth: options.maxExpressionDepth) }
        }
        var files = parsed.map(\.0)
        for i in files.indices { files[i].pack = packs[i] }
        diagnostics += parsed.flatMap(\.1)
        let changes = vocabularies.mapValues { change -> (replace: Bool, terms: [String]) in
            switch change {
            case .add(let terms): return (false, terms)
            case .replace(let terms): return (true, terms)
            }
        }
        let (program, compileProblems) = PhaseTimer.measure("  compile \(files.count) rule files") {
            PackCompiler.compile(files, vocabularyChanges: changes, options: options)
        }
        return (program, inFileOrder(diagnostics + compileProblems))
    }

    /// `found` in the order of the files' lines, whichever stage found each: files in the
    /// order their first problem came, each file's problems by position, problems
    /// without a place first (a key per problem, so the order is a total one).
    static func inFileOrder(_ found: [Diagnostic]) -> [Diagnostic] {
        var fileRank: [FileID: Int] = [:]
        for d in found { if let file = d.range?.file, fileRank[file] == nil { fileRank[file] = fileRank.count } }
        func key(_ k: Int) -> (Int, Int32, Int32, Int) {
            guard let r = found[k].range else { return (-1, 0, 0, k) }
            return (fileRank[r.file] ?? 0, r.start.line, r.start.column, k)
        }
        return found.indices.sorted { key($0) < key($1) }.map { found[$0] }
    }
}

extension RulePacks {
    /// The rule files of a pack: a folder's `*.yaml` and `*.yml` files (not hidden, not
    /// in subfolders), sorted; or the file itself.
    static func ruleFiles(in pack: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: pack, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [pack] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pack)) ?? []
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .sorted().map { (pack as NSString).appendingPathComponent($0) }
    }

    /// The pack a file read from disk belongs to: a built-in pack when it is one of this
    /// repository's `rules/` files (`stratlint test rules`), else the folder (or file)
    /// it was given as.
    static func pack(of path: String, given directory: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        if let range = standard.range(of: "/rules/", options: .backwards) {
            let relative = "rules/" + standard[range.upperBound...]
            if let pack = builtinPack(ofFile: relative), BuiltinRules.files.contains(where: { $0.path == relative }) { return pack }
        }
        return directory
    }

    /// The built-in packs: `core` (rules/*.yaml) and `backstage` (rules/backstage/*.yaml).
    /// The rules of `backstage` run only when the workspace holds Backstage entities, or
    /// the configuration says so (``Configuration/backstage``).
    static func builtinPack(ofFile path: String) -> String? {
        guard path.hasPrefix("rules/"), path.hasSuffix(".yaml") else { return nil }
        let rest = path.dropFirst(6)
        if !rest.contains("/") { return "core" }
        if rest.hasPrefix("backstage/"), !rest.dropFirst(10).contains("/") { return "backstage" }
        return nil
    }

    /// The built-in pack a rule comes from, or nil for a rule of a `--rules` pack.
    public static func builtinPack(of rule: CompiledRule, in sources: SourceTable) -> String? {
        guard let path = sources[rule.range.file]?.path, path.hasPrefix(builtinPrefix) else { return nil }
        return builtinPack(ofFile: String(path.dropFirst(builtinPrefix.count)))
    }

    /// How the built-in pack's files are labelled in diagnostics.
    static let builtinPrefix = "<builtin>/"

    /// Whether `rule` comes from the built-in pack (rather than a `--rules` folder).
    public static func isBuiltin(_ rule: CompiledRule, in sources: SourceTable) -> Bool {
        sources[rule.range.file]?.path.hasPrefix(builtinPrefix) == true
    }

    /// A built-in rule's example fixtures, as `stratlint rules explain` and the rule pages
    /// show them: the files of `fixtures/rules/<id>/` whose path says `fires` or `clean`.
    public static func builtinExamples(for id: String) -> (fires: [(path: String, text: String)], clean: [(path: String, text: String)]) {
        let prefix = "fixtures/rules/\(id)/"
        let files = BuiltinRules.files.filter { $0.path.hasPrefix(prefix) }
            .map { (path: String($0.path.dropFirst(prefix.count)), text: $0.text) }
        return (files.filter { $0.path.hasPrefix("fires") }, files.filter { $0.path.hasPrefix("clean") })
    }
}
