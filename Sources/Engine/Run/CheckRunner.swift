import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// What to check, as the command line says it.
public struct CheckRequest: Sendable {
    /// The files and folders to report on; empty means the whole workspace.
    public var paths: [String] = []
    /// Where to load documents from for references (`--workspace`); by default the
    /// configuration's folder when it sets `include`, else `paths`.
    public var workspace: String?
    /// `--config`; by default the nearest `.stratlint.yaml` from the working directory up.
    public var configurationPath: String?
    public var ruleDirectories: [String] = []
    public var builtin = true
    public var today: CivilDate
    public var options = CompileOptions()
    /// `--baseline`; by default the configuration's `baseline`.
    public var baselinePath: String?
    /// For `stratlint baseline`: report every finding, whatever the baseline says.
    public var ignoreBaseline = false
    /// `--new-since`: report only findings that the workspace did not have at this git revision.
    public var newSince: String?
    /// Parse files on every core (false: one after another; the findings are the same).
    public var parallelLoad = true
    /// Keep each file's loaded values in the repository's load cache (``LoadCache``).
    public var cache = false
    /// Whether the documents' bytes stay in the source table once they are loaded: for
    /// a report that shows their lines (text), an audit that digests them, an editor.
    /// A check whose reports show no line (JSON, SARIF, ...) lets them go before the
    /// rules run: at N = 100,000 systems, 69 MB of the run's peak.
    public var keepsSourceBytes = true
    /// Text that stands in for a file on disk, by absolute path: what an editor holds
    /// and has not saved (`stratlint lsp`). Only files the workspace holds are read
    /// this way; the overlay adds none.
    public var overlay: [String: [UInt8]] = [:]

    public init(today: CivilDate) { self.today = today }
}

/// A finished check: the report, and the configuration it used.
public struct CheckResult: Sendable {
    public var report: Report
    public var configuration: Configuration
    public var program: Program
    /// The documents checked (for the audit's breakdowns).
    public var workspace: Workspace
    /// The rule files compiled, built-in ones included (for the audit's digest).
    public var ruleFiles: [FileID]
}

/// Problems that stop a check before it reports (exit code 2), with the sources needed
/// to show them.
public struct CheckFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    /// Whether the problems are in rule files (the run says no document was checked).
    public var inRules: Bool
}

/// Runs one `check`: configuration, rule packs, workspace, evaluation, filtering.
public enum CheckRunner {
    public static func run(_ request: CheckRequest, sources: SourceTable) -> Result<CheckResult, CheckFailure> {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let configuration: Configuration
        switch readConfiguration(request, cwd: cwd, sources: sources) {
        case .failure(let failure): return .failure(failure)
        case .success(let c): configuration = c
        }
        // Rule packs.
        let packs = configuration.rulePacks + request.ruleDirectories
        var options = request.options
        options.limits = configuration.limits.eval
        options.maxExpressionDepth = configuration.limits.maxExpressionDepth
        let ruleFilesRead = RulePacks.read(builtin: request.builtin, directories: packs, into: sources,
                                           vocabularies: configuration.vocabularies, options: options,
                                           maxFileSize: configuration.limits.load.maxFileSize, overlay: request.overlay)
        let ruleFiles = ruleFilesRead.files.map(\.id)
        if !request.builtin, packs.isEmpty {
            return .failure(CheckFailure(diagnostics: [.error(
                "--no-builtin leaves no rules to run", at: nil,
                hint: "add --rules DIR, or `rules:` to .stratlint.yaml")], inRules: false))
        }
        // The packs compile on a thread of their own while the baseline and the
        // documents are read: the two share only the source table, where the rule files
        // were registered first, so every file keeps the id it had when they ran one
        // after the other. What stops the run is said in the same order as then: rule
        // problems, the configuration's rule ids, then the baseline and the documents.
        let compiling = InBackground { PhaseTimer.measure("compile rules") { ruleFilesRead.compile() } }
        let documents = readBaselineAndWorkspace(request, configuration: configuration, cwd: cwd, sources: sources)
        let (program, ruleProblems) = compiling.value
        guard ruleProblems.isEmpty else { return .failure(CheckFailure(diagnostics: ruleProblems, inRules: true)) }
        let idProblems = ConfigurationParser.checkRuleIDs(
            configuration, known: Set(program.rules.map(\.id)).union([SuppressionFilter.ruleID, BaselineFilter.ruleID, UnknownKinds.info.id, UnregisteredFiles.info.id]))
            + ConfigurationParser.checkVocabularies(configuration, known: program.vocabularyNames)
        guard idProblems.isEmpty else { return .failure(CheckFailure(diagnostics: idProblems, inRules: false)) }
        let baseline: (entries: Baseline, file: SourceFile)?, loaded: LoadedWorkspace
        switch documents {
        case .failure(let failure): return .failure(failure)
        case .success(let read): (baseline, loaded) = read
        }
        let (workspace, roots, excluded) = (loaded.workspace, loaded.roots, loaded.excluded)
        // The built-in backstage pack runs on Backstage catalogs only, unless configured.
        var running = program
        if !(configuration.backstage ?? workspace.holdsBackstageEntities) {
            running = program.removing(Set(program.rules.filter { RulePacks.builtinPack(of: $0, in: sources) == "backstage" }.map(\.id)))
        }
        // The filters after the rules: path scope, baseline, --new-since (FindingPipeline).
        var pipeline = FindingPipeline()
        pipeline.cwd = cwd
        let scopes = request.paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if !request.paths.isEmpty, request.workspace != nil || roots != request.paths {
            pipeline.inScope = { absolute in scopes.contains { absolute == $0 || absolute.hasPrefix($0 + "/") } }
        }
        pipeline.baseline = baseline.map { ($0.entries, $0.file.path) }
        if let revision = request.newSince {
            switch NewSince.findings(at: revision, cwd: cwd, roots: roots + request.paths, excluded: excluded,
                                     configuration: configuration, program: program, today: request.today) {
            case .failure(let failure): return .failure(failure)
            case .success(let old):
                var counts: [String: Int] = [:]
                for f in old { counts[f.identity, default: 0] += 1 }
                pipeline.newSince = counts
            }
        }
        if !request.keepsSourceBytes { sources.releaseBytes(of: workspace.files) }
        var report = Checker.run(running, on: workspace, today: request.today, sources: sources, configuration: configuration,
                                 pipeline: pipeline)
        report.revision = request.newSince
        return .success(CheckResult(report: report, configuration: configuration, program: program,
                                    workspace: workspace, ruleFiles: ruleFiles))
    }

