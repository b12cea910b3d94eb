import YAML

/// The type a schema gives a field (rules-language.md, "Schemas"): a shape, and for a
/// list its item type, for a union its alternatives. A struct rather than an indirect
/// enum: LeakSanitizer cannot follow the tag bits Swift keeps in a multi-payload enum's
/// pointers, and reported every schema a static held as leaked.
public struct FieldType: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        case any, string, number, bool, date
        /// A date, or a month, quarter or (fiscal) year, read as its last day (``Period``).
        case period
        /// A mapping; its fields are those of the ``FieldSchema`` that holds the type.
        case map
        case list, union
    }

    public let shape: Shape
    /// A list's item type (one), or a union's alternatives; empty otherwise.
    public let parts: [FieldType]

    private init(_ shape: Shape, _ parts: [FieldType] = []) {
        self.shape = shape
        self.parts = parts
    }

    public static let any = FieldType(.any)
    public static let string = FieldType(.string)
    public static let number = FieldType(.number)
    public static let bool = FieldType(.bool)
    public static let date = FieldType(.date)
    public static let period = FieldType(.period)
    public static let map = FieldType(.map)
    public static func list(_ item: FieldType) -> FieldType { FieldType(.list, [item]) }
    public static func union(_ alternatives: [FieldType]) -> FieldType { FieldType(.union, alternatives) }

    /// The item type, for a list.
    public var item: FieldType? { shape == .list ? parts.first : nil }
    /// The alternatives, for a union.
    public var alternatives: [FieldType] { shape == .union ? parts : [] }

    /// Reads `string`, `list of T`, `A | B` (a list's item type takes the rest, so
    /// `list of string | map` is a list of strings or maps).
    public static func parse(_ text: String) -> FieldType? {
        let t = text.trimmingWhitespace
        if t.hasPrefix("list of ") { return parse(String(t.dropFirst(8))).map { .list($0) } }
        let parts = t.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
        if parts.count > 1 {
            let types = parts.compactMap(parse)
            return types.count == parts.count ? .union(types) : nil
        }
        switch t {
        case "any": return .any
        case "string": return .string
        case "number": return .number
        case "bool": return .bool
        case "date": return .date
        case "period": return .period
        case "map": return .map
        case "list": return .list(.any)
        default: return nil
        }
    }

    /// As written in a schema.
    public var description: String {
        switch shape {
        case .any: "any"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .date: "date"
        case .period: "period"
        case .map: "map"
        case .list: item == .any ? "list" : "list of \(item?.description ?? "any")"
        case .union: alternatives.map(\.description).joined(separator: " | ")
        }
    }

    /// Whether a map is among the values this type allows (directly, not in a list).
    public var allowsMap: Bool {
        switch shape {
        case .map, .any: true
        case .union: alternatives.contains(where: \.allowsMap)
        default: false
        }
    }

    /// The item type of a list this type allows, if any.
    public var listItem: FieldType? {
        switch shape {
        case .list: return item
        case .any: return .any
        case .union:
            for t in alternatives { if let item = t.listItem { return item } }
            return nil
        default: return nil
        }
    }
}

/// What a field's values must name: the ids some other field holds.
public struct Reference: Sendable {
    /// Where the ids are: `Kind.field.field` paths (`Strategy.goals.id`); lists on the
    /// way are walked.
    public var targets: [Located<String>]
    /// The rule that reports a value naming nothing: a `check: references` rule (the
    /// check is done from the schema), or a rule written with `when` that checks it (the
    /// schema only documents the reference). Nil: `dangling-reference`.
    public var rule: Located<String>?
    /// Checked only when some target holds an id (teams and people are optional).
    public var whenDeclared: Bool
    /// A missing value is reported too.
    public var required: Bool
    /// How messages name a target ("a goal"); by default from the first target's path.
    public var noun: String?

    public init(targets: [Located<String>], rule: Located<String>? = nil, whenDeclared: Bool = false, required: Bool = false, noun: String? = nil) {
        self.targets = targets
        self.rule = rule
        self.whenDeclared = whenDeclared
        self.required = required
        self.noun = noun
    }

