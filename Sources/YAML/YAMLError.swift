/// Why a YAML file could not be read, and where. Produced by ``Loader``.
public struct YAMLError: Error, Sendable, Hashable {
    public var message: String
    public var range: SourceRange
    /// What to do, where it is not "fix the YAML here" (a file in another encoding).
    public var fix: String?
    /// Text that mends the error when it replaces `range` (a value put in quotes).
    public var replacement: String?

    public init(_ message: String, at range: SourceRange, fix: String? = nil, replacement: String? = nil) {
        self.message = message
        self.range = range
        self.fix = fix
        self.replacement = replacement
    }
}

/// Bounds on what one YAML file may make the loader do.
public struct LoadLimits: Sendable, Hashable {
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Nodes that aliases may add to one file by expansion (a "billion laughs" file
    /// would otherwise need exponential time and memory in every rule that walks it).
    public var maxAliasExpansion: Int
    /// Largest file, in bytes, that is read at all (a larger one is reported, not read).
    public var maxFileSize: Int

    public static let defaultMaxFileSize = 64 << 20

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 100_000, maxFileSize: Int = defaultMaxFileSize) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxFileSize = maxFileSize
    }
}
