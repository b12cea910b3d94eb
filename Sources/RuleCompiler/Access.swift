import YAML

/// Field and index access with stratlint's rules for incomplete documents:
///
/// - a missing field, or any field of `null`, is `null` (CEL: an error);
/// - a field of a list is the list of that field of each item, one level flattened:
///   `Strategy.initiatives` is every initiative of every Strategy document. Items that
///   are `null` or not maps are skipped (a model rule reports wrong types);
/// - `map[key]` for a missing key is `null`; a list index out of range is an error.
enum Access {
    static func select(_ v: Value, _ field: FieldName, at range: SourceRange?) -> Value {
        switch v {
        case .map(let m): return m.index(ofField: field).map { m.values[$0] } ?? .null
        case .null, .error: return v
        case .list(let l): return project(l, field)
        default: return .error(EvalError("no field '\(field.text)' on a \(v.typeName)", at: range, kind: .type))
        }
    }

    /// The list of `field` of each item, a list's items in place of the list: counted
    /// first, so that it is made at its size in one allocation with no list of values
    /// and positions on the way (each let that projects a kind's items held both at
    /// once: tens of megabytes at the peak of a large inventory).
    static func project(_ l: ListValue, _ field: FieldName) -> Value {
        var count = 0
        for item in l.items {
            guard case .map(let m) = item, let i = m.index(ofField: field) else { continue }
            switch m.values[i] {
            case .null: continue
            case .list(let inner): count += inner.count
            default: count += 1
            }
        }
        var projected = Projected(l.items, field)
        return .list(ListValue(count: count) { _ in projected.next() ?? (.null, nil) })
    }

    /// The items ``project(_:_:)`` gives, one by one with their positions.
    private struct Projected {
        var outer: ListValue.Items.Iterator
        let field: FieldName
        /// The list value being flattened, and its next item.
        var inner: ListValue?
        var position = 0

        init(_ items: ListValue.Items, _ field: FieldName) {
            outer = items.makeIterator()
            self.field = field
        }

        mutating func next() -> (value: Value, range: SourceRange?)? {
            while true {
                if let list = inner {
                    if position < list.count {
                        defer { position += 1 }
                        return (list.items[position], list.range(at: position))
                    }
                    inner = nil
                }
                guard let item = outer.next() else { return nil }
                guard case .map(let m) = item, let i = m.index(ofField: field) else { continue }
                switch m.values[i] {
                case .null: continue
                case .list(let list):
                    inner = list
                    position = 0
                default: return (m.values[i], m.range(at: i))
                }
            }
        }
    }

    static func has(_ v: Value, _ field: FieldName, at range: SourceRange?) -> Value {
        switch v {
        case .map(let m): return .bool(m.index(ofField: field) != nil)
        case .null: return .bool(false)
        case .error: return v
        default: return .error(EvalError("has() needs a map, not a \(v.typeName)", at: range, kind: .type))
        }
    }

    static func index(_ v: Value, _ i: Value, at range: SourceRange?) -> Value {
        if i.isError { return i }
        switch v {
        case .error, .null: return v
        case .map(let m):
            switch i {
            case .string, .int, .uint, .bool, .double: return m.index(of: i).map { m.values[$0] } ?? .null
            default: return .error(EvalError("a map key must be a string, int, uint or bool, not \(i.typeName)", at: range, kind: .type))
            }
        case .list(let l):
            let n: Int64?
            switch i {
            case .int(let x): n = x
            case .uint(let x): n = x <= UInt64(Int64.max) ? Int64(x) : nil
            case .double(let x): n = x == x.rounded() && abs(x) < 9e18 ? Int64(x) : nil
            default:
                return .error(EvalError("a list index must be a number, not \(i.typeName)", at: range, kind: .type))
            }
            guard let n, n >= 0, n < l.items.count else {
                return .error(EvalError("index \(i.displayText) out of range (the list has \(l.items.count) items)", at: range))
            }
            return l.items[Int(n)]
        default:
            return .error(EvalError("cannot index a \(v.typeName)", at: range, kind: .type))
        }
    }
}
