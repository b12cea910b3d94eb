import YAML

/// Reads a rule file: checks its shape strictly (unknown keys are errors, so a typo such
/// as `sevrity:` cannot silently do nothing) and parses every expression and template.
/// Returns all problems at once rather than stopping at the first.
public enum RuleFileParser {
    static let topLevelKeys = ["vocabularies", "let", "extend", "rules", "metrics", "schemas"]
    static let ruleKeys = ["id", "pitfall", "severity", "title", "opt-in", "for", "let", "when", "at", "once-per", "message", "check", "fix", "docs"]
    static let metricKeys = ["id", "title", "of", "where", "docs"]

    /// `maxExpressionDepth` bounds the nesting of each expression (the configuration's
    /// `limits.max-expression-depth`).
    public static func parse(_ source: SourceFile, maxExpressionDepth: Int = ExpressionParser.defaultMaxDepth) -> (RuleFile, [Diagnostic]) {
        var file = RuleFile(file: source.id)
        var diagnostics: [Diagnostic] = []
        let documents: [Node]
        switch Loader.load(source) {
        case .failure(let e):
            return (file, [.error(e.message, at: e.range, hint: e.fix)])
        case .success(let d):
            documents = d
        }
        var reader = RuleFileReader(source: source, maxDepth: maxExpressionDepth)
        for document in documents {
            if case .scalar(.null) = document.content { continue }
            guard case .mapping(let pairs) = document.content else {
                reader.error("a rule file is a mapping with 'vocabularies', 'let', 'rules' and 'metrics'", document.range)
                continue
            }
            for pair in pairs {
                switch pair.key.scalarText {
                case "vocabularies": file.vocabularies += reader.vocabularies(pair.value)
                case "let": file.lets += reader.bindings(pair.value, what: "let")
                case "extend": file.extensions += reader.bindings(pair.value, what: "extend")
                case "rules":
                    file.rules += reader.list(pair.value, of: "rules") { $0.rule($1) }
                case "metrics":
                    file.metrics += reader.list(pair.value, of: "metrics") { $0.metric($1) }
                case "schemas": file.schemas += reader.schemas(pair.value)
                default:
                    reader.unknownKey(pair.key, allowed: topLevelKeys)
                }
            }
        }
        diagnostics += reader.diagnostics
        return (file, diagnostics)
    }
}

struct RuleFileReader {
    let source: SourceFile
    let maxDepth: Int
    var diagnostics: [Diagnostic] = []

    init(source: SourceFile, maxDepth: Int) {
        self.source = source
        self.maxDepth = maxDepth
    }

    mutating func error(_ message: String, _ range: SourceRange, hint: String? = nil) {
        diagnostics.append(.error(message, at: range, hint: hint))
    }

    mutating func unknownKey(_ key: Node, allowed: [String]) {
        let name = key.scalarText ?? "?"
        error("unknown key '\(name)'", key.range, hint: Suggestion.hint(for: name, among: allowed, listing: "allowed here"))
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node.content, s != .null else {
            error("'\(what)' must be a string", node.range)
            return nil
        }
        return s.text
    }

    mutating func expression(_ node: Node, _ what: String) -> SourceExpression? {
        guard let text = string(node, what) else { return nil }
        let embedded = EmbeddedText(text, node: node, in: source)
        switch ExpressionParser.parse(text, maxDepth: maxDepth) {
        case .success(let e): return SourceExpression(expr: e, source: embedded)
        case .failure(let e):
            error("syntax error in '\(what)': \(e.message)", embedded.range(e.span))
            return nil
        }
    }

    mutating func template(_ node: Node, _ what: String) -> SourceTemplate? {
        guard let text = string(node, what) else { return nil }
        let embedded = EmbeddedText(text, node: node, in: source)
        switch Template.parse(text, maxDepth: maxDepth) {
        case .success(let t): return SourceTemplate(template: t, source: embedded)
        case .failure(let e):
            error("syntax error in '\(what)': \(e.message)", embedded.range(e.span))
            return nil
        }
    }

    mutating func vocabularies(_ node: Node) -> [Vocabulary] {
        guard case .mapping(let pairs) = node.content else {
            error("'vocabularies' must map names to lists of terms", node.range)
            return []
        }
        var out: [Vocabulary] = []
        for pair in pairs {
            guard let name = string(pair.key, "vocabulary name") else { continue }
            guard case .sequence(let items) = pair.value.content else {
                error("vocabulary '\(name)' must be a list of terms", pair.value.range)
                continue
            }
            let terms = items.compactMap { string($0, "term") }
            out.append(Vocabulary(name: Located(name, pair.key.range), terms: terms))
        }
        return out
    }

