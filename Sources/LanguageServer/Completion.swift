import Foundation

extension Server {
    /// The ids a referencing field can name, while it is typed: goal ids in
    /// `supports: [`, system ids in `systems:`, `from:`, `to:`, teams and people for
    /// `owner:`. The document may not parse mid-edit, so the field is read from the line.
    func completion(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let snapshot, let index = snapshot.index,
              let character = params["position"]?["character"]?.int else { return .null }
        let typed = String(decoding: Array(place.lineText.utf16.prefix(character)), as: UTF16.self)
        guard let field = Self.fieldBeingValued(typed, above: documents[place.path]?.text ?? "", line: params["position"]?["line"]?.int ?? 0) else {
            return .array([])
        }
        let kind = Self.kind(of: documents[place.path]?.text ?? "")
        let byKind = index.fieldTargets
        let targets = (kind.flatMap { byKind[$0]?[field] }) ?? byKind.values.flatMap { $0[field] ?? [] }
        let items: [JSONValue] = index.ids(of: targets).prefix(1_000).map { id in
            var item: [String: JSONValue] = ["label": .string(id), "kind": .int(18)]
            if let holder = index.declarations(of: id, targets: targets).first?.holder, case .string(let title)? = holder.value(forField: "title") {
                item["detail"] = .string(String(title.prefix(200)))
            }
            return .object(item)
        }
        return .object(["isIncomplete": .bool(false), "items": .array(items)])
    }

    /// The field whose value the text before the cursor is in: `supports: [grow, ` and
    /// `  to: p` give their key; a block list item (`  - gr`) gives the key above it.
    static func fieldBeingValued(_ typed: String, above text: String, line: Int) -> String? {
        let keyPattern = #"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(?:\[[^\]]*)?[^\]\[:{}]*$"#
        if let match = typed.range(of: keyPattern, options: .regularExpression) {
            let line = String(typed[match])
            return line.range(of: #"[A-Za-z_][A-Za-z0-9_-]*(?=\s*:)"#, options: .regularExpression).map { String(line[$0]) }
        }
        guard typed.range(of: #"^\s*-\s*[^:]*$"#, options: .regularExpression) != nil else { return nil }
        let indent = typed.prefix { $0 == " " }.count
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var i = min(line, lines.count) - 1
        while i >= 0 {
            let l = lines[i]
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

    /// The `kind:` a document's text declares at its top level.
    static func kind(of text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("kind:") {
            let value = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
