import YAML

/// Arithmetic and membership, as CEL defines them: no implicit conversion between int,
/// uint and double; overflow and division by zero are errors.
enum Operators {
    static func arithmetic(_ op: BinaryOp, _ a: Value, _ b: Value, at range: SourceRange?) -> Value {
        switch (a, b) {
        case (.error, _): return a
        case (_, .error): return b
        case (.int(let x), .int(let y)): return integer(op, x, y, Value.int, at: range)
        case (.uint(let x), .uint(let y)): return integer(op, x, y, Value.uint, at: range)
        case (.double(let x), .double(let y)):
            switch op {
            case .add: return .double(x + y)
            case .subtract: return .double(x - y)
            case .multiply: return .double(x * y)
            case .divide: return .double(x / y)
            case .remainder: break
            }
        case (.string(let x), .string(let y)) where op == .add: return .string(x + y)
        case (.bytes(let x), .bytes(let y)) where op == .add: return .bytes(x + y)
        case (.list(let x), .list(let y)) where op == .add:
            if x.items.isEmpty { return b }
            if y.items.isEmpty { return a }
            return .list(x + y)
        default: break
        }
        return .error(EvalError("no operator '\(op.symbol)' for \(a.typeName) and \(b.typeName)", at: range, kind: .type))
    }

    /// Checked integer arithmetic: overflow and division by zero are errors.
    private static func integer<T: FixedWidthInteger>(_ op: BinaryOp, _ x: T, _ y: T, _ wrap: (T) -> Value, at range: SourceRange?) -> Value {
        let r: (partialValue: T, overflow: Bool)
        switch op {
        case .add: r = x.addingReportingOverflow(y)
        case .subtract: r = x.subtractingReportingOverflow(y)
        case .multiply: r = x.multipliedReportingOverflow(by: y)
        case .divide, .remainder:
            guard y != 0 else { return .error(EvalError(op == .divide ? "division by zero" : "modulus by zero", at: range)) }
            r = op == .divide ? x.dividedReportingOverflow(by: y) : x.remainderReportingOverflow(dividingBy: y)
        }
        return r.overflow ? .error(EvalError("integer overflow in \(x) \(op.symbol) \(y)", at: range)) : wrap(r.partialValue)
    }

    static func negate(_ a: Value, at range: SourceRange?) -> Value {
        switch a {
        case .error: return a
        case .int(let x):
            return x == .min ? .error(EvalError("integer overflow in -(\(x))", at: range)) : .int(-x)
        case .double(let x): return .double(-x)
        default: return .error(EvalError("no operator '-' for \(a.typeName)", at: range, kind: .type))
        }
    }

    static func not(_ a: Value, at range: SourceRange?) -> Value {
        switch a {
        case .error: return a
        case .bool(let b): return .bool(!b)
        default: return .error(EvalError("'!' needs a bool, not \(a.typeName)", at: range, kind: .type))
        }
    }

    /// `element in collection`: list membership by equality, map key membership.
    /// `x in null` is false.
    static func membership(_ element: Value, _ collection: Value, at range: SourceRange?) -> Value {
        switch collection {
        case .error: return collection
        case .null: return element.isError ? element : .bool(false)
        case .list(let l):
            if element.isError { return element }
            for item in l.items where Value.equal(element, item).isTrue { return .bool(true) }
            return .bool(false)
        case .map(let m):
            if element.isError { return element }
            return .bool(m.index(of: element) != nil)
        default:
            return .error(EvalError("'in' needs a list or a map on its right, not \(collection.typeName)", at: range, kind: .type))
        }
    }
}

enum BinaryOp {
    case add, subtract, multiply, divide, remainder
    var symbol: String {
        switch self {
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .remainder: return "%"
        }
    }
}

extension Value: Equatable {
    /// Structural equality (same types, same contents) for tests and constant checks;
    /// use ``Value/equal(_:_:)`` for CEL's `==`.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.list(let x), .list(let y)): return x.items.elementsEqual(y.items)
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let j = y.index(of: k), y.values[j] == v else { return false }
            }
            return true
        case (.error(let x), .error(let y)): return x.message == y.message
        default: return false
        }
    }

    /// Whether this is the bool `true`.
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }
}