    mutating func bindings(_ node: Node, what: String) -> [Binding] {
        guard case .mapping(let pairs) = node.content else {
            if what == "for", let written = comprehension(node, what: what) { return written }
            error("'\(what)' must map names to expressions, in order", node.range,
                  hint: "for example:  \(what): { goal: Strategy.goals }")
            return []
        }
        var out: [Binding] = []
        for pair in pairs {
            guard let name = string(pair.key, "binding name") else { continue }
            guard isBindingName(name) else {
                error("binding name '\(name)' must start with a lower-case letter and hold only letters, digits and '_'", pair.key.range,
                      hint: "capitalised names are document kinds")
                continue
            }
            guard let value = expression(pair.value, "\(what).\(name)") else { continue }
            out.append(Binding(name: Located(name, pair.key.range), value: value))
        }
        return out
    }

    /// `for: goal in Strategy.goals`, as comprehensions and Python write it: an error that
    /// says how to write it, and the binding it meant, so that the rule's other parts
    /// compile and every use of `goal` is not also "unknown name" (none when the list
    /// does not parse, which is said). nil for other text.
    mutating func comprehension(_ node: Node, what: String) -> [Binding]? {
        guard let text = node.scalarText else { return nil }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count, scalars[i] == " " { i += 1 }
        let nameStart = i
        while i < scalars.count, scalars[i].isASCII, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "_" { i += 1 }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<i]))
        let nameEnd = i
        guard isBindingName(name), i < scalars.count, scalars[i] == " " else { return nil }
        while i < scalars.count, scalars[i] == " " { i += 1 }
        guard i + 2 < scalars.count, scalars[i] == "i", scalars[i + 1] == "n", scalars[i + 2] == " " else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[(i + 2)...])).trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty else { return nil }
        let embedded = EmbeddedText(text, node: node, in: source)
        let shape = what == "for" ? "is a mapping from each name to the list it takes items from" : "binds a name to the items as a mapping"
        error("'\(what)' \(shape): write `\(what): { \(name): \(rest) }`", node.range)
        // The list's expression, parsed where it stands in the text (the name and `in`
        // blanked), so that its errors point at the right column.
        let masked = String(repeating: " ", count: i + 2) + String(String.UnicodeScalarView(scalars[(i + 2)...]))
        switch ExpressionParser.parse(masked, maxDepth: maxDepth) {
        case .success(let e):
            return [Binding(name: Located(name, embedded.range(TextSpan(nameStart, nameEnd))),
                            value: SourceExpression(expr: e, source: embedded))]
        case .failure(let e):
            error("syntax error in '\(what).\(name)': \(e.message)", embedded.range(e.span))
            return []
        }
    }

    /// The items of a top-level list (`rules`, `metrics`), each read by `read`.
    mutating func list<T>(_ node: Node, of what: String, _ read: (inout RuleFileReader, Node) -> T?) -> [T] {
        guard case .sequence(let items) = node.content else {
            error("'\(what)' must be a list", node.range)
            return []
        }
        return items.compactMap { read(&self, $0) }
    }

    /// The values of a mapping by key, each key checked against `allowed`; nil (and an
    /// error saying `shape`) when the node is not a mapping.
    mutating func fields(_ node: Node, allowed: [String], shape: String) -> [String: Node]? {
        guard case .mapping(let pairs) = node.content else {
            error(shape, node.range)
            return nil
        }
        var fields: [String: Node] = [:]
        for pair in pairs {
            guard let key = pair.key.scalarText, allowed.contains(key) else {
                unknownKey(pair.key, allowed: allowed)
                continue
            }
            fields[key] = pair.value
        }
        return fields
    }

    /// `fields[key]`, or an error that the item named `what` lacks it.
    mutating func required(_ key: String, in fields: [String: Node], of node: Node, _ what: String) -> Node? {
        if let n = fields[key] { return n }
        error("\(what) is missing '\(key)'", node.range)
        return nil
    }

    /// An `id` of lower-case words joined by '-', with its range.
    mutating func id(in fields: [String: Node], of node: Node, _ what: String) -> Located<String>? {
        guard let idNode = required("id", in: fields, of: node, what), let id = string(idNode, "id") else { return nil }
        guard isRuleID(id) else {
            error("\(what) id '\(id)' must be lower-case words joined by '-'", idNode.range)
            return nil
        }
        return Located(id, idNode.range)
    }

    mutating func rule(_ node: Node) -> RuleDeclaration? {
        guard let fields = fields(node, allowed: RuleFileParser.ruleKeys,
                                  shape: "a rule must be a mapping with id, pitfall, severity, title, when and message") else { return nil }
        let before = diagnostics.count
        func required(_ key: String) -> Node? { self.required(key, in: fields, of: node, "rule") }
        let id = self.id(in: fields, of: node, "rule")
        var pitfall: Pitfall?
        if let n = required("pitfall"), let text = string(n, "pitfall") {
            pitfall = Pitfall(rawValue: text)
            if pitfall == nil {
                error("unknown pitfall '\(text)'", n.range, hint: "one of: \(Pitfall.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        var severity = Severity.warning
        if let n = fields["severity"], let text = string(n, "severity") {
            if let s = Severity(written: text) {
                severity = s
            } else {
                error("unknown severity '\(text)'", n.range, hint: "one of: error, warning, info")
            }
        }
        let title = required("title").flatMap { string($0, "title") }
        var optIn = false
        if let n = fields["opt-in"] {
            switch n.scalarText {
            case "true": optIn = true
            case "false": optIn = false
            default: error("'opt-in' is true or false", n.range, hint: "opt-in: true leaves the rule off until .stratlint.yaml enables it")
            }
        }
        let bindings = fields["for"].map { self.bindings($0, what: "for") } ?? []
        let lets = fields["let"].map { self.bindings($0, what: "let") } ?? []
        let when = fields["when"].flatMap { expression($0, "when") }
        let at = fields["at"].flatMap { expression($0, "at") }
        let oncePer = fields["once-per"].flatMap { expression($0, "once-per") }
        var check: Located<SchemaCheck>?
        if let n = fields["check"], let text = string(n, "check") {
            if let c = SchemaCheck(rawValue: text) {
                check = Located(c, n.range)
                for key in ["for", "let", "when", "at", "once-per", "message"] {
                    if let extra = fields[key] {
                        error("a rule with 'check' takes its findings and messages from the schemas, so it has no '\(key)'", extra.range)
                    }
                }
            } else {
                error("unknown check '\(text)'", n.range, hint: "one of: \(SchemaCheck.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let message = check != nil ? nil : required("message").flatMap { template($0, "message") }
        let fix = fields["fix"].flatMap { string($0, "fix") }
        let docs = fields["docs"].flatMap { string($0, "docs") }
        // A rule with a problem in one part is still returned, marked incomplete, so the
        // compiler checks its other parts: a pack's errors come in one round.
        guard let id, let pitfall, let title else { return nil }
        var rule = RuleDeclaration(
            id: id, pitfall: pitfall, severity: severity, title: title,
            bindings: bindings, lets: lets, when: when, at: at, message: message, check: check, fix: fix, docs: docs,
            range: node.range)
        rule.incomplete = diagnostics.count != before || (message == nil && check == nil)
        rule.optIn = optIn
        rule.oncePer = oncePer
        return rule
    }

    /// `of` written as a bare expression binds its items to `item`.
    static let defaultMetricItem = "item"

    mutating func metric(_ node: Node) -> MetricDeclaration? {
        guard let fields = fields(node, allowed: RuleFileParser.metricKeys,
                                  shape: "a metric must be a mapping with id, title, of and where") else { return nil }
        let before = diagnostics.count
        let id = self.id(in: fields, of: node, "metric")
        let title = required("title", in: fields, of: node, "metric").flatMap { string($0, "title") }
        var of: Binding?
        if let n = required("of", in: fields, of: node, "metric") {
            if case .mapping = n.content {
                let bound = bindings(n, what: "of")
                if bound.count == 1 { of = bound[0] } else if !bound.isEmpty {
                    error("'of' binds one name to the items, e.g. of: { goal: Strategy.goals }", n.range)
                }
            } else if let written = comprehension(n, what: "of") {
                // `of: goal in Strategy.goals` is a membership test, never a list of items.
                of = written.first
            } else if let value = expression(n, "of") {
                of = Binding(name: Located(Self.defaultMetricItem, n.range), value: value)
            }
        }
        let condition = required("where", in: fields, of: node, "metric").flatMap { expression($0, "where") }
        let docs = fields["docs"].flatMap { string($0, "docs") }
        guard diagnostics.count == before, let id, let title, let of, let condition else { return nil }
        return MetricDeclaration(id: id, title: title, of: of, condition: condition, docs: docs, range: node.range)
    }
}

private func isBindingName(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, first >= "a" && first <= "z" else { return false }
    return s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ($0 >= "0" && $0 <= "9") || $0 == "_") }
}

private func isRuleID(_ s: String) -> Bool {
    !s.isEmpty && !s.hasPrefix("-") && !s.hasSuffix("-")
        && s.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
}
