import YAML

/// A value read from a YAML file, with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var range: SourceRange
    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// An expression written in a YAML scalar, parsed, with its positions.
public struct SourceExpression: Sendable {
    public var expr: Expr
    public var source: EmbeddedText
    public func range(of e: Expr) -> SourceRange { source.range(e.span) }
}

/// A message template written in a YAML scalar, parsed, with its positions.
public struct SourceTemplate: Sendable {
    public var template: Template
    public var source: EmbeddedText
}

/// `name: expression`, as in `for:` and `let:`.
public struct Binding: Sendable {
    public var name: Located<String>
    public var value: SourceExpression
}

/// A list of terms that rules read as `vocab.<name>` (dashes become underscores).
public struct Vocabulary: Sendable {
    public var name: Located<String>
    public var terms: [String]
}

/// One rule as written, before compilation.
public struct RuleDeclaration: Sendable {
    public var id: Located<String>
    public var pitfall: Pitfall
    public var severity: Severity
    public var title: String
    /// Ordered `for` bindings; each iterates the list its expression yields.
    public var bindings: [Binding]
    /// Ordered `let` bindings, evaluated once per binding tuple, not iterated.
    public var lets: [Binding]
    public var when: SourceExpression?
    public var at: SourceExpression?
    /// Nil only for a rule with `check`, whose findings come with their own messages.
    public var message: SourceTemplate?
    /// `check: types | fields | references | values`: a rule whose findings come from the schemas
    /// (checked before any rule runs), not from a condition.
    public var check: Located<SchemaCheck>?
    public var fix: String?
    public var docs: String?
    /// The rule's mapping in its file.
    public var range: SourceRange
    /// `opt-in: true`: the rule runs only when the configuration enables it (`enable:`,
    /// or a `severity:` for it).
    public var optIn = false
    /// `once-per: owner`: of the matches with the same value, only the first is reported;
    /// the others' positions become its related locations.
    public var oncePer: SourceExpression?
    /// Set when a part could not be read (its error is reported): the compiler checks
    /// the other parts, so every error of a pack comes in one round, and emits nothing.
    public var incomplete = false
}

/// One metric as written: the share of the items of `of` for which `where` holds.
public struct MetricDeclaration: Sendable {
    public var id: Located<String>
    public var title: String
    /// The items, bound to a name (`of: { goal: Strategy.goals }`, or `item` when `of`
    /// is written as a bare expression).
    public var of: Binding
    public var condition: SourceExpression
    public var docs: String?
    /// The metric's mapping in its file.
    public var range: SourceRange
}

/// A parsed rule file.
public struct RuleFile: Sendable {
    public var file: FileID
    public var vocabularies: [Vocabulary] = []
    /// Pack-level `let` bindings: evaluated once per workspace, visible to every rule.
    public var lets: [Binding] = []
    /// `extend:` bindings: lists appended to a pack-level `let` of another pack (an
    /// extension point), so that pack need not name this one's lets.
    public var extensions: [Binding] = []
    public var rules: [RuleDeclaration] = []
    public var metrics: [MetricDeclaration] = []
    /// The schemas of the kinds this file declares.
    public var schemas: [KindSchema] = []
    /// The pack the file belongs to (`core`, `backstage`, or a `--rules` path): its lets
    /// are visible to the pack's own files, and to others only for `core`.
    public var pack: String = ""
}

/// The checks a rule can take from the schemas instead of a condition.
public enum SchemaCheck: String, Sendable, CaseIterable {
    /// A value whose type is not the field's.
    case types
    /// A key one or two edits from a field of its map.
    case fields
    /// A value that names no id of what its field references.
    case references
    /// A value of a `closed` field that is none of its values.
    case values
}
