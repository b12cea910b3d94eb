import Foundation
import RuleLanguage
import YAML

/// A baseline: the findings an organisation has accepted for now, so that a check
/// reports only new ones. Written by `stratlint baseline`, read by `check --baseline`.
///
/// ```json
/// {
///   "version": 1,
///   "entries": [
///     {"file":"inventory.yaml","message":"…","path":"Inventory.systems[id=pos].security.mfa","rule":"sensitive-system-without-mfa","value":"9e0b2f7c1d3a4b5c"}
///   ]
/// }
/// ```
///
/// An entry is matched by rule, logical path and value hash (`Finding.identity`); `file`
/// and `message` are for the reader and for scoping. No line numbers, so an entry still
/// matches after the line moves. One entry per line, sorted, so diffs stay small.
public struct Baseline: Sendable {
    public struct Entry: Sendable, Codable, Hashable {
        public var rule: String
        /// The logical path; nil for a finding on no model node (then the file identifies it).
        public var path: String?
        public var value: String
        public var file: String
        public var message: String

        var identity: String { Finding.identity(rule: rule, path: path, file: file, valueHash: value) }
    }

    public var entries: [Entry]
    /// Where each entry was written, parallel to `entries` (nil for a baseline made in memory).
    public var ranges: [SourceRange?]

    public init(findings: [Finding]) {
        entries = findings.map {
            Entry(rule: $0.ruleID, path: $0.logicalPath, value: $0.valueHash, file: $0.file, message: $0.message)
        }.sorted { ($0.rule, $0.path ?? "", $0.value, $0.file) < ($1.rule, $1.path ?? "", $1.value, $1.file) }
        ranges = entries.map { _ in nil }
    }

    /// The file's text: sorted, one entry per line.
    public func rendered() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = entries.compactMap { e in (try? encoder.encode(e)).map { "    " + String(decoding: $0, as: UTF8.self) } }
        return "{\n  \"version\": 1,\n  \"entries\": [\n" + lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "  ]\n}\n"
    }

    /// Reads a baseline file, with every entry's position; problems are reported with theirs.
    public static func parse(_ file: SourceFile) -> (Baseline?, [Diagnostic]) {
        let hint = "regenerate it with `stratlint baseline --output \(file.path)`"
        let root: Node
        switch Loader.load(file) {
        case .failure(let e): return (nil, [.error("the baseline is not valid JSON: \(e.message)", at: e.range, hint: hint)])
        case .success(let docs):
            guard let first = docs.first else { return (nil, [.error("the baseline is empty", at: nil, hint: hint)]) }
            root = first
        }
        guard root["version"]?.scalarText == "1", case .sequence(let items)? = root["entries"]?.content else {
            return (nil, [.error("the baseline needs \"version\": 1 and a list of \"entries\"", at: root.range, hint: hint)])
        }
        var baseline = Baseline(findings: [])
        var problems: [Diagnostic] = []
        for item in items {
            func text(_ key: String) -> String? {
                guard case .scalar(let s)? = item[key]?.content, s != .null else { return nil }
                return s.text
            }
            guard let rule = text("rule"), let value = text("value"), let file = text("file") else {
                problems.append(.error("a baseline entry needs \"rule\", \"value\" and \"file\"", at: item.range, hint: hint))
                continue
            }
            baseline.entries.append(Entry(rule: rule, path: text("path"), value: value, file: file, message: text("message") ?? ""))
            baseline.ranges.append(item.range)
        }
        return problems.isEmpty ? (baseline, []) : (nil, problems)
    }
}

/// Hides the findings a baseline accepts and reports the entries that match nothing.
struct BaselineFilter {
    static let ruleID = "stale-baseline-entry"
    static let info = RuleInfo(
        id: ruleID, title: "Baseline entry that matches no finding", pitfall: .modelIntegrity, severity: .warning,
        fix: "Remove the entry (or run `stratlint baseline --output FILE` again): the finding it accepted is gone, and the baseline should only shrink.",
        docs: "A baseline accepts today's findings so that a check reports only new ones. An entry whose finding was fixed is reported so that it is removed and the fix cannot silently come undone.")

    var baseline: Baseline
    /// Rules that ran: an entry for a rule that did not run (disabled, from a pack not
    /// loaded) says nothing and is left alone.
    var ranRules: Set<String>
    /// Whether an entry's file is among the files reported on.
    var inScope: (String) -> Bool
    var severity: Severity
    var baselineFile: String

    func apply(to findings: [Finding]) -> (kept: [Finding], stale: [Finding]) {
        var unmatched: [String: Int] = [:]
        for e in baseline.entries { unmatched[e.identity, default: 0] += 1 }
        let kept = findings.removingIdentities(&unmatched)
        // Of entries that share an identity, the first ones matched: the last
        // `unmatched` of them are stale.
        var isStale = [Bool](repeating: false, count: baseline.entries.count)
        for (i, e) in baseline.entries.enumerated().reversed() {
            guard let n = unmatched[e.identity], n > 0 else { continue }
            unmatched[e.identity] = n - 1
            isStale[i] = true
        }
        var stale: [Finding] = []
        for (i, e) in baseline.entries.enumerated() where isStale[i] && ranRules.contains(e.rule) && inScope(e.file) {
            let place = e.path.map { "\($0) in \(e.file)" } ?? e.file
            stale.append(Finding(
                ruleID: Self.ruleID, pitfall: .modelIntegrity, severity: severity,
                message: "Baseline entry for '\(e.rule)' at \(place) matches no finding any more; remove it",
                fix: Self.info.fix, file: baselineFile, range: baseline.ranges[i]))
        }
        return (kept, stale)
    }
}
