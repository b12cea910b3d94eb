import RuleCompiler
import YAML

/// Converts YAML nodes to expression values, keeping every list item's and map value's
/// position.
enum DocumentValues {
    static func value(_ node: Node) -> Value {
        switch node.content {
        case .scalar(let s): return scalar(s)
        case .sequence(let items):
            return .list(ListValue(items.map(value), ranges: items.map(\.range)))
        case .mapping(let pairs):
            return .map(MapValue(
                keys: pairs.map { key($0.key) },
                values: pairs.map { value($0.value) },
                valueRanges: pairs.map(\.value.range)))
        }
    }

    static func scalar(_ s: Scalar) -> Value {
        switch s {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let t): return .string(t)
        case .date(let d): return .date(d)
        }
    }

    private static func key(_ node: Node) -> Value {
        switch node.content {
        case .scalar(.string(let s)): return .string(s)
        case .scalar(.int(let i)): return .int(i)
        case .scalar(.bool(let b)): return .bool(b)
        case .scalar(let s): return .string(s.text)
        default: return .string("<complex key at line \(node.range.start.line)>")
        }
    }
}