    /// The configuration `request` names, else the nearest `.stratlint.yaml` from `cwd`
    /// up, else the defaults.
    static func readConfiguration(_ request: CheckRequest, cwd: String, sources: SourceTable) -> Result<Configuration, CheckFailure> {
        guard let path = request.configurationPath ?? Configuration.find(from: cwd) else { return .success(Configuration(directory: cwd)) }
        // A `.stratlint.yaml` committed as a link to a file elsewhere (a key, a password
        // file) is not read: its lines would be quoted in the errors, in public CI logs.
        let found = request.configurationPath == nil
        if let refusal = RepositoryBoundary.refusal(
            toRead: path, "the configuration", typedAbsolute: !found && path.hasPrefix("/"),
            from: found ? (path as NSString).deletingLastPathComponent : cwd, option: "--config") {
            return .failure(CheckFailure(diagnostics: [refusal], inRules: false))
        }
        let file: SourceFile
        switch readSideFile(path, cwd: cwd, sources: sources, overlay: request.overlay) {
        case .success(let f): file = f
        case .failure(let why):
            return .failure(CheckFailure(diagnostics: [.error("cannot read configuration \(path): \(why.reason)", at: nil)], inRules: false))
        }
        let (parsed, problems) = ConfigurationParser.parse(file, absolutePath: file.absolutePath ?? path)
        return problems.isEmpty ? .success(parsed) : .failure(CheckFailure(diagnostics: problems, inRules: false))
    }

    struct LoadedWorkspace {
        var workspace: Workspace
        /// The folders searched for documents.
        var roots: [String]
        /// Rule packs and the configuration: never documents.
        var excluded: [String]
    }

