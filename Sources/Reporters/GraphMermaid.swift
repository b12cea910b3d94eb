import Audit
import Engine
import YAML

/// The alignment map as a Mermaid flowchart, for Markdown that renders Mermaid
/// (GitHub, GitLab): one subgraph per layer, marked nodes styled and labelled.
public struct GraphMermaidReporter: Reporter {
    public static let name = "mermaid"

    public init() {}
    public init(context: ReportContext) {}

    public func write<Out: TextOutputStream>(_ subject: AlignmentMap, to out: inout Out) {
        out.write(render(subject))
    }

    public func render(_ map: AlignmentMap) -> String {
        var ids: [String: String] = [:]
        for (i, node) in map.nodes.enumerated() { ids[node.key] = "n\(i)" }
        var out = "flowchart LR\n"
        for layer in AlignmentMap.Layer.allCases {
            let members = map.nodes.filter { $0.layer == layer }
            guard !members.isEmpty else { continue }
            out += "  subgraph \(layer.name)s[\"\(GraphDOTReporter.layerTitle(layer))\"]\n"
            for node in members {
                let text = GraphDOTReporter.label(node).split(separator: "\n").map { Self.escape(String($0)) }.joined(separator: "<br>")
                let (open, close) = layer == .system ? ("[(", ")]") : layer == .goal ? ("([", "])") : ("[", "]")
                out += "    \(ids[node.key] ?? "?")\(open)\"\(text)\"\(close)\n"
            }
            out += "  end\n"
        }
        for edge in map.edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            switch edge.kind {
            case .integration: out += "  \(from) -.->\(edge.label.map { "|\(Self.escape($0))|" } ?? "") \(to)\n"
            case .supportsDirectly: out += "  \(from) -.- \(to)\n"
            case .supports, .uses: out += "  \(from) --> \(to)\n"
            }
        }
        out += "  classDef problem stroke:#cf222e,stroke-width:3px\n  classDef missing stroke:#cf222e,stroke-dasharray:5 3,color:#cf222e\n"
        out += "  classDef inactive stroke-dasharray:2 2,color:#57606a\n"
        for (cls, nodes) in [("problem", map.nodes.filter { $0.mark == .orphan || $0.mark == .unsupported || $0.mark == .noGoal }),
                             ("missing", map.nodes.filter { $0.mark == .missing }),
                             ("inactive", map.nodes.filter { $0.mark == nil && $0.inactive != nil })] where !nodes.isEmpty {
            out += "  class \(nodes.compactMap { ids[$0.key] }.joined(separator: ",")) \(cls)\n"
        }
        return out
    }

    /// Text inside a quoted Mermaid label: quotes and angle brackets as entities, control
    /// and bidi characters (a line break of the data's own, `\r` too) shown as `\u{d}`.
    static func escape(_ s: String) -> String { Escaping.replacing(TerminalText.escape(s), entities) }
    private static let entities: [(Unicode.Scalar, String)] = [("&", "#amp;"), ("\"", "#quot;"), ("<", "#lt;"), (">", "#gt;")]
}
