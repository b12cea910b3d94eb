/// A field name as member access looks it up (`system.security`): its text, and its
/// length and first eight UTF-8 bytes in two integers, made once when the rule is
/// compiled. A map shape keeps the same two integers for each key, so a lookup passes
/// over the other keys with one comparison each and, for a name of eight bytes or
/// fewer, needs no other: two strings have the same code points exactly when they have
/// the same UTF-8 bytes (CEL's `==`, ``CodePoints``).
public struct FieldName: Sendable {
    public let text: String
    let length: Int
    let word: UInt64

    public init(_ text: String) {
        self.text = text
        (length, word) = Self.fingerprint(text)
    }

    /// The UTF-8 length of `text` and its first eight bytes, little-endian, zero-padded.
    static func fingerprint(_ text: String) -> (length: Int, word: UInt64) {
        var word: UInt64 = 0, length = 0
        for byte in text.utf8 {
            if length < 8 { word |= UInt64(byte) << UInt64(8 * length) }
            length += 1
        }
        return (length, word)
    }
}
