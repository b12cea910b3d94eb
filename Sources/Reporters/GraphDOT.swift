import Audit
import Engine
import YAML

/// The alignment map as Graphviz DOT: goals, initiatives and systems in three ranks,
/// left to right; what is wrong drawn dashed and red, and said in the label too.
public struct GraphDOTReporter: Reporter {
    public static let name = "dot"

    public init() {}
    public init(context: ReportContext) {}

    public func write<Out: TextOutputStream>(_ subject: AlignmentMap, to out: inout Out) {
        out.write(render(subject))
    }

    public func render(_ map: AlignmentMap) -> String {
        var out = "digraph alignment {\n"
        out += "  graph [rankdir=LR, nodesep=0.25, ranksep=1.1, fontname=\"Helvetica\", label=\"Alignment map: goals → initiatives → systems\", labelloc=t];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for layer in AlignmentMap.Layer.allCases {
            let members = map.nodes.filter { $0.layer == layer }
            guard !members.isEmpty else { continue }
            out += "  subgraph \"cluster_\(layer.name)\" {\n    label=\"\(Self.layerTitle(layer))\"; style=invis;\n    rank=same;\n"
            for node in members {
                var attributes = ["label=\(Self.quote(Self.label(node)))", "shape=\(Self.shape(layer))"]
                var styles = layer == .goal ? ["rounded"] : []
                switch node.mark {
                case .missing?:
                    styles.append("dashed")
                    attributes += ["color=\"#cf222e\"", "fontcolor=\"#cf222e\""]
                case .orphan?, .unsupported?, .noGoal?:
                    styles.append("bold")
                    attributes.append("color=\"#cf222e\"")
                case nil:
                    if node.inactive != nil {
                        styles.append("dotted")
                        attributes.append("fontcolor=\"#57606a\"")
                    }
                }
                if !styles.isEmpty { attributes.append("style=\"\(styles.joined(separator: ","))\"") }
                out += "    \(Self.quote(node.key)) [\(attributes.joined(separator: ", "))];\n"
            }
            out += "  }\n"
        }
        for edge in map.edges {
            var attributes: [String] = []
            if edge.kind == .integration {
                attributes += ["style=\"dashed\"", "arrowhead=\"vee\"", "constraint=false"]
                if let via = edge.label { attributes.append("label=\(Self.quote(via))") }
            }
            if edge.kind == .supportsDirectly { attributes.append("style=\"dotted\"") }
            if edge.dangling { attributes += ["color=\"#cf222e\""] }
            out += "  \(Self.quote(edge.from)) -> \(Self.quote(edge.to))\(attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]");\n"
        }
        return out + "}\n"
    }

    /// The text a node shows: its id, its title, and what is wrong, in words.
    static func label(_ node: AlignmentMap.Node) -> String {
        // The data's own control characters are escaped first, so every line break in
        // the result is one this function made.
        var text = TerminalText.escape(node.id)
        if let label = node.label { text += "\n" + wrap(TerminalText.escape(label), width: 28) }
        switch node.mark {
        case .missing?: text += "\n(missing: referred to, not defined)"
        case .orphan?: text += "\n(orphan: supports no goal)"
        case .unsupported?: text += "\n(unsupported: no initiative or system)"
        case .noGoal?: text += "\n(supports no existing goal)"
        case nil: if let word = node.inactive { text += "\n" + wrap("(" + TerminalText.escape(word) + ")", width: 28) }
        }
        return text
    }

    static func layerTitle(_ layer: AlignmentMap.Layer) -> String {
        switch layer {
        case .goal: return "Goals"
        case .initiative: return "Initiatives"
        case .system: return "Systems"
        }
    }

    static func shape(_ layer: AlignmentMap.Layer) -> String {
        switch layer {
        case .goal, .initiative: return "box"
        case .system: return "component"
        }
    }

    /// A DOT string: quotes and backslashes escaped, line breaks as `\n`, and other
    /// control and bidi characters from the data shown as `\u{1b}` (Graphviz would copy
    /// them into its SVG, which XML then rejects).
    static func quote(_ s: String) -> String {
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0)) }
        return "\"" + Escaping.replacing(lines.joined(separator: "\n"), quoted) + "\""
    }
    private static let quoted: [(Unicode.Scalar, String)] = [("\\", "\\\\"), ("\"", "\\\""), ("\n", "\\n")]

    /// Words wrapped to lines of at most `width` characters (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
