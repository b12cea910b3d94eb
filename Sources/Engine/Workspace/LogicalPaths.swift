import RuleCompiler
import YAML

/// Names nodes by where they sit in the model rather than by line:
/// `Inventory.systems[id=pos].security.mfa`. List items with an `id` are named by it,
/// integrations by their ends (`[from=pos,to=erp]`), strings by themselves
/// (`supports[=growth]`), others by index. The documents of
/// one kind are one model, so a path names no document. Used for fingerprints that survive edits elsewhere in a file.
enum LogicalPaths {
    /// The ranges to name, sorted (by file, start, end) and each once, and where each
    /// range given is among them: findings are looked up by position, not hashed (the
    /// sets and dictionaries of ranges were a seventh of the naming's cost).
    struct Wanted {
        let ranges: [SourceRange]
        /// For each range given, its index in ``ranges``; nil where none was given.
        let slots: [Int?]

        init(_ given: [SourceRange?]) {
            let placed = given.enumerated().compactMap { i, r in r.map { (index: i, range: $0) } }
                .sorted { a, b in a.range == b.range ? a.index < b.index : Wanted.precedes(a.range, b.range) }
            var ranges: [SourceRange] = [], slots = [Int?](repeating: nil, count: given.count)
            ranges.reserveCapacity(placed.count)
            for p in placed {
                if ranges.last != p.range { ranges.append(p.range) }
                slots[p.index] = ranges.count - 1
            }
            self.ranges = ranges
            self.slots = slots
        }

        static func precedes(_ a: SourceRange, _ b: SourceRange) -> Bool {
            if a.file != b.file { return a.file < b.file }
            if a.start != b.start { return a.start < b.start }
            return a.end < b.end
        }
    }

    /// The logical path and the value of the node at each of `wanted`'s ranges, by index
    /// (nil where no node has that range).
    ///
    /// Only the subtrees whose range holds a wanted position are walked, and a path is
    /// spelled out only for a node that is wanted: findings are few, the model is large.
    static func find(_ wanted: Wanted, in documents: [String: ListValue]) -> [(path: String, value: Value)?] {
        let ranges = wanted.ranges
        guard !ranges.isEmpty else { return [] }
        // Each file's run of wanted ranges.
        var runs: [FileID: Range<Int>] = [:]
        var lo = 0
        for i in 1...ranges.count where i == ranges.count || ranges[i].file != ranges[lo].file {
            runs[ranges[lo].file] = lo..<i
            lo = i
        }
        // The documents that hold a wanted position, each with the run of wanted ranges
        // that start inside it (every node of a document, an alias's target too, lies
        // in the document's text), walked on every core. Narrowing the run keeps the
        // walk linear: a catalog of 20,000 documents in one file once gave each
        // document's walk the whole file's 60,000 ranges to mark.
        var work: [(kind: String, document: Value, range: SourceRange, run: Range<Int>)] = []
        for kind in documents.keys.sorted() {
            guard let docs = documents[kind] else { continue }
            for (i, doc) in docs.items.enumerated() {
                guard let range = docs.range(at: i), let fileRun = runs[range.file] else { continue }
                let run = boundary(in: ranges, fileRun) { $0 < range.start }..<boundary(in: ranges, fileRun) { $0 <= range.end }
                guard !run.isEmpty else { continue }
                work.append((kind, doc, range, run))
            }
        }
        let walked = ParallelMap.map(work) { item -> [(Int, String, Value)] in
            // Documents of one kind merge into one model, so a path does not name the
            // document: adding a file does not rename what the others hold.
            var walk = Walk(wanted: ranges, run: item.run, components: [])
            walk.enter(item.document, at: item.range, named: item.kind)
            return walk.found
        }
        // Documents hold disjoint text, so no range is found in two of them.
        var found = [(path: String, value: Value)?](repeating: nil, count: ranges.count)
        for part in walked {
            for (j, path, value) in part where found[j] == nil { found[j] = (path, value) }
        }
        return found
    }

    /// The first index of `run` (sorted by start) whose range's start is not `below`.
    static func boundary(in ranges: [SourceRange], _ run: Range<Int>, below: (SourcePosition) -> Bool) -> Int {
        var lo = run.lowerBound, hi = run.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if below(ranges[mid].start) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// One document's walk.
    private struct Walk {
        /// Every wanted range, sorted; those of the document's file are `run`.
        let wanted: [SourceRange]
        let run: Range<Int>
        var components: [String]
        /// Each wanted range named, by index, with its path and value.
        var found: [(Int, String, Value)] = []
        /// Whether each range of the run is named already (the outermost node of a range wins).
        var named: [Bool]

        init(wanted: [SourceRange], run: Range<Int>, components: [String]) {
            self.wanted = wanted
            self.run = run
            self.components = components
            named = [Bool](repeating: false, count: run.count)
        }

        /// Where the first wanted start at or after `r.start` lies in `wanted`, and
        /// whether one lies inside `r` (or starts where it does, for an empty range).
        func wantedStart(in r: SourceRange) -> (holds: Bool, at: Int) {
            let lo = LogicalPaths.boundary(in: wanted, run) { $0 < r.start }
            return (lo < run.upperBound && (wanted[lo].start < r.end || wanted[lo].start == r.start), lo)
        }

        /// Visits a node named `component` below the current path, if its range may
        /// hold a wanted one (a node without a range is always visited). The range is
        /// searched for once, here; the name is spelled only for a node visited.
        mutating func enter(_ value: Value, at r: SourceRange?, named component: @autoclosure () -> String) {
            var at: Int?
            if let r {
                let (holds, start) = wantedStart(in: r)
                guard holds else { return }
                at = start
            }
            components.append(component())
            visit(value, r, at: at)
            components.removeLast()
        }

        /// Visits `value`, at `range` and `at` as ``enter(_:at:named:)`` found them.
        mutating func visit(_ value: Value, _ range: SourceRange?, at: Int?) {
            if let range, let at {
                // Only a node that starts where a wanted range does can be one: among
                // those starting there (sorted by end), the one that ends where it does.
                var j = at
                while j < run.upperBound, wanted[j].start == range.start {
                    if wanted[j] == range {
                        if !named[j - run.lowerBound] {
                            named[j - run.lowerBound] = true
                            found.append((j, components.joined(), value))
                        }
                        break
                    }
                    j += 1
                }
            }
            switch value {
            case .map(let m):
                for (i, key) in m.keys.enumerated() {
                    enter(m.values[i], at: m.range(at: i), named: "." + key.displayText)
                }
            case .list(let l):
                for (i, item) in l.items.enumerated() {
                    enter(item, at: l.range(at: i), named: LogicalPaths.name(of: item, at: i))
                }
            default: break
            }
        }
    }

    /// A list item's part of a path.
    static func name(of item: Value, at i: Int) -> String {
        if case .string(let text) = item {
            // A list of names (`supports: [a, b]`): named by the name, so an insertion
            // before it does not rename it.
            return "[=\(text)]"
        }
        if case .map(let m) = item {
            if case .string(let id)? = m.value(forField: .id) { return "[id=\(id)]" }
            // Integrations have no id; their ends name them.
            if case .string(let from)? = m.value(forField: .from), case .string(let to)? = m.value(forField: .to) {
                return "[from=\(from),to=\(to)]"
            }
        }
        return "[\(i)]"
    }
}
