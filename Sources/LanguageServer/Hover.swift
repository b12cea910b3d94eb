import Engine
import Foundation
import RuleCompiler
import YAML

extension Server {
    /// On a finding: its rule's title, why it matters and how to fix it. On an id: the
    /// entity it names (title, owner, where it is declared).
    func hover(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let snapshot, let result = snapshot.result else { return .null }
        var parts: [String] = []
        let symbol = snapshot.index?.symbol(at: place.position, in: place.file)
        if let index = snapshot.index, let symbol {
            let declared = index.declarations(of: symbol.id, targets: symbol.targets)
            if let first = declared.first {
                var text = "**\(Markdown.escape(symbol.id))**"
                if let holder = first.holder {
                    for field in ["title", "name", "owner", "type"] {
                        if case .string(let s)? = holder.value(forField: field) { text += "\n\n\(field): \(Markdown.escape(String(s.prefix(300))))" }
                    }
                }
                let file = snapshot.sources[first.range.file]?.path ?? "?"
                text += "\n\ndeclared in \(Markdown.escape(file)):\(first.range.start.line)"
                if declared.count > 1 { text += " and \(declared.count - 1) more place\(declared.count == 2 ? "" : "s")" }
                parts.append(text)
            }
        }
        // The findings at the position: on an id, those about the id itself; elsewhere
        // the innermost (an initiative's finding spans the whole initiative).
        let containing = result.report.findings.filter { f in f.range.map { $0.file == place.file && IdentifierIndex.contains($0, place.position) } ?? false }
        let shown: [Finding]
        if let symbol {
            shown = containing.filter { f in f.range.map { symbol.range.start <= $0.start && $0.end <= symbol.range.end } ?? false }
        } else {
            let span = { (f: Finding) -> (Int32, Int32) in
                guard let r = f.range else { return (Int32.max, Int32.max) }
                return (r.end.line - r.start.line, r.end.line == r.start.line ? r.end.column - r.start.column : r.end.column)
            }
            let smallest = containing.map(span).min { $0 < $1 }
            shown = containing.filter { f in smallest.map { span(f) == $0 } ?? false }
        }
        var seen = Set<String>()
        for f in shown {
            guard seen.insert(f.ruleID).inserted else { continue }
            let rule = result.report.rules.first { $0.id == f.ruleID }
            var text = "**\(Markdown.escape(rule?.title ?? f.ruleID))** (`\(f.ruleID)`, \(f.pitfall.rawValue))"
            if let docs = rule?.docs, !docs.isEmpty { text += "\n\n" + docs.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let fix = f.fix ?? rule?.fix { text += "\n\n**Fix:** " + fix.trimmingCharacters(in: .whitespacesAndNewlines) }
            parts.append(text)
        }
        guard !parts.isEmpty else { return .null }
        return .object(["contents": .object(["kind": .string("markdown"), "value": .string(parts.joined(separator: "\n\n---\n\n"))])])
    }
}

/// Text from the documents, shown as Markdown: its marks are escaped, so that an id or
/// a title cannot become a link, an image or HTML in the editor.
enum Markdown {
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if c.value < 0x20 || c.value == 0x7F { out += " "; continue }
            if "\\`*_{}[]()<>#+-.!|~".unicodeScalars.contains(c) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