    /// The rule that reports this reference.
    public var ruleID: String { rule?.value ?? "dangling-reference" }
}

/// One field of a schema: its type and, for a map (or a list of maps), its fields.
public final class FieldSchema: Sendable {
    public let name: String
    public let type: FieldType
    public let description: String?
    /// The usual values (editors offer them). A value that differs from one only in
    /// case is read as that one; with ``closed`` set, any other value is reported.
    public let values: [String]
    /// Other words for the values (`live` for `active`), by their lower-case spelling: read
    /// as the value they stand for, in any case.
    public let aliases: [String: String]
    /// Whether the field takes only ``values`` (`closed: true`): the rules decide by
    /// them, and a value they do not know would pass every rule unseen.
    public let closed: Bool
    /// Whether a text that begins with a value or an alias, followed by a note, is read
    /// as that value (`leading-words: true`): a status column's `Done (Q3 2025)`,
    /// `Cancelled - budget cut`, `Achieved ✅`.
    public let leadingWords: Bool
    /// The values, and what each alias stands for, by their lower-case spelling.
    private let valuesByLowerCase: [String: String]
    /// ``valuesByLowerCase``'s words, longest first (`not met` before `met`), when
    /// ``leadingWords`` is set.
    private let leadingOrder: [String]
    public let reference: Reference?
    /// Other names people give the field as a key (`goals` for an initiative's
    /// `supports`), in lower case: a map that has one and not the field is told the
    /// field's name (`misspelt-field`); the key itself is not read as the field.
    public let synonyms: [String]
    /// The fields of a map this field holds (directly or as list items), in written order.
    public let fields: [FieldSchema]
    /// Where the field is declared.
    public let range: SourceRange
    private let byName: [String: Int]
    /// The fields by their ``synonyms``.
    private let bySynonym: [String: Int]
    /// Every field name is ASCII (``CodePoints/equal(_:_:aIsASCII:)``).
    private let asciiNames: Bool

    public init(name: String, type: FieldType, description: String? = nil, values: [String] = [], aliases: [String: String] = [:], closed: Bool = false,
                leadingWords: Bool = false, reference: Reference? = nil, synonyms: [String] = [], fields: [FieldSchema] = [], range: SourceRange) {
        self.name = name
        self.type = type
        self.description = description
        self.values = values
        self.closed = closed
        self.leadingWords = leadingWords
        self.aliases = aliases
        valuesByLowerCase = Dictionary(values.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            .merging(aliases, uniquingKeysWith: { value, _ in value })
        leadingOrder = leadingWords ? valuesByLowerCase.keys.sorted { ($0.count, $0) > ($1.count, $1) } : []
        self.reference = reference
        self.synonyms = synonyms.map { $0.lowercased() }
        self.fields = fields
        self.range = range
        var byName: [String: Int] = [:], bySynonym: [String: Int] = [:]
        for (i, f) in fields.enumerated() {
            if byName[f.name] == nil { byName[f.name] = i }
            for s in f.synonyms where bySynonym[s] == nil { bySynonym[s] = i }
        }
        self.byName = byName
        self.bySynonym = bySynonym
        asciiNames = fields.allSatisfy { CodePoints.isASCII($0.name) }
    }

    /// The field named `name`, by code points as map keys are matched (``CodePoints``:
    /// a key spelt with the Kelvin sign is not `Kind`). Up to 16 fields are scanned:
    /// cheaper than hashing the name, which the document check does for every key of
    /// every map.
    public func field(_ name: String) -> FieldSchema? {
        if fields.count > 16, let i = byName[name], CodePoints.equal(fields[i].name, name, aIsASCII: asciiNames) { return fields[i] }
        for f in fields where CodePoints.equal(f.name, name, aIsASCII: asciiNames) { return f }
        return nil
    }

    /// The field `key` is another name for (``synonyms``), in any case.
    public func field(synonym key: String) -> FieldSchema? {
        guard !bySynonym.isEmpty else { return nil }
        return bySynonym[key.lowercased()].map { fields[$0] }
    }

    /// Whether the maps this field describes have declared fields (else they are open).
    public var hasFields: Bool { !fields.isEmpty }

    /// How `text` stands to the field's ``values``.
    public enum Spelling: Equatable, Sendable {
        /// One of them, or the field has none.
        case known
        /// One of them in another case (`SaaS`, `Retired`), or an alias of one (`live`): the
        /// value as the schema spells it.
        case usual(String)
        case unknown
    }

    public func spelling(of text: String) -> Spelling {
        guard !values.isEmpty, !values.contains(text) else { return .known }
        let lowered = text.lowercased()
        if let value = valuesByLowerCase[lowered] { return .usual(value) }
        if leadingWords, let value = leadingValue(lowered) { return .usual(value) }
        return .unknown
    }

    /// The value whose word (or alias) `lowered` begins with, before a character that is
    /// no letter or digit: `done (q3 2025)` is `done`'s, `metrics pending` nobody's.
    private func leadingValue(_ lowered: String) -> String? {
        let text = lowered.drop { $0 == " " }
        for word in leadingOrder where text.hasPrefix(word) {
            let next = text.dropFirst(word.count).first
            if next.map({ !$0.isLetter && !$0.isNumber }) ?? true { return valuesByLowerCase[word] }
        }
        return nil
    }
}

/// The schema of a kind: its documents are maps whose fields the root describes.
public struct KindSchema: Sendable {
    public var kind: Located<String>
    public var root: FieldSchema
    /// Set when the schema is for the documents whose `apiVersion` starts with it only
    /// (`backstage.io/`): a kind's name may be used by others too.
    public var apiVersion: String?
    /// The pack that declares it.
    public var pack: String = ""

