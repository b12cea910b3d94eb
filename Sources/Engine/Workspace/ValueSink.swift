import RuleCompiler
import YAML

/// Builds expression values straight from libyaml's events (no `Node` tree in
/// between), keeping every list item's and map value's position.
struct ValueSink: TreeSink {
    /// Maps with the same keys share them; one table per file.
    let shapes = ShapeTable()

    struct Tree {
        var value: Value
        var range: SourceRange
    }

    func scalar(_ s: Scalar, range: SourceRange) -> Tree {
        let value: Value
        switch s {
        case .null: value = .null
        case .bool(let b): value = .bool(b)
        case .int(let i): value = .int(i)
        case .double(let d): value = .double(d)
        case .string(let t): value = .string(t)
        case .date(let d): value = .date(d)
        }
        return Tree(value: value, range: range)
    }

    func sequence(moving items: UnsafeMutableBufferPointer<Tree>, range: SourceRange) -> Tree {
        Tree(value: .list(ListValue(count: items.count) { i in
            let item = items.moveElement(from: i)
            return (item.value, item.range)
        }), range: range)
    }

    func mapping(keys: UnsafeBufferPointer<Tree>, moving values: UnsafeMutableBufferPointer<Tree>, range: SourceRange) -> Tree {
        let map = MapValue(shape: shapes.shape(of: keys)) { i in
            let value = values.moveElement(from: i)
            return (value.value, keys[i].range, value.range)
        }
        return Tree(value: .map(map), range: range)
    }

    func range(of tree: Tree) -> SourceRange { tree.range }

    func scalarText(of tree: Tree) -> String? { Self.scalarText(of: tree) }

    static func scalarText(of tree: Tree) -> String? {
        switch tree.value {
        case .string(let s): return s
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .date(let d): return d.description
        default: return nil
        }
    }

    func moved(_ tree: Tree, to range: SourceRange) -> Tree { Tree(value: tree.value, range: range) }

    func entries(of tree: Tree) -> (keys: [Tree], values: [Tree])? {
        guard case .map(let m) = tree.value else { return nil }
        let values = m.values.indices.map { Tree(value: m.values[$0], range: m.range(at: $0) ?? tree.range) }
        return (m.keys.indices.map { Tree(value: m.keys[$0], range: m.keyRange(at: $0) ?? tree.range) }, values)
    }

    func items(of tree: Tree) -> [Tree]? {
        guard case .list(let l) = tree.value else { return nil }
        return l.items.indices.map { Tree(value: l.items[$0], range: l.range(at: $0) ?? tree.range) }
    }

    /// A mapping key as rules see it: strings, integers and booleans as they are, other
    /// scalars by their text, a collection by a placeholder that names its line.
    static func key(_ tree: Tree) -> Value {
        switch tree.value {
        case .string, .int, .bool: return tree.value
        default: return scalarText(of: tree).map(Value.string) ?? .string("<complex key at line \(tree.range.start.line)>")
        }
    }
}
