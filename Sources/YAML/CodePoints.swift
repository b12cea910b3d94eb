/// String equality by code points, as CEL compares strings and as keys are written.
/// Swift's `==` (and its hashing) is canonical equivalence: the Kelvin sign (U+212A)
/// equals `K`, a precomposed `é` equals `e` and a combining accent. Map keys, schema
/// fields and field names in rules compare with this.
public enum CodePoints {
    /// Whether every byte of `s` is ASCII.
    @inlinable
    public static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }

    /// Whether `a` and `b` have the same code points. Same code points are canonically
    /// equivalent, so `==` comes first (Swift compares ASCII bytes directly); when `a` is
    /// known to be ASCII an equal byte count then settles it, since a string canonically
    /// equivalent to an ASCII one and not equal to it is longer (the Kelvin sign is three
    /// bytes, `K` one).
    @inlinable @inline(__always)
    public static func equal(_ a: String, _ b: String, aIsASCII: Bool) -> Bool {
        guard a == b else { return false }
        return aIsASCII ? a.utf8.count == b.utf8.count : a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}
