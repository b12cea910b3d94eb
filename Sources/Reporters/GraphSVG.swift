import Audit
import Engine

/// The alignment map as SVG with a built-in layered layout: goals, initiatives and
/// systems in three columns, each column ordered to follow its neighbours on the left
/// (fewer crossings), integrations as arcs beside the systems. Used when Graphviz is not
/// installed, and always in the HTML audit (the same bytes on every machine).
public struct GraphSVGReporter: Reporter {
    public static let name = "svg"

    public init() {}
    public init(context: ReportContext) {}

    static let columnX: [Double] = [20, 330, 640]
    static let nodeWidth = 250.0, lineHeight = 14.0, padding = 8.0, gap = 12.0, top = 40.0

    struct Box {
        let node: AlignmentMap.Node
        let lines: [String]
        var x = 0.0, y = 0.0
        var height: Double { Double(lines.count) * GraphSVGReporter.lineHeight + 2 * GraphSVGReporter.padding }
    }

    public func write<Out: TextOutputStream>(_ subject: AlignmentMap, to out: inout Out) {
        out.write(render(subject))
    }

    public func render(_ map: AlignmentMap) -> String {
        let boxes = layout(map)
        let byKey = Dictionary(boxes.map { ($0.node.key, $0) }, uniquingKeysWith: { a, _ in a })
        let integrations = map.edges.filter { $0.kind == .integration }
        let width = Self.columnX[2] + Self.nodeWidth + (integrations.isEmpty ? 20 : 150)
        let height = (boxes.map { $0.y + $0.height }.max() ?? Self.top) + 20
        let count = { (m: AlignmentMap.Mark) in map.nodes.filter { $0.mark == m }.count }
        let layers = AlignmentMap.Layer.allCases.map { l in map.nodes.filter { $0.layer == l && $0.mark != .missing }.count }
        let summary = "\(layers[0]) goals, \(layers[1]) initiatives, \(layers[2]) systems; \(count(.unsupported)) unsupported goals, "
            + "\(count(.noGoal)) initiatives supporting no existing goal, "
            + "\(count(.orphan)) orphan systems, \(count(.missing)) ids referred to but not defined"
        var out = """
        <svg class="map" role="img" aria-labelledby="map-t map-d" viewBox="0 0 \(SVGChart.fmt(width)) \(SVGChart.fmt(height))" width="\(SVGChart.fmt(width))" height="\(SVGChart.fmt(height))" xmlns="http://www.w3.org/2000/svg">
        <title id="map-t">Alignment map: goals, initiatives, systems</title>
        <desc id="map-d">\(XML.escape(summary))</desc>
        <style>.map text { font: 11px system-ui, sans-serif; fill: #1b1f24; } .map .head { font-weight: 700; font-size: 13px; } .map .id { font-weight: 700; }
        .map rect { fill: #fff; stroke: #57606a; stroke-width: 1.2; } .map .problem rect { stroke: #cf222e; stroke-width: 3; } .map .missing rect { stroke: #cf222e; stroke-dasharray: 5 3; }
        .map .inactive rect { stroke-dasharray: 2 2; } .map .inactive text, .map .missing text { fill: #57606a; } .map .problem text.mark, .map .missing text.mark { fill: #cf222e; }
        .map path { fill: none; stroke: #8c959f; stroke-width: 1.2; } .map path.direct { stroke-dasharray: 2 3; } .map path.integration { stroke: #0969da; stroke-dasharray: 6 3; } .map path.dangling { stroke: #cf222e; }</style>
        <defs><marker id="map-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" style="fill: #57606a; stroke: none"/></marker></defs>

        """
        for layer in AlignmentMap.Layer.allCases {
            out += "<text class=\"head\" x=\"\(SVGChart.fmt(Self.columnX[layer.rawValue]))\" y=\"24\">\(GraphDOTReporter.layerTitle(layer))</text>\n"
        }
        for edge in map.edges where edge.kind != .integration {
            guard let a = byKey[edge.from], let b = byKey[edge.to] else { continue }
            let (x1, y1) = (a.x + Self.nodeWidth, a.y + a.height / 2), (x2, y2) = (b.x, b.y + b.height / 2)
            let bend = (x2 - x1) / 2
            var classes = edge.dangling ? ["dangling"] : []
            if edge.kind == .supportsDirectly { classes.append("direct") }
            out += "<path\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") d=\"M \(SVGChart.fmt(x1)) \(SVGChart.fmt(y1)) C \(SVGChart.fmt(x1 + bend)) \(SVGChart.fmt(y1)), \(SVGChart.fmt(x2 - bend)) \(SVGChart.fmt(y2)), \(SVGChart.fmt(x2)) \(SVGChart.fmt(y2))\" marker-end=\"url(#map-arrow)\"/>\n"
        }
        for (i, edge) in integrations.enumerated() {
            guard let a = byKey[edge.from], let b = byKey[edge.to] else { continue }
            let x = Self.columnX[2] + Self.nodeWidth
            let (y1, y2) = (a.y + a.height / 2, b.y + b.height / 2)
            let reach = 30 + Double(i % 4) * 25
            out += "<path class=\"integration\(edge.dangling ? " dangling" : "")\" d=\"M \(SVGChart.fmt(x)) \(SVGChart.fmt(y1)) C \(SVGChart.fmt(x + reach)) \(SVGChart.fmt(y1)), \(SVGChart.fmt(x + reach)) \(SVGChart.fmt(y2)), \(SVGChart.fmt(x)) \(SVGChart.fmt(y2))\" marker-end=\"url(#map-arrow)\"><title>\(XML.escape("\(edge.from.dropFirst(7)) → \(edge.to.dropFirst(7))\(edge.label.map { " via \($0)" } ?? "")"))</title></path>\n"
            if let via = edge.label {
                out += "<text x=\"\(SVGChart.fmt(x + reach * 0.75 + 3))\" y=\"\(SVGChart.fmt((y1 + y2) / 2 + 4))\">\(XML.escape(via))</text>\n"
            }
        }
        for box in boxes {
            var classes: [String] = []
            switch box.node.mark {
            case .missing?: classes.append("missing")
            case .orphan?, .unsupported?, .noGoal?: classes.append("problem")
            case nil: if box.node.inactive != nil { classes.append("inactive") }
            }
            out += "<g\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")><rect x=\"\(SVGChart.fmt(box.x))\" y=\"\(SVGChart.fmt(box.y))\" width=\"\(SVGChart.fmt(Self.nodeWidth))\" height=\"\(SVGChart.fmt(box.height))\" rx=\"\(box.node.layer == .goal ? 10 : 3)\"/>"
            for (j, line) in box.lines.enumerated() {
                let isMark = j == box.lines.count - 1 && line.hasPrefix("(")
                let cls = j == 0 ? " class=\"id\"" : isMark ? " class=\"mark\"" : ""
                out += "<text\(cls) x=\"\(SVGChart.fmt(box.x + Self.padding))\" y=\"\(SVGChart.fmt(box.y + Self.padding + Self.lineHeight * Double(j + 1) - 3))\">\(XML.escape(line))</text>"
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// Places the boxes: goals in document order; each later column ordered by the mean
    /// position of its neighbours in the columns before it (nodes without one last).
    func layout(_ map: AlignmentMap) -> [Box] {
        var placed: [String: Double] = [:]
        var boxes: [Box] = []
        // Each node's neighbours, in edge order: the source of an edge into it, the
        // target of an edge out of it (integrations do not order). Looked up, not
        // searched: scanning every edge for every node took two minutes at 10,000 systems.
        var neighbourKeys: [String: [String]] = [:]
        for e in map.edges {
            neighbourKeys[e.to, default: []].append(e.from)
            if e.kind != .integration, e.from != e.to { neighbourKeys[e.from, default: []].append(e.to) }
        }
        for layer in AlignmentMap.Layer.allCases {
            var column = map.nodes.enumerated().filter { $0.element.layer == layer }.map { i, node -> (Double, Int, Box) in
                let neighbours = (neighbourKeys[node.key] ?? []).compactMap { placed[$0] }
                let order = neighbours.isEmpty ? Double.infinity : neighbours.reduce(0, +) / Double(neighbours.count)
                return (order, i, Box(node: node, lines: GraphDOTReporter.label(node).split(separator: "\n").map(String.init)))
            }
            column.sort { ($0.0, $0.1) < ($1.0, $1.1) }
            var y = Self.top
            for (_, _, var box) in column {
                box.x = Self.columnX[layer.rawValue]
                box.y = y
                placed[box.node.key] = y + box.height / 2
                y += box.height + Self.gap
                boxes.append(box)
            }
        }
        return boxes
    }
}
