/// How many terminal columns a character takes, for putting a snippet's underline
/// under its range: 0 for a combining mark or a zero-width format character (an accent
/// written as `e` and U+0301 is one column), 2 for the wide characters of Chinese,
/// Japanese and Korean and for emoji, 1 otherwise. What terminals do, after Markus
/// Kuhn's `wcwidth`: East Asian Wide and Fullwidth, by their blocks.
public enum DisplayWidth {
    public static func of(_ c: Unicode.Scalar) -> Int {
        let v = c.value
        if v < 0x300 { return 1 }
        switch c.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        case .format where v != 0x00AD: return 0
        default: break
        }
        // Hangul vowels and final consonants that join the syllable before them.
        if (0x1160...0x11FF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        switch v {
        case 0x1100...0x115F,  // Hangul leading consonants
             0x2329...0x232A,  // angle brackets
             0x2E80...0x303E,  // CJK radicals, punctuation
             0x3041...0x33FF,  // kana, CJK compatibility
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA000...0xA4CF,  // Yi
             0xAC00...0xD7A3,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE30...0xFE4F,  // CJK compatibility forms
             0xFF00...0xFF60,  // fullwidth forms
             0xFFE0...0xFFE6,
             0x1F300...0x1F64F,  // pictographs, emoticons
             0x1F680...0x1F6FF,  // transport and map symbols
             0x1F900...0x1F9FF,  // supplemental pictographs
             0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK extensions B onwards
            return true
        default:
            return false
        }
    }
}
