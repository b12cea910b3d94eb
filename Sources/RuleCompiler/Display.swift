import YAML

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

    /// What a message shows for a missing (null) value.
    public static let missingPlaceholder = "(missing)"

    /// The most characters of one value a finding's message quotes.
    public static let messageLimit = 200

    /// ``displayText`` cut after `limit` characters, with `…` where it was cut, and built
    /// no further than that: a message quotes ids and names, and a hostile
    /// 60,000-character id (or a list of 100,000) must not be copied into every finding.
    public func displayText(limit: Int) -> String {
        var out = ""
        var left = limit
        guard write(to: &out, left: &left) else { return out + "…" }
        return out
    }

    /// Appends the display text to `out` while `left` characters remain; false when it
    /// had to stop.
    private func write(to out: inout String, left: inout Int) -> Bool {
        func put(_ text: String) -> Bool {
            // A text no longer in bytes than what is left fits whole (every character
            // is at least a byte): appended at once, not a character at a time.
            if text.utf8.count <= left {
                out += text
                left -= CodePoints.count(text)
                return true
            }
            for c in text.unicodeScalars {
                guard left > 0 else { return false }
                out.unicodeScalars.append(c)
                left -= 1
            }
            return true
        }
        switch self {
        case .list(let l):
            for (i, item) in l.items.enumerated() {
                guard (i == 0 || put(", ")), item.write(to: &out, left: &left) else { return false }
            }
            return true
        case .map(let m):
            guard put("{") else { return false }
            for (i, (k, v)) in zip(m.keys, m.values).enumerated() {
                guard (i == 0 || put(", ")), k.write(to: &out, left: &left), put(": "), v.write(to: &out, left: &left) else { return false }
            }
            return put("}")
        default:
            return put(displayText)
        }
    }

    /// Doubles without a needless ".0": 1500000.0 shows as 1500000.
    static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
