import Engine
import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// One check of the workspace for the server: `check`'s findings, rule problems and
/// errors, sorted by the open document they are in. What lies in no open document
/// (a rule file's error, nothing to check) is said once as a message.
struct WorkspaceCheck {
    /// A diagnostic, in stratlint's positions until a document's lines place it.
    struct Item {
        var severity: Int
        var code: String?
        var message: String
        var range: SourceRange?
        /// A certain fix (``Finding/replacement``), carried to code actions in `data`.
        var replacement: String?
        /// The rule's page (`codeDescription`), for built-in rules when a docs URL is set.
        var page: String?

        func json(_ lines: LineIndex) -> JSONValue {
            let start = lines.position(line: 1, column: 1)
            var d: [String: JSONValue] = [
                "range": range.map(lines.range) ?? .object(["start": start, "end": start]),
                "severity": .int(severity),
                "source": .string("stratlint"),
                // What the documents put in a message is shown, not obeyed: an editor in a
                // terminal must not receive its escape sequences, nor a line break forge a line.
                "message": .string(TerminalText.escape(message)),
            ]
            if let code { d["code"] = .string(code) }
            if let replacement { d["data"] = .object(["replacement": .string(replacement)]) }
            if let page { d["codeDescription"] = .object(["href": .string(page)]) }
            return .object(d)
        }
    }

    /// By absolute path.
    var diagnostics: [String: [Item]] = [:]
    /// Problems no open document shows, as text.
    var elsewhere: [String] = []
    /// The finished check, for hover, navigation and completion (nil if it failed).
    var result: CheckResult?
    var sources = SourceTable()
    var index: IdentifierIndex?

    /// `docsURL`: where the built-in rules' pages are (`BASE/RULE.md`), if anywhere.
    static func run(today: CivilDate, documents: [String: [UInt8]], docsURL: String? = nil) -> WorkspaceCheck {
        var request = CheckRequest(today: today)
        request.cache = true
        request.overlay = documents
        var out = WorkspaceCheck()
        let sources = out.sources
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        func path(of range: SourceRange?, file: String) -> String? {
            // Absolute paths are standardized where files are read.
            if let range, let absolute = sources[range.file]?.absolutePath { return absolute }
            guard !file.isEmpty else { return nil }
            return URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: cwd + "/")).standardizedFileURL.path
        }
        switch CheckRunner.run(request, sources: sources) {
        case .success(let result):
            out.result = result
            out.index = IdentifierIndex(documents: result.workspace.documents, schemas: result.program.schemas)
            let builtin = Set(result.program.rules.filter { RulePacks.builtinPack(of: $0, in: sources) != nil }.map(\.id))
            for f in result.report.findings {
                guard let p = path(of: f.range, file: f.file), documents[p] != nil else { continue }
                let page = docsURL.flatMap { base in builtin.contains(f.ruleID) ? "\(base.hasSuffix("/") ? String(base.dropLast()) : base)/\(f.ruleID).md" : nil }
                out.diagnostics[p, default: []].append(Item(severity: severity(f.severity), code: f.ruleID, message: f.message, range: f.range,
                                                            replacement: f.replacement, page: page))
            }
            for problem in result.report.ruleProblems {
                let item = Item(severity: 1, code: problem.ruleID, message: problem.message, range: problem.range)
                if let p = path(of: problem.range, file: ""), documents[p] != nil {
                    out.diagnostics[p, default: []].append(item)
                } else {
                    out.elsewhere.append("stratlint: \(problem.subject): \(problem.message)")
                }
            }
        case .failure(let failure):
            for d in failure.diagnostics {
                let item = Item(severity: d.severity == .error ? 1 : d.severity == .warning ? 2 : 3, code: nil,
                                message: d.hint.map { "\(d.message)\n\($0)" } ?? d.message, range: d.range)
                if let p = path(of: d.range, file: ""), documents[p] != nil {
                    out.diagnostics[p, default: []].append(item)
                } else {
                    out.elsewhere.append(d.rendered(with: sources))
                }
            }
        }
        return out
    }

    static func severity(_ s: Severity) -> Int {
        switch s {
        case .error: return 1
        case .warning: return 2
        case .info: return 3
        }
    }
}