    /// Whether `apiVersion` (a document's) is one this schema is for.
    public func applies(toAPIVersion version: String?) -> Bool {
        guard let apiVersion else { return true }
        return version?.hasPrefix(apiVersion) == true
    }
}

/// How messages name a field's items and the maps a schema describes, for the document
/// check and the rule checker alike.
public enum Naming {
    /// One item of the list a field holds: `goals` → goal, `data_categories` → data
    /// category, `kpis` → KPI.
    public static func itemNoun(_ field: String) -> String {
        // An ASCII name (every built-in field's) by its bytes: this names the item in the
        // message of every dangling reference, and by characters it cost more than the
        // rest of the message (18,000 instructions a name).
        if field.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = field.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }
            if bytes.count >= 3, bytes.suffix(3).elementsEqual("ies".utf8) {
                bytes.removeLast(3)
                bytes.append(UInt8(ascii: "y"))
            } else if bytes.last == UInt8(ascii: "s") {
                bytes.removeLast()
            }
            let noun = String(decoding: bytes, as: UTF8.self)
            return noun == "kpi" ? "KPI" : noun
        }
        var s = String(field.map { $0 == "_" ? " " : $0 })
        if s.hasSuffix("ies") { s = String(s.dropLast(3)) + "y" } else if s.hasSuffix("s") { s = String(s.dropLast()) }
        return s == "kpi" ? "KPI" : s
    }

    /// `noun` with "a" or "an" before it.
    /// "an Inventory document", "an API", "a user", "an unknown value": by the first
    /// letter in any case, and a `u` read "you" (a consonant, then a vowel: user, unit)
    /// takes "a".
    public static func withArticle(_ noun: String) -> String {
        let letters = Array(noun.lowercased().unicodeScalars.prefix(3))
        let vowels = "aeiou".unicodeScalars
        guard let first = letters.first, vowels.contains(first) else { return "a " + noun }
        if first == "u", letters.count == 3, !vowels.contains(letters[1]), vowels.contains(letters[2]) { return "a " + noun }
        return "an " + noun
    }
}

extension FieldSchema {
    /// What the maps this field describes are, as a message names them: "a goal" (the
    /// items of a list), "a Strategy document" (a kind's root), "`security`" (a map).
    public var mapDescription: String {
        if type.listItem != nil { return Naming.withArticle(Naming.itemNoun(name)) }
        if name.first?.isUppercase == true { return Naming.withArticle("\(name) document") }
        return "`\(name)`"
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
