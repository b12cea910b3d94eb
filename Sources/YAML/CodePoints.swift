/// String equality by code points, as CEL compares strings and as keys are written.
/// Swift's `==` (and its hashing) is canonical equivalence: the Kelvin sign (U+212A)
/// equals `K`, a precomposed `é` equals `e` and a combining accent. Map keys, schema
/// fields and field names in rules compare with this.
public enum CodePoints {
    /// How many code points `s` holds: its bytes but UTF-8's continuation bytes
    /// (counted over the bytes, without decoding).
    public static func count(_ s: String) -> Int {
        var count = 0
        for byte in s.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The byte of `utf8` at which code point `n` starts (the byte count for the code
    /// point after the last), or nil when `n` is negative or further.
    public static func byteOffset(of n: Int, in utf8: [UInt8]) -> Int? {
        guard n >= 0 else { return nil }
        var seen = 0
        for (i, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 {
            if seen == n { return i }
            seen += 1
        }
        return seen == n ? utf8.count : nil
    }

    /// How many code points of `utf8` start before byte `offset`.
    public static func count(before offset: Int, in utf8: [UInt8]) -> Int {
        var count = 0
        for byte in utf8[..<offset] where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Whether every byte of `s` is ASCII.
    @inlinable
    public static func isASCII(_ s: String) -> Bool {
        // Over the bytes in place when the string has them (a native string does): the
        // view's iterator costs several times more a byte.
        if let ascii = s.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 < 0x80 } }) { return ascii }
        return s.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether `a` and `b` have the same code points. Same code points are canonically
    /// equivalent, so they must be `==`; when `a` is known to be ASCII an equal byte count
    /// settles it, since a string canonically equivalent to an ASCII one and not equal to
    /// it is longer (the Kelvin sign is three bytes, `K` one). The count is compared
    /// first: most keys a field is compared with differ in length, and a failed `==`
    /// goes through the standard library's slow path.
    @inlinable @inline(__always)
    public static func equal(_ a: String, _ b: String, aIsASCII: Bool) -> Bool {
        if aIsASCII { return a.utf8.count == b.utf8.count && a == b }
        guard a == b else { return false }
        return a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}
