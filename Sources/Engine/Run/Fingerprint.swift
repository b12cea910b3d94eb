/// FNV-1a, 64 bits: a stable, dependency-free hash for fingerprints (not for security).
enum FNV1a {
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    static func hex(_ text: String) -> String {
        let s = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
