extension Value {
    /// The value as a message shows it: strings as they are, lists joined by ", ",
    /// `null` as "null".
    public var displayText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return Value.format(d)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .date(let d): return d.description
        case .list(let l): return l.items.map(\.displayText).joined(separator: ", ")
        case .map(let m):
            return "{" + zip(m.keys, m.values).map { "\($0.displayText): \($1.displayText)" }.joined(separator: ", ") + "}"
        case .error(let e): return "<error: \(e.message)>"
        }
    }

    /// Doubles without a needless ".0": 1500000.0 shows as 1500000.
    static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
