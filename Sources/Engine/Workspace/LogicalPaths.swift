import RuleCompiler
import YAML

/// Names nodes by where they sit in the model rather than by line:
/// `Inventory.systems[id=pos].security.mfa`. List items with an `id` are named by it,
/// integrations by their ends (`[from=pos,to=erp]`), strings by themselves
/// (`supports[=growth]`), others by index. The documents of
/// one kind are one model, so a path names no document. Used for fingerprints that survive edits elsewhere in a file.
enum LogicalPaths {
    /// The logical path and the value of every node whose range is in `wanted`.
    ///
    /// Only the subtrees whose range holds a wanted position are walked, and a path is
    /// spelled out only for a node that is wanted: findings are few, the model is large.
    static func find(_ wanted: Set<SourceRange>, in documents: [String: ListValue]) -> [SourceRange: (path: String, value: Value)] {
        guard !wanted.isEmpty else { return [:] }
        var starts: [FileID: [SourcePosition]] = [:]
        for r in wanted { starts[r.file, default: []].append(r.start) }
        for key in starts.keys { starts[key]?.sort() }
        // The documents that hold a wanted position, each with the wanted starts of its
        // file (every node of a document is in its file), walked on every core.
        var work: [(kind: String, document: Value, range: SourceRange, starts: [SourcePosition])] = []
        for kind in documents.keys.sorted() {
            guard let docs = documents[kind] else { continue }
            for (i, doc) in docs.items.enumerated() {
                guard let range = docs.range(at: i), let here = starts[range.file] else { continue }
                work.append((kind, doc, range, here))
            }
        }
        let walked = ParallelMap.map(work) { item -> [SourceRange: (String, Value)] in
            // Documents of one kind merge into one model, so a path does not name the
            // document: adding a file does not rename what the others hold.
            var walk = Walk(wanted: wanted, inFile: item.starts, components: [item.kind])
            walk.visit(item.document, item.range)
            return walk.found
        }
        // Documents hold disjoint text, so no range is found in two of them.
        var found: [SourceRange: (path: String, value: Value)] = [:]
        for part in walked {
            for (range, named) in part where found[range] == nil { found[range] = named }
        }
        return found
    }

    /// One document's walk.
    private struct Walk {
        let wanted: Set<SourceRange>
        /// The wanted starts in the document's file, sorted.
        let inFile: [SourcePosition]
        var components: [String]
        var found: [SourceRange: (String, Value)] = [:]

        /// Where the first wanted start at or after `r.start` lies in `inFile`, and
        /// whether one lies inside `r` (or starts where it does, for an empty range).
        func wantedStart(in r: SourceRange) -> (holds: Bool, at: Int) {
            var lo = 0, hi = inFile.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if inFile[mid] < r.start { lo = mid + 1 } else { hi = mid }
            }
            return (lo < inFile.count && (inFile[lo] < r.end || inFile[lo] == r.start), lo)
        }

        func holdsWanted(_ r: SourceRange) -> Bool { wantedStart(in: r).holds }

        mutating func visit(_ value: Value, _ range: SourceRange?) {
            if let range {
                let (holds, at) = wantedStart(in: range)
                guard holds else { return }
                // Only a node that starts where a wanted range does can be one.
                if inFile[at] == range.start, wanted.contains(range), found[range] == nil { found[range] = (components.joined(), value) }
            }
            switch value {
            case .map(let m):
                for (i, key) in m.keys.enumerated() {
                    if let r = m.range(at: i), !holdsWanted(r) { continue }
                    components.append("." + key.displayText)
                    visit(m.values[i], m.range(at: i))
                    components.removeLast()
                }
            case .list(let l):
                for (i, item) in l.items.enumerated() {
                    if let r = l.range(at: i), !holdsWanted(r) { continue }
                    components.append(LogicalPaths.name(of: item, at: i))
                    visit(item, l.range(at: i))
                    components.removeLast()
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
            if case .string(let id)? = m.value(forField: "id") { return "[id=\(id)]" }
            // Integrations have no id; their ends name them.
            if case .string(let from)? = m.value(forField: "from"), case .string(let to)? = m.value(forField: "to") {
                return "[from=\(from),to=\(to)]"
            }
        }
        return "[\(i)]"
    }
}
