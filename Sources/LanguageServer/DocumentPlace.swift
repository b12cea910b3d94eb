import Foundation
import YAML

/// A position a request names, in the terms of the last check: the document's file in
/// its sources, and stratlint's line and column.
struct DocumentPlace {
    var path: String
    var uri: String
    var file: FileID
    var position: SourcePosition
    var lines: LineIndex
    /// The text of the position's line (completion reads what is typed).
    var lineText: Substring
}

extension Server {
    /// Where `params` (`textDocument`, `position`) point, if the document is open and
    /// the last check read it.
    func place(_ params: JSONValue) -> DocumentPlace? {
        guard let uri = params["textDocument"]?["uri"]?.string, let path = Self.path(ofURI: uri), let doc = documents[path],
              let line = params["position"]?["line"]?.int, let character = params["position"]?["character"]?.int,
              let snapshot, let file = snapshot.sources.all.first(where: { $0.absolutePath.map(Self.standardized) == path }) else { return nil }
        let lines = LineIndex(doc.text)
        let textLines = doc.text.split(separator: "\n", omittingEmptySubsequences: false)
        return DocumentPlace(path: path, uri: uri, file: file.id, position: lines.source(line: line, character: character), lines: lines,
                             lineText: line < textLines.count ? textLines[line] : "")
    }

    static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// The protocol's Location of `range`, placed with the open document's text, or the
    /// file's as the last check read it.
    func location(_ range: SourceRange) -> JSONValue? {
        guard let snapshot, let file = snapshot.sources[range.file], let absolute = file.absolutePath else { return nil }
        let path = Self.standardized(absolute)
        let lines = documents[path].map { LineIndex($0.text) } ?? LineIndex(String(decoding: file.bytes, as: UTF8.self))
        let uri = documents[path]?.uri ?? URL(fileURLWithPath: path).absoluteString
        return .object(["uri": .string(uri), "range": Self.protocolRange(range, lines)])
    }

    static func protocolRange(_ range: SourceRange, _ lines: LineIndex) -> JSONValue {
        .object(["start": lines.position(line: Int(range.start.line), column: Int(range.start.column)),
                 "end": lines.position(line: Int(range.end.line), column: Int(range.end.column))])
    }
}
