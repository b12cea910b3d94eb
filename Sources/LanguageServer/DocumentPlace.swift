import Foundation
import YAML

/// A position a request names, in the terms of the last check: the document's file in
/// its sources, and stratlint's line and column.
struct DocumentPlace {
    var path: String
    var file: FileID
    var position: SourcePosition
    /// The protocol's line of the position, and the document's lines.
    var line: Int
    var lines: LineIndex
}

extension Server {
    /// Where `params` (`textDocument`, `position`) point, if the document is open and
    /// the last check read it.
    func place(_ params: JSONValue) -> DocumentPlace? {
        guard let uri = params["textDocument"]?["uri"]?.string, let path = Self.path(ofURI: uri), let doc = documents[path],
              let line = params["position"]?["line"]?.int, let character = params["position"]?["character"]?.int,
              let snapshot, let file = snapshot.sources.all.first(where: { $0.absolutePath == path }) else { return nil }
        return DocumentPlace(path: path, file: file.id, position: doc.lines.source(line: line, character: character), line: line, lines: doc.lines)
    }

    /// The protocol's Locations of `ranges`, placed with an open document's text, or the
    /// file's as the last check read it (each file's lines made once).
    func locations(_ ranges: [SourceRange]) -> JSONValue {
        guard let snapshot else { return .array([]) }
        var placed: [FileID: (uri: String, lines: LineIndex)] = [:]
        return .array(ranges.compactMap { range in
            if placed[range.file] == nil, let file = snapshot.sources[range.file], let path = file.absolutePath {
                placed[range.file] = documents[path].map { ($0.uri, $0.lines) }
                    ?? (URL(fileURLWithPath: path).absoluteString, LineIndex(String(decoding: file.bytes, as: UTF8.self)))
            }
            return placed[range.file].map { .object(["uri": .string($0.uri), "range": $0.lines.range(range)]) }
        })
    }
}
