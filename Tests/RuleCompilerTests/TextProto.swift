/// A reader for protobuf text format, just enough for cel-spec's simple test files:
/// `name: value`, `name { ... }`, `name: { ... }`, `[a, b]` lists, adjacent string
/// concatenation, C-style escapes and `#` comments.
final class TextProto {
    enum Field {
        case scalar(String, quoted: Bool, bytes: [UInt8])
        case message(TextProto)
        case list([Field])
    }

    var fields: [(name: String, value: Field)] = []

    init() {}

    func all(_ name: String) -> [Field] { fields.filter { $0.name == name }.map(\.value) }
    func first(_ name: String) -> Field? { fields.first { $0.name == name }?.value }

    func message(_ name: String) -> TextProto? {
        if case .message(let m)? = first(name) { return m }
        return nil
    }

    func string(_ name: String) -> String? {
        if case .scalar(let s, _, _)? = first(name) { return s }
        return nil
    }

    struct ParseError: Error { let message: String }

    static func parse(_ text: String) throws -> TextProto {
        var reader = Reader(Array(text.utf8))
        return try reader.message(until: nil)
    }

    private struct Reader {
        let b: [UInt8]
        var i = 0
        init(_ b: [UInt8]) { self.b = b }

        mutating func skip() {
            while i < b.count {
                if b[i] == UInt8(ascii: "#") {
                    while i < b.count, b[i] != 10 { i += 1 }
                } else if b[i] == 32 || b[i] == 10 || b[i] == 9 || b[i] == 13 || b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: ";") {
                    i += 1
                } else {
                    return
                }
            }
        }

        mutating func message(until close: UInt8?) throws -> TextProto {
            let m = TextProto()
            while true {
                skip()
                if i >= b.count {
                    if close == nil { return m }
                    throw ParseError(message: "unexpected end")
                }
                if let close, b[i] == close {
                    i += 1
                    return m
                }
                let name = identifier()
                guard !name.isEmpty else { throw ParseError(message: "expected a field name at \(i)") }
                skip()
                if i < b.count, b[i] == UInt8(ascii: ":") { i += 1; skip() }
                m.fields.append((name, try value()))
            }
        }

        mutating func identifier() -> String {
            let start = i
            while i < b.count, isIdent(b[i]) || (i > start && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "/"))) { i += 1 }
            if start < b.count, b[start] == UInt8(ascii: "[") {  // extension names: [a.b.c]
                while i < b.count, b[i] != UInt8(ascii: "]") { i += 1 }
                i += 1
            }
            return String(decoding: b[start..<i], as: UTF8.self)
        }

        func isIdent(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45 || c == 43 || c == 46
        }

        mutating func value() throws -> Field {
            guard i < b.count else { throw ParseError(message: "expected a value") }
            switch b[i] {
            case UInt8(ascii: "{"): i += 1; return .message(try message(until: UInt8(ascii: "}")))
            case UInt8(ascii: "<"): i += 1; return .message(try message(until: UInt8(ascii: ">")))
            case UInt8(ascii: "["):
                i += 1
                var items: [Field] = []
                while true {
                    skip()
                    if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .list(items) }
                    items.append(try value())
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                var bytes: [UInt8] = []
                while i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                    bytes += try quoted()
                    skip()
                }
                return .scalar(String(decoding: bytes, as: UTF8.self), quoted: true, bytes: bytes)
            default:
                let start = i
                while i < b.count, isIdent(b[i]) { i += 1 }
                let s = String(decoding: b[start..<i], as: UTF8.self)
                return .scalar(s, quoted: false, bytes: Array(s.utf8))
            }
        }

        mutating func quoted() throws -> [UInt8] {
            let q = b[i]
            i += 1
            var out: [UInt8] = []
            while i < b.count, b[i] != q {
                if b[i] == UInt8(ascii: "\\"), i + 1 < b.count {
                    i += 1
                    let e = b[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "a"): out.append(7)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "v"): out.append(11)
                    case UInt8(ascii: "x"):
                        var v = 0, n = 0
                        while n < 2, i < b.count, let d = hex(b[i]) { v = v * 16 + d; i += 1; n += 1 }
                        out.append(UInt8(v))
                    case UInt8(ascii: "u"), UInt8(ascii: "U"):
                        let count = e == UInt8(ascii: "u") ? 4 : 8
                        var v: UInt32 = 0
                        for _ in 0..<count where i < b.count { v = v * 16 + UInt32(hex(b[i]) ?? 0); i += 1 }
                        out += Array(String(Unicode.Scalar(v).map(Character.init) ?? "?").utf8)
                    case UInt8(ascii: "0")...UInt8(ascii: "7"):
                        var v = Int(e - 48), n = 1
                        while n < 3, i < b.count, b[i] >= 48, b[i] <= 55 { v = v * 8 + Int(b[i] - 48); i += 1; n += 1 }
                        out.append(UInt8(truncatingIfNeeded: v))
                    default: out.append(e)
                    }
                } else {
                    out.append(b[i])
                    i += 1
                }
            }
            i += 1
            return out
        }

        func hex(_ c: UInt8) -> Int? {
            switch c {
            case 48...57: return Int(c - 48)
            case 97...102: return Int(c - 87)
            case 65...70: return Int(c - 55)
            default: return nil
            }
        }
    }
}
