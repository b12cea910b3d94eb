import YAML

/// Reads a rule file's `schemas:` section (rules-language.md, "Schemas").
extension RuleFileReader {
    static let fieldKeys = ["type", "description", "values", "aliases", "closed", "leading-words", "references", "synonyms", "fields"]
    static let referenceKeys = ["to", "rule", "when-declared", "required", "as"]

    mutating func schemas(_ node: Node) -> [KindSchema] {
        guard case .mapping(let pairs) = node.content else {
            error("'schemas' must map kinds to their schemas", node.range, hint: "for example:  schemas: { Vendor: { fields: { id: string } } }")
            return []
        }
        var out: [KindSchema] = []
        for pair in pairs {
            guard let kind = string(pair.key, "kind") else { continue }
            guard let first = kind.unicodeScalars.first, first >= "A" && first <= "Z" else {
                error("schema kind '\(kind)' must be capitalised, as kinds are", pair.key.range)
                continue
            }
            guard let fields = fields(pair.value, allowed: ["description", "api-version", "fields"], shape: "the schema of \(kind) must be a mapping with 'description' and 'fields'") else { continue }
            let description = fields["description"].flatMap { string($0, "description") }
            let apiVersion = fields["api-version"].flatMap { string($0, "api-version") }
            let members = fields["fields"].map { self.members($0, depth: 1) } ?? []
            out.append(KindSchema(kind: Located(kind, pair.key.range),
                                  root: FieldSchema(name: kind, type: .map, description: description, fields: members, range: pair.key.range),
                                  apiVersion: apiVersion))
        }
        return out
    }

    /// The fields of a map, in written order.
    private mutating func members(_ node: Node, depth: Int) -> [FieldSchema] {
        guard depth <= 32 else {
            error("schemas nest at most 32 levels", node.range)
            return []
        }
        guard case .mapping(let pairs) = node.content else {
            error("'fields' must map field names to types", node.range, hint: "for example:  fields: { id: string, supports: list of string }")
            return []
        }
        // Each field with the node it was read from (a field that cannot be read has none).
        let read = pairs.compactMap { pair -> (member: FieldSchema, node: Node)? in
            guard let name = string(pair.key, "field name"), let member = field(name, pair.value, key: pair.key, depth: depth) else { return nil }
            return (member, pair.value)
        }
        let members = read.map(\.member)
        // A synonym names one field, and is no field's name.
        let names = Set(members.map { $0.name.lowercased() })
        var claimed: [String: String] = [:]
        for (member, node) in read {
            for synonym in member.synonyms {
                let at = synonymRange(synonym, in: node) ?? member.range
                if names.contains(synonym) {
                    error("synonym '\(synonym)' of '\(member.name)' is the name of a field of the same map", at)
                } else if let other = claimed[synonym] {
                    error("synonym '\(synonym)' is given for both '\(other)' and '\(member.name)'", at)
                } else {
                    claimed[synonym] = member.name
                }
            }
        }
        return members
    }

    /// Where `synonym` is written in the field `node`'s `synonyms` list.
    private func synonymRange(_ synonym: String, in node: Node) -> SourceRange? {
        guard case .sequence(let items)? = node["synonyms"]?.content else { return nil }
        return items.first { $0.scalarText?.lowercased() == synonym }?.range
    }

