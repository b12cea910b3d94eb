import ArgumentParser
import Engine
import Foundation
import YAML

/// The options `check` and `baseline` share: what to read, and with which rules.
struct CommonOptions: ParsableArguments {
    @Argument(help: "Files or folders to check (folders recursively: *.yaml, *.yml). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule pack: a folder of rule files, or one file. Repeatable.", valueName: "dir"))
    var ruleDirectories: [String] = []

    @Flag(help: "Do not load the built-in pack.")
    var noBuiltin = false

    @Option(help: ArgumentHelp("The configuration file (default: the nearest .stratlint.yaml from the working folder up).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Load documents from this folder to resolve references, but report only on PATHS (for pre-commit hooks).", valueName: "dir"))
    var workspace: String?

    @Flag(help: "Neither read nor write the load cache (.git/stratlint-cache: each file's parsed values, used while its bytes are unchanged).")
    var noCache = false

    @OptionGroup var today: TodayOption

    // `--no-builtin` without `--rules` is checked once the configuration is read: its
    // `rules:` may name the packs (CheckRunner).

    func request() -> CheckRequest {
        var request = CheckRequest(today: today.date)
        request.paths = paths
        request.workspace = workspace
        request.configurationPath = config
        request.ruleDirectories = ruleDirectories
        request.builtin = !noBuiltin
        request.cache = !noCache
        return request
    }

    /// Runs the check, or throws why it cannot run.
    func run(_ request: CheckRequest, sources: SourceTable) throws -> CheckResult {
        try Self.value(CheckRunner.run(request, sources: sources), sources)
    }

    /// Loads the documents only, without rules (for `graph`), or throws why not.
    private static func value<T>(_ result: Result<T, CheckFailure>, _ sources: SourceTable) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let failure):
            let n = failure.diagnostics.count
            throw CommandFailure(failure.diagnostics, sources,
                                 summary: failure.inRules ? "stopped: \(n) rule error\(n == 1 ? "" : "s"); no document was checked" : nil)
        }
    }
}

/// `--today`: the date rules see as `today()`.
struct TodayOption: ParsableArguments {
    @Option(name: .customLong("today"), help: ArgumentHelp(
        "The date rules see as today() (YYYY-MM-DD); default: the day of $SOURCE_DATE_EPOCH if set, else today in UTC.",
        valueName: "date"))
    var text: String?

    func validate() throws {
        if let text, CivilDate(iso: text) == nil {
            throw ValidationError("--today must be a date written YYYY-MM-DD, not '\(text)'")
        }
    }

    /// The date `--today` gives; else the day of `SOURCE_DATE_EPOCH` (seconds since
    /// 1970, the reproducible-builds convention), for runs that cannot pass flags, such as
    /// a pre-commit hook in a test; else today in UTC.
    var date: CivilDate { Self.resolve(text) }

    static func resolve(_ text: String?) -> CivilDate {
        if let text, let date = CivilDate(iso: text) { return date }
        let seconds = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) } ?? Date().timeIntervalSince1970
        return CivilDate(daysSinceEpoch: Int((seconds / 86400).rounded(.down)))
    }
}

enum Diagnostics {
    /// Prints the rules that met evaluation errors (warnings) or were stopped by a limit
    /// (errors), and throws exit code 2 for a stopped one: its findings are incomplete.
    static func reportRuleProblems(_ report: Report, _ sources: SourceTable) throws {
        for p in report.ruleProblems {
            let d = p.stopped
                ? Diagnostic(.error, "\(p.subject) was stopped: \(p.message)", at: p.range,
                             hint: "its findings are incomplete; fix the rule, or raise the limit")
                : Diagnostic(.warning, "\(p.subject) could not be evaluated on \(p.count) item\(p.count == 1 ? "" : "s"): \(p.message)", at: p.range,
                             hint: "the rule did not fire on those items; fix the rule, or the documents' types")
            Console.current.err(d.rendered(with: sources))
        }
        if report.ruleProblems.contains(where: \.stopped) { throw ExitCode(2) }
    }

}

/// Why a command stopped with exit code 2 (a usage, configuration or rule error): the
/// diagnostics with the sources that show them. Commands throw it; `main` renders it
/// once, on standard error, and exits. No command exits by itself, so every command
/// can be run, and its failure seen, in process.
struct CommandFailure: Error {
    var diagnostics: [Diagnostic]
    var sources: SourceTable
    var summary: String?

    init(_ diagnostics: [Diagnostic], _ sources: SourceTable, summary: String? = nil) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.summary = summary
    }

    /// One error without a position.
    init(_ message: String, hint: String? = nil, _ sources: SourceTable = SourceTable()) {
        self.init([.error(message, at: nil, hint: hint)], sources)
    }

    /// A system error in a sentence: Foundation's file errors as "PATH: reason", others
    /// as they describe themselves.
    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return "\(error)" }
        let path = ns.userInfo[NSFilePathErrorKey] as? String
        // The system's reason, where Foundation keeps one ("not a directory").
        let posix = ns.domain == NSPOSIXErrorDomain ? ns : (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0 : nil }
        let reason = posix.map { String(cString: strerror(Int32($0.code))).lowercased() } ?? cocoaReason(ns.code)
        return (path.map { "\($0): " } ?? "") + reason
    }

    /// Foundation's file error codes in words (it gives no system reason for some).
    private static func cocoaReason(_ code: Int) -> String {
        switch CocoaError.Code(rawValue: code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on device"
        case .fileWriteFileExists: return "it exists already"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        default: return "it cannot be written or read there (is a file where a folder should be?)"
        }
    }

    /// What `main` prints.
    var rendered: String {
        var text = diagnostics.map { $0.rendered(with: sources) }.joined(separator: "\n")
        if let summary { text += "\n" + summary + "\n" }
        return text
    }
}
