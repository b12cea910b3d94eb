import Foundation

/// A path pattern, as in `.gitignore`: `*` matches within a folder name, `**` across
/// folders, `?` one character, `[abc]` a set. A pattern without `/` matches a name at
/// any depth; a pattern with `/` matches from the configuration's folder.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let regex: NSRegularExpressionBox

    /// Whether the pattern has a `..` segment: globs match paths inside the
    /// configuration's folder, so such a pattern could only mean a place outside it.
    public var leavesFolder: Bool { pattern.split(separator: "/").contains("..") }

    public init?(_ pattern: String) {
        self.pattern = pattern
        var p = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        let anchored = p.contains("/")
        if p.hasPrefix("/") { p.removeFirst() }
        if p.hasSuffix("/") { p += "**" }
        var re = anchored ? "^" : "^(?:.*/)?"
        var chars = Array(p)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if i + 1 < chars.count, chars[i + 1] == "*" {
                    if i + 2 < chars.count, chars[i + 2] == "/" {
                        re += "(?:.*/)?"
                        i += 3
                    } else {
                        re += ".*"
                        i += 2
                    }
                    continue
                }
                re += "[^/]*"
            case "?": re += "[^/]"
            case "[":
                if let close = chars[(i + 1)...].firstIndex(of: "]") {
                    var set = String(chars[(i + 1)..<close])
                    if set.hasPrefix("!") { set = "^" + set.dropFirst() }
                    re += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    i = close + 1
                    continue
                }
                re += "\\["
            default:
                re += NSRegularExpression.escapedPattern(for: String(c))
            }
            i += 1
        }
        chars = []
        guard let compiled = try? NSRegularExpression(pattern: re + "$") else { return nil }
        regex = NSRegularExpressionBox(compiled)
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        regex.value.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    public static func == (a: Glob, b: Glob) -> Bool { a.pattern == b.pattern }
    public func hash(into h: inout Hasher) { h.combine(pattern) }
}

final class NSRegularExpressionBox: @unchecked Sendable {
    let value: NSRegularExpression
    init(_ value: NSRegularExpression) { self.value = value }
}
