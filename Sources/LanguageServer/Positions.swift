import YAML

// The protocol counts lines from 0 and characters in UTF-16 code units (its default,
// the one encoding every client supports); stratlint counts both from 1, columns in
// code points.

/// Turns stratlint's positions in a document into the protocol's. The two count lines
/// differently: libyaml also breaks lines at U+0085, U+2028 and U+2029, the protocol only
/// at `\n`, `\r\n` and `\r`; so a position goes through its offset in the text.
public struct LineIndex {
    private let scalars: [Unicode.Scalar]
    /// Where each of libyaml's lines starts and ends (its break excluded), in scalars.
    private let yamlStarts: [Int]
    private let yamlEnds: [Int]
    /// Where each of the protocol's lines starts, in scalars.
    private let lspStarts: [Int]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var yaml = [0], ends: [Int] = [], lsp = [0]
        var i = 0
        while i < scalars.count {
            let c = scalars[i].value
            if c == 0x0A || c == 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029 {
                ends.append(i)
                if c == 0x0D, i + 1 < scalars.count, scalars[i + 1].value == 0x0A { i += 1 }
                yaml.append(i + 1)
                if c == 0x0A || c == 0x0D { lsp.append(i + 1) }
            }
            i += 1
        }
        ends.append(scalars.count)
        yamlStarts = yaml
        yamlEnds = ends
        lspStarts = lsp
    }

    /// The protocol's position of stratlint's line and column (both 1-based, columns in
    /// code points); a position past a line's end is its end.
    public func position(line: Int, column: Int) -> JSONValue {
        guard line >= 1, line <= yamlStarts.count else { return .object(["line": .int(max(line - 1, 0)), "character": .int(max(column - 1, 0))]) }
        let offset = min(yamlStarts[line - 1] + max(column - 1, 0), yamlEnds[line - 1])
        // The protocol's line holding `offset`: the last start at or before it.
        var lo = 0, hi = lspStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lspStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var units = 0
        for i in lspStarts[lo]..<offset { units += scalars[i].utf16.count }
        return .object(["line": .int(lo), "character": .int(units)])
    }

    /// The protocol's line `line` (from 0), without its break; empty past the end.
    public func text(ofLine line: Int) -> String {
        guard line >= 0, line < lspStarts.count else { return "" }
        var end = line + 1 < lspStarts.count ? lspStarts[line + 1] : scalars.count
        while end > lspStarts[line], scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[lspStarts[line]..<end])
        return text
    }

    /// The protocol's Range of stratlint's `range`.
    public func range(_ range: SourceRange) -> JSONValue {
        .object(["start": position(line: Int(range.start.line), column: Int(range.start.column)),
                 "end": position(line: Int(range.end.line), column: Int(range.end.column))])
    }

    /// stratlint's line and column (1-based, code points) of the protocol's position.
    public func source(line: Int, character: Int) -> SourcePosition {
        guard line >= 0, line < lspStarts.count else { return SourcePosition(line: line + 1, column: character + 1) }
        let lineEnd = line + 1 < lspStarts.count ? lspStarts[line + 1] : scalars.count
        var offset = lspStarts[line], units = 0
        while offset < lineEnd, units < character {
            units += scalars[offset].utf16.count
            offset += 1
        }
        var lo = 0, hi = yamlStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if yamlStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourcePosition(line: lo + 1, column: offset - yamlStarts[lo] + 1)
    }
}
