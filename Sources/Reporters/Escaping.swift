/// Text with a few characters replaced, in one pass (no Foundation string search per
/// character): the quoting of DOT and Mermaid labels. Tables are short, so they are
/// scanned rather than hashed, and text that needs nothing is returned as it is.
enum Escaping {
    static func replacing(_ s: String, _ table: [(Unicode.Scalar, String)]) -> String {
        func replacement(_ c: Unicode.Scalar) -> String? {
            for (from, to) in table where from == c { return to }
            return nil
        }
        guard s.unicodeScalars.contains(where: { replacement($0) != nil }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for c in s.unicodeScalars {
            if let r = replacement(c) { out += r } else { out.unicodeScalars.append(c) }
        }
        return out
    }
}
