import Engine
import RuleCompiler
import RuleLanguage
import YAML

/// A governance audit of one workspace: the scorecard `stratlint audit` renders. Made
/// from a finished check; every figure in it is documented in docs/audit.md.
public struct Audit: Sendable {
    /// Findings by severity.
    public struct Counts: Sendable, Hashable {
        public var errors = 0
        public var warnings = 0
        public var infos = 0
        public var total: Int { errors + warnings + infos }

        public init(errors: Int = 0, warnings: Int = 0, infos: Int = 0) {
            self.errors = errors
            self.warnings = warnings
            self.infos = infos
        }

        mutating func add(_ severity: Severity) {
            switch severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }

    /// Findings of one owner, or of one document.
    public struct Group: Sendable, Hashable {
        /// The owner's id, or the document's name (`business_unit`, else
        /// `organization`, else its file and kind).
        public var name: String
        public var counts: Counts
    }

    /// The stratlint version that made the audit.
    public var version: String
    /// The date the rules saw as today.
    public var today: CivilDate
    public var score: AlignmentScore
    /// Every pitfall, in the pitfall table's order, with its findings by severity.
    public var pitfalls: [(pitfall: Pitfall, counts: Counts)]
    public var metrics: [MetricResult]
    /// Findings by the owner of the item they are on, most findings first.
    public var owners: [Group]
    /// Findings by document, in file order: each Strategy document is a business unit.
    public var documents: [Group]
    public var findings: [Finding]
    /// Goals → initiatives → systems, with what is wrong marked.
    public var map: AlignmentMap
    public var fileCount: Int
    /// SHA-256 of every input file, by path as shown, sorted by path.
    public var inputs: [(path: String, sha256: String)]
    /// SHA-256 over the rule files' paths and digests (see docs/audit.md).
    public var rulesDigest: String
    /// SHA-256 of the configuration file, when one was used.
    public var configurationDigest: String?
    /// The audits recorded in the history (`--history`), oldest first, this one included.
    public var history: [AuditRecord] = []

    /// The audit of a finished check.
    public static func make(_ result: CheckResult, today: CivilDate) -> Audit {
        let report = result.report
        var pitfalls = Pitfall.allCases.map { ($0, Counts()) }
        for f in report.findings {
            if let i = pitfalls.firstIndex(where: { $0.0 == f.pitfall }) { pitfalls[i].1.add(f.severity) }
        }
        let places = Places(result.workspace, sources: report.sources)
        var byOwner: [String: Counts] = [:]
        var byDocument: [Int: Counts] = [:]
        for f in report.findings {
            let place = f.range.flatMap(places.locate)
            byOwner[place?.owner ?? Places.noOwner, default: Counts()].add(f.severity)
            if let d = place?.document { byDocument[d, default: Counts()].add(f.severity) }
        }
        let owners = byOwner.map { Group(name: $0.key, counts: $0.value) }
            .sorted { ($0.counts.total, $1.name) > ($1.counts.total, $0.name) }
        let documents = places.documents.enumerated().map { i, d in Group(name: d.name, counts: byDocument[i] ?? Counts()) }
        let sources = report.sources
        let inputs = result.workspace.files.compactMap { sources[$0] }.map { ($0.path, SHA256.hex($0.bytes)) }.sorted { $0.0 < $1.0 }
        let rules = result.ruleFiles.compactMap { sources[$0] }.map { "\($0.path)\u{0}\(SHA256.hex($0.bytes))\n" }.sorted().joined()
        return Audit(
            version: stratlintVersion, today: today,
            score: AlignmentScore(metrics: report.metrics.map(\.value), findings: report.findings, items: places.items),
            pitfalls: pitfalls, metrics: report.metrics, owners: owners, documents: documents,
            findings: report.findings, map: AlignmentMap(checked: result), fileCount: report.fileCount, inputs: inputs,
            rulesDigest: SHA256.hex(Array(rules.utf8)),
            configurationDigest: result.configuration.file.map { SHA256.hex($0.bytes) })
    }
}

/// The alignment score, 0 to 100, and the figures it is made of (docs/audit.md):
///
///     metric part   M = the mean share of the metrics that have items
///     finding part  F = items / (items + 3 × errors + warnings)
///     score         = round(100 × (M + F) / 2), or round(100 × F) when no metric has items
///                     (halves round up)
///
/// `items` counts the goals, initiatives, systems and integrations, and the Backstage
/// entities. F is 1 with no
/// findings and 0.5 when the weighted findings equal the items.
public struct AlignmentScore: Sendable, Hashable {
    public var value: Int
    public var metricPart: Double?
    public var findingPart: Double
    public var items: Int
    /// 3 × errors + warnings.
    public var weightedFindings: Int

    public init(metrics: [MetricValue], findings: [Finding], items: Int) {
        let shares = metrics.compactMap(\.share)
        let m = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
        let w = findings.reduce(0) { sum, f in sum + (f.severity == .error ? 3 : f.severity == .warning ? 1 : 0) }
        let f = items + w == 0 ? 1 : Double(items) / Double(items + w)
        metricPart = m
        findingPart = f
        weightedFindings = w
        self.items = items
        // Round to a millionth first, so that a half (42.5) written as 42.4999… in binary
        // still rounds up, as it does by hand.
        let percent = ((m.map { ($0 + f) / 2 } ?? f) * 100 * 1_000_000).rounded() / 1_000_000
        value = Int(percent.rounded())
    }
}

/// Where findings sit: the item (goal, initiative, system, integration) and the document
/// around a position, for the breakdowns by owner and by document.
struct Places {
    static let noOwner = "(no owner)"
    /// The collections whose items are counted and owned.
    static let collections = ["goals", "initiatives", "systems", "integrations"]