    private mutating func field(_ name: String, _ node: Node, key: Node, depth: Int) -> FieldSchema? {
        if case .scalar = node.content {
            guard let type = type(node) else { return nil }
            return FieldSchema(name: name, type: type, range: key.range)
        }
        guard let fields = fields(node, allowed: Self.fieldKeys, shape: "field '\(name)' must be a type (string, list of string …) or a mapping with 'type'"),
              let typeNode = required("type", in: fields, of: node, "field '\(name)'"), let type = type(typeNode) else { return nil }
        let description = fields["description"].flatMap { string($0, "description") }
        var values: [String] = []
        if let v = fields["values"] {
            if case .sequence(let items) = v.content { values = items.compactMap { string($0, "value") } } else { error("'values' must be a list", v.range) }
        }
        let aliases = fields["aliases"].map { self.aliases($0, of: values) } ?? [:]
        // Flags that say how the values are read: each needs them.
        func valuesFlag(_ key: String, needs what: String) -> Bool {
            guard let c = fields[key] else { return false }
            guard case .scalar(.bool(let b)) = c.content else {
                error("'\(key)' must be true or false", c.range)
                return false
            }
            if b, values.isEmpty {
                error("'\(key)' needs the field's 'values': \(what)", c.range)
                return false
            }
            return b
        }
        let closed = valuesFlag("closed", needs: "the list of what it takes")
        let leadingWords = valuesFlag("leading-words", needs: "the words a text may begin with")
        let reference = fields["references"].flatMap { self.reference($0) }
        var synonyms: [String] = []
        if let v = fields["synonyms"] {
            if case .sequence(let items) = v.content {
                for item in items {
                    guard let synonym = string(item, "synonym") else { continue }
                    if synonyms.contains(synonym.lowercased()) {
                        error("synonym '\(synonym)' of '\(name)' is given twice (synonyms are read in any case)", item.range)
                    } else {
                        synonyms.append(synonym.lowercased())
                    }
                }
            } else {
                error("'synonyms' must be a list of the other names people give the field", v.range, hint: "for example:  synonyms: [goals, objectives]")
            }
        }
        var members: [FieldSchema] = []
        if let f = fields["fields"] {
            if type.allowsMap || type.listItem?.allowsMap == true {
                members = self.members(f, depth: depth + 1)
            } else {
                error("field '\(name)' has 'fields' but its type, \(type.description), holds no map", f.range)
            }
        }
        return FieldSchema(name: name, type: type, description: description, values: values, aliases: aliases, closed: closed,
                           leadingWords: leadingWords, reference: reference, synonyms: synonyms, fields: members, range: key.range)
    }

    /// `aliases: { live: active }`: other words for the field's values, by their
    /// lower-case spelling (they are read in any case, as the values are).
    private mutating func aliases(_ node: Node, of values: [String]) -> [String: String] {
        guard case .mapping(let pairs) = node.content else {
            error("'aliases' must map other words to the field's values", node.range, hint: "for example:  aliases: { live: active, decommissioned: retired }")
            return [:]
        }
        guard !values.isEmpty else {
            error("'aliases' needs the field's 'values': the list of what the aliases stand for", node.range)
            return [:]
        }
        let lowered = Set(values.map { $0.lowercased() })
        var out: [String: String] = [:]
        for pair in pairs {
            guard let alias = string(pair.key, "alias"), let value = string(pair.value, "value") else { continue }
            let key = alias.lowercased()
            if !values.contains(value) {
                error("alias '\(alias)' stands for '\(value)', which is none of the field's values (\(values.joined(separator: ", ")))", pair.value.range)
            } else if lowered.contains(key) {
                error("alias '\(alias)' is one of the field's values already", pair.key.range)
            } else if out[key] != nil {
                error("alias '\(alias)' is given twice (aliases are read in any case)", pair.key.range)
            } else {
                out[key] = value
            }
        }
        return out
    }

    private mutating func type(_ node: Node) -> FieldType? {
        guard let text = string(node, "type") else { return nil }
        guard let type = FieldType.parse(text) else {
            error("unknown type '\(text)'", node.range, hint: "types: string, number, bool, date, period, map, any, 'list of T', 'A | B'")
            return nil
        }
        return type
    }

    private mutating func reference(_ node: Node) -> Reference? {
        guard let fields = fields(node, allowed: Self.referenceKeys, shape: "'references' must be a mapping with 'to'"),
              let to = required("to", in: fields, of: node, "'references'") else { return nil }
        var targets: [Located<String>] = []
        if case .sequence(let items) = to.content {
            targets = items.compactMap { item in string(item, "to").map { Located($0, item.range) } }
        } else if let t = string(to, "to") {
            targets = [Located(t, to.range)]
        }
        func flag(_ key: String) -> Bool {
            guard let n = fields[key] else { return false }
            if case .scalar(.bool(let b)) = n.content { return b }
            error("'\(key)' must be true or false", n.range)
            return false
        }
        let rule = fields["rule"].flatMap { n in string(n, "rule").map { Located($0, n.range) } }
        return Reference(targets: targets, rule: rule, whenDeclared: flag("when-declared"), required: flag("required"),
                         noun: fields["as"].flatMap { string($0, "as") })
    }
}
