import Foundation
import YAML

/// The one JSON encoding of the reports (check, SARIF, the audit, `rules list`): pretty,
/// sorted keys, slashes as they are, so the same value gives the same bytes; and what a
/// terminal or a viewer would act on written as `\uXXXX` escapes. JSONEncoder escapes C0
/// controls itself, but passes DEL, the C1 controls (0x9B starts a CSI sequence on some
/// terminals) and the bidirectional controls through raw; as escapes they decode to the
/// same strings, and `cat report.json` shows them inert.
public enum JSONText {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` encoded, or nil when it cannot be.
    public static func encode<T: Encodable>(_ value: T, with encoder: JSONEncoder = encoder()) -> String? {
        (try? encoder.encode(value)).map { escapeUnsafe(String(decoding: $0, as: UTF8.self)) }
    }

    /// Encoded JSON with each unsafe scalar (``TerminalText/isUnsafe(_:)``) left raw by
    /// the encoder written as `\uXXXX`, and the `[` of a `##[` as `\u005b` (a JSON report
    /// printed in a CI log must not start GitHub's legacy workflow command). Both occur
    /// only inside strings, where the escapes decode to the same text.
    public static func escapeUnsafe(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: TerminalText.isUnsafe) || json.contains("##[") else { return json }
        var out = String.UnicodeScalarView()
        var bracket = TerminalText.CommandBracket()
        for c in json.unicodeScalars {
            if bracket.opens(c) || (TerminalText.isUnsafe(c) && c != "\n" && c != "\t") {
                out.append(contentsOf: String(format: "\\u%04x", c.value).unicodeScalars)
            } else {
                out.append(c)
            }
        }
        return String(out)
    }
}