    struct Item {
        let range: SourceRange
        let owner: String?
        let document: Int
    }

    var documents: [(name: String, range: SourceRange?, owner: String?)] = []
    var items: Int { itemList.count }
    private var itemList: [Item] = []
    private var itemRanges: [SourceRange] = []
    /// The positions of the documents that have one (the first of `documents`).
    private var documentRanges: [SourceRange] = []

    init(_ workspace: Workspace, sources: SourceTable) {
        var all: [(kind: String, value: Value, range: SourceRange?)] = []
        for (kind, list) in workspace.documents where kind != Workspace.unclassified {
            for (i, doc) in list.items.enumerated() { all.append((kind, doc, list.range(at: i))) }
        }
        // File and document order, whatever the kind.
        all.sort { a, b in
            guard let ra = a.range, let rb = b.range else { return a.range != nil && b.range == nil }
            return (ra.file, ra.start) < (rb.file, rb.start)
        }
        for (kind, doc, range) in all {
            guard case .map(let m) = doc else { continue }
            let owner = Self.text(m.value(forField: "owner"))
            let file = range.flatMap { sources[$0.file]?.path } ?? "?"
            let name = Self.text(m.value(forField: "business_unit")) ?? Self.text(m.value(forField: "organization"))
            // A Backstage entity is one item, owned by its spec.owner.
            if case .string(let version)? = m.value(forField: "apiVersion"), version.hasPrefix("backstage.io/"), let range {
                var entityOwner: String?
                if case .map(let spec)? = m.value(forField: "spec") { entityOwner = Self.text(spec.value(forField: "owner")) }
                var entityName = kind
                if case .map(let metadata)? = m.value(forField: "metadata"), let n = Self.text(metadata.value(forField: "name")) { entityName += " " + n }
                documents.append(("\(entityName) in \(file)", range, entityOwner))
                itemList.append(Item(range: range, owner: entityOwner, document: documents.count - 1))
                continue
            }
            documents.append((name ?? "\(kind) in \(file)", range, owner))
            for field in Self.collections {
                guard case .list(let l)? = m.value(forField: field) else { continue }
                for (i, item) in l.items.enumerated() {
                    guard case .map(let im) = item, let r = l.range(at: i) else { continue }
                    itemList.append(Item(range: r, owner: Self.text(im.value(forField: "owner")), document: documents.count - 1))
                }
            }
        }
        distinguishRepeatedNames(sources)
        // Items of one document are in collection order; position order lets `locate`
        // search instead of scanning (items do not overlap).
        itemList.sort { ($0.range.file, $0.range.start) < ($1.range.file, $1.range.start) }
        itemRanges = itemList.map(\.range)
        documentRanges = documents.prefix { $0.range != nil }.compactMap(\.range)
    }

    /// Two documents of one name (two Strategy documents without `organization` in one
    /// file; two business units' documents that name the same organization) are told
    /// apart by where they start, `Strategy in plans.yaml:5`, `Acme (plans/eu.yaml:1)`:
    /// the by-document table had two rows alike.
    private mutating func distinguishRepeatedNames(_ sources: SourceTable) {
        var count: [String: Int] = [:]
        for d in documents { count[d.name, default: 0] += 1 }
        guard count.values.contains(where: { $0 > 1 }) else { return }
        for i in documents.indices where count[documents[i].name, default: 0] > 1 {
            guard let range = documents[i].range, let file = sources[range.file]?.path else { continue }
            let name = documents[i].name
            documents[i].name = name.hasSuffix(" in \(file)") ? "\(name):\(range.start.line)" : "\(name) (\(file):\(range.start.line))"
        }
    }

    /// The owner (the item's, else its document's) and the document at `range`.
    func locate(_ range: SourceRange) -> (owner: String?, document: Int)? {
        if let i = Self.last(in: itemRanges, atOrBefore: range), contains(itemList[i].range, range) {
            let item = itemList[i]
            return (item.owner ?? documents[item.document].owner, item.document)
        }
        // Documents are in position order (those without a position last) and do not
        // overlap: the last one that starts at or before `range` is the only candidate.
        guard let d = Self.last(in: documentRanges, atOrBefore: range), contains(documentRanges[d], range) else { return nil }
        return (documents[d].owner, d)
    }

    /// The index of the last range that starts at or before `range` in its file.
    private static func last(in ranges: [SourceRange], atOrBefore range: SourceRange) -> Int? {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if (ranges[mid].file, ranges[mid].start) <= (range.file, range.start) { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    private func contains(_ outer: SourceRange, _ inner: SourceRange) -> Bool {
        outer.file == inner.file && outer.start <= inner.start && (inner.start < outer.end || inner.start == outer.start)
    }

    private static func text(_ value: Value?) -> String? {
        if case .string(let s)? = value, !s.isEmpty { return s }
        return nil
    }
}