    /// The files under the request's paths (or its `--workspace`, or the folder of a
    /// `.stratlint.yaml` found from here up, which marks the project, when it sets
    /// `include` or no path is given) that the configuration admits, loaded, with the
    /// catalog files their Backstage Locations name. A configuration named with
    /// `--config` only configures: where it lies never decides what is checked
    /// (`--config ../elsewhere.yaml` checks the current folder, not `..`).
    static func loadWorkspace(_ request: CheckRequest, configuration: Configuration, sources: SourceTable) -> Result<LoadedWorkspace, CheckFailure> {
        let project = request.configurationPath == nil && configuration.file != nil ? configuration.directory : nil
        let roots: [String]
        if let w = request.workspace {
            roots = [w]
        } else if let project, !configuration.include.isEmpty {
            roots = [project]
        } else {
            roots = request.paths.isEmpty ? [project ?? "."] : request.paths
        }
        var excluded = configuration.rulePacks + request.ruleDirectories
        if let config = configuration.file?.absolutePath { excluded.append(config) }
        let walk = FileDiscovery.walk(roots + request.paths, excluding: excluded, gitIgnore: configuration.respectGitIgnore)
        guard walk.problems.isEmpty else { return .failure(CheckFailure(diagnostics: walk.problems, inRules: false)) }
        let named = Set(request.paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        // A file named on the command line is checked even if the configuration's globs
        // leave it out, except with --workspace: a hook passes every staged YAML file, and
        // the configuration says which of them are the organisation's.
        let files = walk.files.filter { (request.workspace == nil && named.contains($0)) || configuration.admits($0) }
        // Checking nothing is never a pass: CI must not go green on an empty folder, a
        // path that leads nowhere readable, or globs that match nothing.
        guard !files.isEmpty else {
            return .failure(CheckFailure(diagnostics: [nothingToCheck(roots: roots + request.paths, walk: walk, configuration: configuration)], inRules: false))
        }
        let cache = request.cache ? roots.lazy.compactMap { LoadCache.forRepository(holding: $0, limits: configuration.limits.load) }.first : nil
        func load(_ files: [String]) -> Workspace {
            Workspace.load(files, into: sources, limits: configuration.limits.load, parallel: request.parallelLoad,
                           cache: cache, overlay: request.overlay, defaultKind: { configuration.kind(for: $0) })
        }
        // A scaffolder Template's skeleton is not catalog content until the Template runs.
        var workspace = PhaseTimer.measure("load \(files.count) files") { () -> Workspace in
            let w = load(files)
            return w.removingFiles(under: ForeignFiles.skeletonFolders(in: w, sources: sources), sources: sources)
        }
        workspace.parseErrors += walk.unreadable.map { folder in
            Workspace.parseError("cannot read the folder: \(folder.reason); the files in it were not checked",
                                 file: FileDiscovery.displayPath(folder.path), range: nil,
                                 fix: "Make the folder readable, or exclude it in .stratlint.yaml; the other files were still checked.")
        }
        // Backstage Locations name more catalog files: load them too, a few levels deep,
        // and say where a deeper chain was not followed.
        var seen = Set(files), newest = workspace, reached: Set<String> = []
        for level in 0...LocationTargets.maxLevels {
            let (more, problems, via, reachedNow) = LocationTargets.find(in: newest, sources: sources, known: seen)
            reached.formUnion(reachedNow)
            guard level < LocationTargets.maxLevels else {
                workspace.parseErrors += more.compactMap { via[$0] }.map { origin in
                    Workspace.parseError(
                        "Location target '\(origin.target)' was not read: Locations lead to Locations more than \(LocationTargets.maxLevels) levels deep",
                        file: origin.file, range: origin.range,
                        fix: "Point the top Location at the catalog files directly, or check this folder on its own.")
                }
                break
            }
            workspace.parseErrors += problems
            guard !more.isEmpty else { break }
            seen.formUnion(more)
            // The new files may hold Templates, or skeletons of Templates read before.
            let loaded = load(more), merged = workspace.merging(loaded)
            let skeletons = ForeignFiles.skeletonFolders(in: merged, sources: sources)
            workspace = merged.removingFiles(under: skeletons, sources: sources)
            newest = loaded.removingFiles(under: skeletons, sources: sources)
        }
        if let cache, workspace.cacheStores > 0 { cache.prune(keeping: workspace.cacheKeys) }
        // Which catalog files the Locations reach, when the workspace is a folder's (named
        // files alone may leave out the Location that reaches them).
        if roots.contains(where: { root in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) && isFolder.boolValue
        }) {
            workspace.locationReached = Set(workspace.files.filter { id in sources[id]?.absolutePath.map(reached.contains) == true })
        }
        // Only files named (a folder, `check .` or `check strategy/`, is taken to hold the
        // model it means, whatever else the repository holds).
        workspace.namedFilesOnly = request.workspace == nil && roots == request.paths && named.isSubset(of: walk.files)
        return .success(LoadedWorkspace(workspace: workspace, roots: roots, excluded: excluded))
    }

