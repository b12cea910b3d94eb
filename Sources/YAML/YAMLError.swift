/// Why a YAML file could not be read, and where. Produced by ``Loader``.
public struct YAMLError: Error, Sendable, Hashable {
    public var message: String
    public var range: SourceRange

    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }
}

/// Bounds on what one YAML file may make the loader do.
public struct LoadLimits: Sendable, Hashable {
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Nodes that aliases may add to one file by expansion (a "billion laughs" file
    /// would otherwise need exponential time and memory in every rule that walks it).
    public var maxAliasExpansion: Int

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }
}
