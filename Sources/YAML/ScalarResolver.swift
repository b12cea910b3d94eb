/// Resolves plain scalars by the YAML 1.2 core schema, plus dates:
///
/// | text | value |
/// | --- | --- |
/// | `~`, `null`, `Null`, `NULL`, empty | null |
/// | `true`/`True`/`TRUE`, `false`/... | bool (`yes`, `no`, `on`, `off` stay strings) |
/// | `12`, `-3`, `0x1F`, `0o17` | int (too large for 64 bits: a double) |
/// | `1.5`, `1e3`, `.inf`, `.nan` | double |
/// | `2026-12-31` | date (an impossible date such as `2026-02-30` stays a string) |
/// | anything else | string |
public enum ScalarResolver {
    public static func resolve(plain text: String) -> Scalar {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return text == "~" ? .null : .string(text)
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return text == "null" || text == "Null" || text == "NULL" ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return text == "true" || text == "True" || text == "TRUE" ? .bool(true) : .string(text)
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return text == "false" || text == "False" || text == "FALSE" ? .bool(false) : .string(text)
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number(text) ?? .string(text)
        default:
            return .string(text)
        }
    }

    /// Resolves a scalar with an explicit `!!` tag; nil when the text does not fit it.
    public static func resolve(_ text: String, tag: String) -> Scalar? {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            if case .bool(let b) = resolve(plain: text) { return .bool(b) }
            return nil
        case "tag:yaml.org,2002:int":
            if case .int(let i) = resolve(plain: text) { return .int(i) }
            return nil
        case "tag:yaml.org,2002:float":
            switch resolve(plain: text) {
            case .int(let i): return .double(Double(i))
            case .double(let d): return .double(d)
            default: return nil
            }
        case "tag:yaml.org,2002:timestamp":
            return CivilDate(iso: text).map(Scalar.date)
        default:
            return resolve(plain: text)
        }
    }

    /// A number or a date, or nil; read from the text's bytes where they lie (a copy
    /// per scalar showed in profiles: every date and number of an inventory comes here).
    private static func number(_ text: String) -> Scalar? {
        var bytes = text
        return bytes.withUTF8 { number($0, text) }
    }

    private static func number(_ u: UnsafeBufferPointer<UInt8>, _ text: String) -> Scalar? {
        if let date = dateIfShaped(u, text) { return date }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        if u.count > 2, u[0] == UInt8(ascii: "0") {
            if u[1] == UInt8(ascii: "x"), let v = Int64(text.dropFirst(2), radix: 16) { return .int(v) }
            if u[1] == UInt8(ascii: "o"), let v = Int64(text.dropFirst(2), radix: 8) { return .int(v) }
        }
        var i = 0
        if u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
        let digitsStart = i
        while i < u.count, isDigit(u[i]) { i += 1 }
        let intDigits = i - digitsStart
        if i == u.count {
            guard intDigits > 0 else { return nil }
            if let v = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return .int(v) }
            return Double(text).map(Scalar.double)
        }
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var fracDigits = 0
        if u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.count, isDigit(u[i]) { i += 1; fracDigits += 1 }
        }
        guard intDigits + fracDigits > 0, intDigits > 0 || fracDigits > 0 else { return nil }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
            let expStart = i
            while i < u.count, isDigit(u[i]) { i += 1 }
            guard i > expStart else { return nil }
        }
        guard i == u.count else { return nil }
        return Double(text).map(Scalar.double)
    }

    private static func dateIfShaped(_ u: UnsafeBufferPointer<UInt8>, _ text: String) -> Scalar? {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        guard let d = CivilDate(isoBytes: u) else { return .string(text) }
        return .date(d)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
