import RuleCompiler

/// The fields that name a list item (`id`, `name`, `metadata.name`, an integration's
/// `from` and `to`), made once: a field name's fingerprint is work, and logical paths
/// and the schema check's messages ask for them for every finding.
extension FieldName {
    static let id = FieldName("id"), name = FieldName("name"), metadata = FieldName("metadata")
    static let from = FieldName("from"), to = FieldName("to")
}
