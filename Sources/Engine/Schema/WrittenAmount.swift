/// An amount of money or a count written as people write them in a plan: `£1.2m`,
/// `€300k`, `120,000 EUR`, `USD 2.5 million`, `1 200 000`. A number field wants the digits
/// alone; this reads what they are, where the writing leaves no doubt.
enum WrittenAmount {
    /// The amount in digits (`1200000`, `2.5`), and whether a currency was written.
    struct Read: Equatable {
        let digits: String
        let currency: Bool
    }

    /// `text` read as an amount, or nil when it is not one or could be read two ways
    /// (`1.200` is 1.2 in English and 1200 in German). Only text with something to take
    /// off (a currency, a multiplier, thousands separators) is read: a plain number is
    /// another slip.
    static func read(_ text: String) -> Read? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var currency = false
        // A currency before or after: a symbol, or a three-letter code.
        for _ in 0..<2 {
            if let first = rest.first, "£$€¥₹".contains(first) { rest = rest.dropFirst(); currency = true }
            if let last = rest.last, "£$€¥₹".contains(last) { rest = rest.dropLast(); currency = true }
            if rest.count > 3, isCode(rest.prefix(3)), rest.dropFirst(3).first == " " || rest.dropFirst(3).first?.isNumber == true {
                rest = rest.dropFirst(3)
                currency = true
            }
            if rest.count > 3, isCode(rest.suffix(3)), rest.dropLast(3).last == " " || rest.dropLast(3).last?.isNumber == true {
                rest = rest.dropLast(3)
                currency = true
            }
            rest = Substring(rest.trimmingCharacters(in: .whitespaces))
        }
        // A multiplier after: k, m, bn, thousand, million, billion.
        var exponent = 0
        let lowered = rest.lowercased()
        for (word, power) in [("thousand", 3), ("million", 6), ("billion", 9), ("mio", 6), ("bn", 9), ("k", 3), ("m", 6), ("b", 9)]
        where lowered.hasSuffix(word) {
            let number = rest.dropLast(word.count)
            // `k` and `m` follow the digits (`300k`, `1.2 m`), not a word (`6 weeks`).
            guard let before = number.last, before.isNumber || before == " " else { break }
            rest = Substring(number.trimmingCharacters(in: .whitespaces))
            exponent = power
            break
        }
        let parsed: (String, Substring)
        if let grouped = groupedTheContinentalWay(rest) {
            parsed = grouped
        } else {
            guard currency || exponent > 0 || rest.contains(",") || rest.contains(" "), let read = number(rest),
                  exponent > 0 || read.1.count != 3 else { return nil }  // `€1.200`: 1.2, or 1200 written the German way?
            parsed = read
        }
        let (whole, fraction) = parsed
        // The digits times ten to the exponent, without going through a Double.
        var digits = whole
        var decimals = Array(fraction)
        for _ in 0..<exponent {
            digits.append(decimals.isEmpty ? "0" : decimals.removeFirst())
        }
        while let first = digits.first, first == "0", digits.count > 1 { digits.removeFirst() }
        while decimals.last == "0" { decimals.removeLast() }
        guard digits.count <= 18 else { return nil }
        return Read(digits: decimals.isEmpty ? digits : digits + "." + String(decimals), currency: currency)
    }

    /// Whether `code` is three upper-case ASCII letters, as currency codes are (EUR, USD,
    /// GBP, CHF …).
    private static func isCode(_ code: Substring) -> Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// The digits of `2.400.000` (German, Dutch, Italian …), `2'400'000` or `2’400’000`
    /// (Swiss), with a decimal comma if any (`2.400.000,50`): read one way only, since a
    /// number has one decimal point and these have two separators or a `'`. `1.200`
    /// alone stays unread (1.2, or 1200?).
    private static func groupedTheContinentalWay(_ text: Substring) -> (String, Substring)? {
        let parts = text.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        let separator: Character = wholePart.contains(".") ? "." : wholePart.contains("’") ? "’" : "'"
        let groups = wholePart.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= (separator == "." ? 3 : 2), let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return (groups.joined(), fraction)
    }

    /// The whole part's digits and the fraction's, from `1,200,000.50`, `1 200 000` or
    /// `2.5`: groups of three after the first, one kind of separator, a `.` decimal
    /// point (``groupedTheContinentalWay(_:)`` reads `1.200.000` and `1.200.000,50`).
    private static func number(_ text: Substring) -> (String, Substring)? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first, !wholePart.isEmpty else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        let separator: Character? = wholePart.contains(",") ? "," : wholePart.contains(" ") ? " " : nil
        let groups = separator.map { wholePart.split(separator: $0, omittingEmptySubsequences: false) } ?? [wholePart]
        guard let first = groups.first, (1...(separator == nil ? 18 : 3)).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        // `1,200.000` mixes both as thousands separators; `1,5` is a decimal comma.
        if separator != nil, fraction.count == 3 { return nil }
        return (groups.joined(), fraction)
    }
}
