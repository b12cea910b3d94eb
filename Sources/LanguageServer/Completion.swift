import Foundation
import YAML

extension Server {
    /// The ids a referencing field can name, while it is typed: goal ids in
    /// `supports: [`, system ids in `systems:`, `from:`, `to:`, teams and people for
    /// `owner:`. The document may not parse mid-edit, so the field is read from the line.
    func completion(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let snapshot, let index = snapshot.index,
              let character = params["position"]?["character"]?.int else { return .null }
        let typed = String(decoding: Array(place.lines.text(ofLine: place.line).utf16.prefix(character)), as: UTF16.self)
        let kind = Self.kind(of: documents[place.path]?.text ?? "")
        guard let field = Self.fieldBeingValued(typed, above: place.line, of: place.lines) else {
            return fieldNames(typed, above: place.line, of: place.lines, kind: kind)
        }
        let byKind = index.fieldTargets
        let targets = (kind.flatMap { byKind[$0]?[field] }) ?? byKind.values.flatMap { $0[field] ?? [] }
        let items: [JSONValue] = index.ids(of: targets).prefix(1_000).map { id in
            // Inserted as written (an id is what it is), shown escaped.
            var item: [String: JSONValue] = ["label": .string(TerminalText.escape(id)), "insertText": .string(id), "kind": .int(18)]
            if let holder = index.declarations(of: id, targets: targets).first?.holder, case .string(let title)? = holder.value(forField: "title") {
                item["detail"] = .string(TerminalText.escape(String(title.prefix(200))))
            }
            return .object(item)
        }
        return .object(["isIncomplete": .bool(false), "items": .array(items)])
    }

    /// The field whose value the text before the cursor is in: `supports: [grow, ` and
    /// `  to: p` give their key; a block list item (`  - gr`) gives the key above it.
    static func fieldBeingValued(_ typed: String, above line: Int, of lines: LineIndex) -> String? {
        let keyPattern = #"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(?:\[[^\]]*)?[^\]\[:{}]*$"#
        if let match = typed.range(of: keyPattern, options: .regularExpression) {
            let line = String(typed[match])
            return line.range(of: #"[A-Za-z_][A-Za-z0-9_-]*(?=\s*:)"#, options: .regularExpression).map { String(line[$0]) }
        }
        guard typed.range(of: #"^\s*-\s*[^:]*$"#, options: .regularExpression) != nil else { return nil }
        let indent = typed.prefix { $0 == " " }.count
        var i = line - 1
        while i >= 0 {
            let l = lines.text(ofLine: i)
            let own = l.prefix { $0 == " " }.count
            if own < indent || (own == indent && !l.drop { $0 == " " }.hasPrefix("-")) {
                let trimmed = l.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasSuffix(":") else { return nil }
                let key = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
                return key.hasPrefix("- ") ? String(key.dropFirst(2)).trimmingCharacters(in: .whitespaces) : key
            }
            i -= 1
        }
        return nil
    }

    /// The fields of the map a key is being typed in, from the kind's schema: the keys
    /// above the line with less indentation say which map it is.
    func fieldNames(_ typed: String, above line: Int, of lines: LineIndex, kind: String?) -> JSONValue {
        guard typed.range(of: #"^\s*(?:-\s+)?[A-Za-z_]?[A-Za-z0-9_-]*$"#, options: .regularExpression) != nil,
              let kind, let schema = snapshot?.result?.program.schemas[kind] else { return .array([]) }
        var column = Self.keyColumn(typed)
        var path: [String] = []
        var i = line - 1
        while i >= 0, column > 0 {
            let l = lines.text(ofLine: i)
            i -= 1
            let trimmed = l.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let own = Self.keyColumn(l)
            guard own < column else { continue }
            guard let key = trimmed.range(of: #"^(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*(?=\s*:)"#, options: .regularExpression)
                .map({ String(trimmed[$0]).replacingOccurrences(of: #"^-\s+"#, with: "", options: .regularExpression) }) else { return .array([]) }
            path.insert(key, at: 0)
            column = own
        }
        var level = schema.root
        for key in path {
            guard let next = level.field(key) else { return .array([]) }
            level = next
        }
        let items: [JSONValue] = level.fields.map { f in
            var item: [String: JSONValue] = ["label": .string(f.name), "kind": .int(10), "detail": .string(f.type.description)]
            if let d = f.description { item["documentation"] = .string(d) }
            return .object(item)
        }
        return .object(["isIncomplete": .bool(false), "items": .array(items)])
    }

    /// The column a line's key starts at: past the indentation and a list item's `- `.
    static func keyColumn(_ line: String) -> Int {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        guard rest.hasPrefix("-") else { return indent }
        let afterDash = rest.dropFirst().prefix { $0 == " " }.count
        return indent + 1 + afterDash
    }

    /// The `kind:` a document's text declares at its top level.
    static func kind(of text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("kind:") {
            let value = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
