import Engine
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-4 examples, and lengths around the padding boundary checked with sha256sum.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ])
    func vectors(_ input: String, _ expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }

    /// Lengths on each side of the block and padding boundaries (a tail of 56 to 63
    /// bytes pads into a second block), from sha256sum.
    @Test(arguments: [
        (56, "a5fc6e203a4c2b657d0d153885932414b2ffc6a93f0f8bf8b3183315e5a7212c"),
        (63, "94e419fabac7f930810f9636354042f8c1426d2f834d4ab65c93dc1e69326b13"),
        (65, "74b128f30cf83de43ddf4aafc40c7b50a7443d3c73a89a7cfca17e15e43d51ab"),
        (119, "68297a9eb141ce16bbc0847da1c0c48e2858704feaa13993bde29f87a198a6e1"),
        (120, "392add47fbaa8197a874ebe770a947a26dd6f2becce5f64688cc4d18c9da93bd"),
        (128, "70ae1c5307f5250d5cb9e40742ba9613fcdf9b8d9eb6dd393330443b2d5effbd"),
        (1000, "f6f118e120e52be0bd0cfdf2794cd12c07686cc871235ac2f11459378e6d235b"),
    ])
    func boundaries(_ length: Int, _ expected: String) {
        let bytes = [UInt8](repeating: UInt8(ascii: "b"), count: length)
        #expect(SHA256.hex(bytes) == expected)
        // A collection without contiguous storage takes the copying path: same digest.
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == expected)
    }

    @Test func millionAs() {
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