    /// The baseline, read before any document so that a bad one stops the run at once,
    /// and the workspace.
    static func readBaselineAndWorkspace(_ request: CheckRequest, configuration: Configuration, cwd: String, sources: SourceTable)
        -> Result<(baseline: (entries: Baseline, file: SourceFile)?, workspace: LoadedWorkspace), CheckFailure> {
        var baseline: (entries: Baseline, file: SourceFile)?
        if !request.ignoreBaseline, let path = request.baselinePath ?? configuration.baseline {
            // The configuration's baseline was held to the repository when it was read.
            if let typed = request.baselinePath, let refusal = RepositoryBoundary.refusal(
                toRead: typed, "the baseline", typedAbsolute: typed.hasPrefix("/"), from: cwd, option: "--baseline") {
                return .failure(CheckFailure(diagnostics: [refusal], inRules: false))
            }
            let file: SourceFile
            switch readSideFile(path, cwd: cwd, sources: sources) {
            case .success(let f): file = f
            case .failure(let why):
                return .failure(CheckFailure(diagnostics: [.error(
                    "cannot read the baseline \(path): \(why.reason)", at: nil,
                    hint: "write one with `stratlint baseline --output \(path)`, or drop --baseline")], inRules: false))
            }
            let (entries, problems) = Baseline.parse(file)
            guard let entries else { return .failure(CheckFailure(diagnostics: problems, inRules: false)) }
            baseline = (entries, file)
        }
        return loadWorkspace(request, configuration: configuration, sources: sources).map { (baseline, $0) }
    }

    struct Unreadable: Error { let reason: String }

    /// Reads a file a check reads besides the documents (the configuration, a baseline)
    /// into `sources`: never larger than the default file size, recorded by identity (so
    /// no output replaces it), and quoted in messages only when it lies in the repository.
    /// `overlay` (``CheckRequest/overlay``) stands in for the file on disk.
    static func readSideFile(_ path: String, cwd: String, sources: SourceTable, overlay: [String: [UInt8]] = [:]) -> Result<SourceFile, Unreadable> {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let read = FileReader.read(absolute, maxSize: LoadLimits.defaultMaxFileSize, overlay: overlay)
        switch read {
        case .bytes(let bytes, let identity):
            return .success(sources.add(path: FileDiscovery.displayPath(absolute), bytes: bytes, absolutePath: absolute,
                                        quotable: RepositoryBoundary(around: cwd).contains(absolute), identity: identity))
        case .unreadable(let why):
            return .failure(Unreadable(reason: why))
        }
    }

    /// Why a check found no file to check, for the error that stops it (exit code 2).
    static func nothingToCheck(roots: [String], walk: FileDiscovery.Found, configuration: Configuration) -> Diagnostic {
        let places = Array(Set(roots)).sorted().joined(separator: ", ")
        if !walk.files.isEmpty, let config = configuration.file {
            let globs = (configuration.include.map { "include '\($0.pattern)'" } + configuration.exclude.map { "exclude '\($0.pattern)'" }).joined(separator: ", ")
            let files = walk.files.count == 1 ? "the one YAML file under \(places) is" : "the \(walk.files.count) YAML files under \(places) are all"
            return .error("nothing to check: \(files) left out by \(config.path) (\(globs))", at: nil,
                          hint: "include and exclude globs match paths relative to the folder of \(config.path), like .gitignore; a leading / anchors them there")
        }
        if let folder = walk.unreadable.first {
            return .error("nothing to check: cannot read the folder \(FileDiscovery.displayPath(folder.path)): \(folder.reason)", at: nil,
                          hint: "make it readable, or check another folder")
        }
        if walk.files.isEmpty, let template = walk.namedHelmTemplates.first {
            let what = walk.namedHelmTemplates.count == 1 ? "\(template) is a Helm chart's template" : "\(template) and the other files named are Helm charts' templates"
            return .error("nothing to check: \(what) (Go template text beside a Chart.yaml, not YAML), which stratlint leaves out", at: nil,
                          hint: "name the organisation's documents, or the folder that holds them")
        }
        if walk.gitIgnored > 0 {
            return .error("nothing to check: no .yaml or .yml file under \(places) but what .gitignore leaves out", at: nil,
                          hint: "name the files to check, or set `respect-gitignore: false` in .stratlint.yaml")
        }
        return .error("nothing to check: no .yaml or .yml file under \(places)", at: nil,
                      hint: "name the folder that holds the organisation's documents; hidden folders, .build and node_modules are skipped")
    }
}
