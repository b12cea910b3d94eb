import Foundation
import YAML

/// CEL's equality and ordering, with stratlint's rules for `null`.
extension Value {
    /// `==`: numbers compare across int, uint and double; values of different types are
    /// not equal; lists and maps compare element by element. An error operand is the
    /// result.
    /// String equality by code points, without Unicode normalisation (CEL's), compared as
    /// UTF-8 bytes: the generic `utf8.elementsEqual` was 5% of a large run.
    @inline(__always)
    static func sameCodePoints(_ x: String, _ y: String) -> Bool {
        var x = x, y = y
        guard x.utf8.count == y.utf8.count else { return false }
        return x.withUTF8 { a in
            y.withUTF8 { b in
                guard let p = a.baseAddress, let q = b.baseAddress else { return true }
                return memcmp(p, q, a.count) == 0
            }
        }
    }

    public static func equal(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.error, _): return a
        case (_, .error): return b
        case (.null, .null): return .bool(true)
        case (.bool(let x), .bool(let y)): return .bool(x == y)
        case (.string(let x), .string(let y)): return .bool(sameCodePoints(x, y))
        case (.bytes(let x), .bytes(let y)): return .bool(x == y)
        case (.date(let x), .date(let y)): return .bool(x == y)
        case (.list(let x), .list(let y)):
            guard x.items.count == y.items.count else { return .bool(false) }
            var sawError: Value?
            for (p, q) in zip(x.items, y.items) {
                switch equal(p, q) {
                case .bool(false): return .bool(false)
                case .error(let e): sawError = .error(e)
                default: break
                }
            }
            return sawError ?? .bool(true)
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return .bool(false) }
            var sawError: Value?
            for (k, v) in zip(x.keys, x.values) {
                guard let j = y.index(of: k) else { return .bool(false) }
                switch equal(v, y.values[j]) {
                case .bool(false): return .bool(false)
                case .error(let e): sawError = .error(e)
                default: break
                }
            }
            return sawError ?? .bool(true)
        default:
            if let order = numericOrder(a, b) { return .bool(order == 0) }
            return .bool(false)
        }
    }

    /// -1, 0 or 1 for two numbers of any numeric types; nil if either is not a number
    /// or a NaN is involved.
    static func numericOrder(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x), .uint(let y)):
            if x < 0 { return -1 }
            let ux = UInt64(x)
            return ux < y ? -1 : (ux == y ? 0 : 1)
        case (.uint, .int): return numericOrder(b, a).map { -$0 }
        // As CEL: an int or uint meets a double as a double.
        case (.int(let x), .double): return numericOrder(.double(Double(x)), b)
        case (.double, .int(let y)): return numericOrder(a, .double(Double(y)))
        case (.uint(let x), .double): return numericOrder(.double(Double(x)), b)
        case (.double, .uint(let y)): return numericOrder(a, .double(Double(y)))
        default: return nil
        }
    }

    /// `<`, `<=`, `>`, `>=`: same-typed values, or numbers of any types. Any comparison
    /// with `null` is false (documents are often incomplete); other mixes are errors.
    static func order(_ a: Value, _ b: Value, _ accept: (Int) -> Bool, at range: SourceRange?) -> Value {
        switch (a, b) {
        case (.error, _): return a
        case (_, .error): return b
        case (.null, _), (_, .null): return .bool(false)
        case (.bool(let x), .bool(let y)): return .bool(accept(x == y ? 0 : (x ? 1 : -1)))
        case (.string(let x), .string(let y)):
            return .bool(accept(lexicographic(Array(x.unicodeScalars).map(\.value), Array(y.unicodeScalars).map(\.value))))
        case (.bytes(let x), .bytes(let y)): return .bool(accept(lexicographic(x, y)))
        case (.date(let x), .date(let y)): return .bool(accept(x < y ? -1 : (x == y ? 0 : 1)))
        default:
            if let o = numericOrder(a, b) { return .bool(accept(o)) }
            if a.isNumber, b.isNumber { return .bool(false) }  // NaN
            return .error(EvalError("cannot compare \(a.typeName) with \(b.typeName)", at: range, kind: .type))
        }
    }

    private static func lexicographic<T: Comparable>(_ x: [T], _ y: [T]) -> Int {
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }

    var isNumber: Bool {
        switch self {
        case .int, .uint, .double: return true
        default: return false
        }
    }
}
