/// SARIF results written as ``JSONText`` would encode them (pretty, sorted keys), without
/// JSONEncoder: 30,000 results took two seconds to encode, longer than the check.
/// `SARIFResultWriterTests` holds the two to the same bytes.
extension JSONFindingWriter {
    /// One result as an object whose `{` stands at `indent` spaces (not written).
    mutating func write(_ r: SARIFReporter.Result, indent: Int) {
        var n = 0
        bytes.append(UInt8(ascii: "{"))
        member("level", &n, indent); string(r.level)
        member("locations", &n, indent)
        array(r.locations.count, indent: indent + 2) { w, i, at in
            var m = 0
            w.bytes.append(UInt8(ascii: "{"))
            w.member("physicalLocation", &m, at); w.write(r.locations[i].physicalLocation, indent: at + 2)
            w.close(at)
        }
        member("message", &n, indent); text(r.message.text, indent: indent + 2)
        member("partialFingerprints", &n, indent)
        bytes.append(UInt8(ascii: "{"))
        for (i, (name, value)) in r.partialFingerprints.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indent + 4); string(name); append(" : "); string(value)
        }
        close(indent + 2)
        member("properties", &n, indent)
        var p = 0
        bytes.append(UInt8(ascii: "{"))
        if let path = r.properties.logicalPath { member("logicalPath", &p, indent + 2); string(path) }
        member("pitfall", &p, indent + 2); string(r.properties.pitfall)
        close(indent + 2)
        if let related = r.relatedLocations {
            member("relatedLocations", &n, indent)
            array(related.count, indent: indent + 2) { w, i, at in
                var m = 0
                w.bytes.append(UInt8(ascii: "{"))
                w.member("id", &m, at); w.number(related[i].id)
                w.member("physicalLocation", &m, at); w.write(related[i].physicalLocation, indent: at + 2)
                w.close(at)
            }
        }
        member("ruleId", &n, indent); string(r.ruleId)
        if let index = r.ruleIndex { member("ruleIndex", &n, indent); number(index) }
        close(indent)
    }

    private mutating func write(_ p: SARIFReporter.PhysicalLocation, indent: Int) {
        var n = 0, a = 0, g = 0
        bytes.append(UInt8(ascii: "{"))
        member("artifactLocation", &n, indent)
        bytes.append(UInt8(ascii: "{"))
        member("uri", &a, indent + 2); string(p.artifactLocation.uri)
        if let base = p.artifactLocation.uriBaseId { member("uriBaseId", &a, indent + 2); string(base) }
        close(indent + 2)
        member("region", &n, indent)
        bytes.append(UInt8(ascii: "{"))
        member("endColumn", &g, indent + 2); number(p.region.endColumn)
        member("endLine", &g, indent + 2); number(p.region.endLine)
        member("startColumn", &g, indent + 2); number(p.region.startColumn)
        member("startLine", &g, indent + 2); number(p.region.startLine)
        close(indent + 2)
        close(indent)
    }

    /// `{ "text" : … }`.
    private mutating func text(_ s: String, indent: Int) {
        var n = 0
        bytes.append(UInt8(ascii: "{"))
        member("text", &n, indent); string(s)
        close(indent)
    }

    /// The next member's name in an object whose `{` stands at `indent`: a comma after
    /// the one before (`count` of them so far), the line break, `"name" : `.
    private mutating func member(_ name: StaticString, _ count: inout Int, _ indent: Int) {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        count += 1
        newline(indent + 2)
        bytes.append(UInt8(ascii: "\""))
        append(name)
        append("\" : ")
    }

    /// The `}` of an object (with members) whose `{` stands at `indent`.
    private mutating func close(_ indent: Int) {
        newline(indent)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `[`, `count` elements at `indent + 2` (each written by `element` from its `{`), `]`;
    /// an empty array is `[`, an empty line, `]`, as the encoder writes it.
    private mutating func array(_ count: Int, indent: Int, _ element: (inout JSONFindingWriter, Int, Int) -> Void) {
        bytes.append(UInt8(ascii: "["))
        if count == 0 { bytes.append(UInt8(ascii: "\n")) }
        for i in 0..<count {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indent + 2)
            element(&self, i, indent + 2)
        }
        newline(indent)
        bytes.append(UInt8(ascii: "]"))
    }
}
