import RuleCompiler
import YAML

/// Names nodes by where they sit in the model rather than by line:
/// `Inventory.systems[id=pos].security.mfa`. List items with an `id` are named by it,
/// integrations by their ends (`[from=pos,to=erp]`), strings by themselves
/// (`supports[=growth]`), others by index. The documents of
/// one kind are one model, so a path names no document. Used for fingerprints that survive edits elsewhere in a file.
enum LogicalPaths {
    /// The logical path and the value of every node whose range is in `wanted`.
    static func find(_ wanted: Set<SourceRange>, in documents: [String: ListValue]) -> [SourceRange: (path: String, value: Value)] {
        var found: [SourceRange: (String, Value)] = [:]
        guard !wanted.isEmpty else { return found }
        func visit(_ value: Value, _ range: SourceRange?, _ path: String) {
            if let range, wanted.contains(range), found[range] == nil { found[range] = (path, value) }
            switch value {
            case .map(let m):
                for (i, key) in m.keys.enumerated() {
                    visit(m.values[i], m.range(at: i), path + "." + key.displayText)
                }
            case .list(let l):
                for (i, item) in l.items.enumerated() {
                    var name = "[\(i)]"
                    if case .string(let text) = item {
                        // A list of names (`supports: [a, b]`): named by the name, so an
                        // insertion before it does not rename it.
                        name = "[=\(text)]"
                    } else if case .map(let m) = item {
                        if case .string(let id)? = m.value(forField: "id") {
                            name = "[id=\(id)]"
                        } else if case .string(let from)? = m.value(forField: "from"), case .string(let to)? = m.value(forField: "to") {
                            // Integrations have no id; their ends name them.
                            name = "[from=\(from),to=\(to)]"
                        }
                    }
                    visit(item, l.range(at: i), path + name)
                }
            default: break
            }
        }
        for kind in documents.keys.sorted() {
            guard let docs = documents[kind] else { continue }
            // Documents of one kind merge into one model, so a path does not name the
            // document: adding a file does not rename what the others hold.
            for (i, doc) in docs.items.enumerated() { visit(doc, docs.range(at: i), kind) }
        }
        return found
    }
}
