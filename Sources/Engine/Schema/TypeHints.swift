import Foundation
import RuleCompiler
import RuleLanguage
import YAML

/// The message of a `wrong-type` finding, with a hint where the value is a known YAML
/// 1.2 trap: `yes`/`no`/`on`/`off` are strings, a quoted number is a string, a date with
/// a time is not a date.
enum TypeHints {
    /// The message, and whether it ends by saying what to write (then the rule's general
    /// `fix`, which would only repeat or contradict it, is left out).
    static func message(field: FieldSchema, owner: String, value: Value, expected: FieldType, item: Bool = false) -> (text: String, saysWhatToWrite: Bool) {
        let shown: String
        switch value {
        case .map: shown = "a map"
        case .list: shown = "a list"
        case .string(let s): shown = "a string ('\(clip(s))')"
        default: shown = "\(Naming.withArticle(value.typeName)) (\(value.displayText(limit: Value.messageLimit)))"
        }
        let subject = item ? "an item of `\(clip(field.name))`" : "`\(clip(field.name))`"
        let message = "\(subject) of \(owner) should be \(describe(expected)), not \(shown), so rules read it as absent"
        guard let hint = hint(value, expected, field: field) else { return (message, false) }
        return (message + ": " + hint, true)
    }

    /// A fiscal year with no fiscal-year start configured.
    static func fiscalYearMessage(field: String, owner: String, text: String) -> String {
        "`\(clip(field))` of \(owner) is a fiscal year ('\(clip(text))'), but no fiscal-year start is configured, so rules read it as absent: "
            + "set the month your fiscal year starts in, e.g. `fiscal-year-start: 4` (April) in .stratlint.yaml, or write the last day (YYYY-MM-DD)"
    }

    private static func describe(_ type: FieldType) -> String {
        switch type.shape {
        case .list where type.item != .any: return "a list of \(plural(type.item ?? .any))"
        case .union: return type.alternatives.map(describe).joined(separator: " or ")
        case .period: return "a date or a period (month, quarter, half-year, year)"
        default: return Naming.withArticle(type.description)
        }
    }

    private static func plural(_ type: FieldType) -> String {
        type.shape == .union ? type.alternatives.map(plural).joined(separator: " or ") : type.description + "s"
    }

    /// The boolean YAML 1.1 reads `word` as (`yes`, `on`, `y`; `no`, `off`, `n`, any
    /// case), which YAML 1.2, and so stratlint, reads as a string.
    static func yaml11Boolean(_ word: String) -> Bool? {
        switch word.lowercased() {
        case "yes", "on", "y": return true
        case "no", "off", "n": return false
        default: return nil
        }
    }

    /// The text that is certainly what the writer meant, where the slip leaves no doubt:
    /// `yes`/`no` and their kin for a boolean, a quoted boolean or number.
    static func replacement(_ value: Value, _ expected: FieldType, field: FieldSchema? = nil) -> String? {
        let wants = Set(alternatives(expected))
        if case .string(let id)? = idOf(value), wants.contains("string") { return DocumentWalk.plainScalar(id) }
        if case .int(let n) = value, wants.contains("date") || wants.contains("period"), let date = compactDay(n) { return date.description }
        guard case .string(let text) = value else { return nil }
        let t = text.trimmingCharacters(in: .whitespaces)
        if wants.contains("map"), let one = oneFieldOf(t, field: field) { return one.text }
        if wants.contains("bool") {
            if let b = yaml11Boolean(t) ?? Bool(t.lowercased()) ?? statedBoolean(t) { return String(b) }
        }
        if wants.contains("number"), Double(t) != nil, t.unicodeScalars.allSatisfy({ "0123456789.-+eE".unicodeScalars.contains($0) }) { return t }
        if wants.contains("number"), let digits = withoutDigitUnderscores(t) { return digits }
        if wants.contains("number"), let amount = WrittenAmount.read(t) { return amount.digits }
        if wants.contains("date") || wants.contains("period"), case .day(let date)? = numericDate(t) { return date.description }
        if let written = foreignDate(t, wants: wants) { return written.text }
        if wants.contains("period"), let period = endOf(t) ?? slashedPeriod(t) ?? shorthandPeriod(t) {
            // `Q4 2027` and `2027` are written plain (a year is read as a period too).
            guard period.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "-" }),
                  period.first?.isNumber == true || period.first?.isLetter == true else { return nil }
            return period
        }
        return nil
    }

    /// A text where a map is wanted that is a value (or an alias of one, in any case) of
    /// exactly one of the map's fields: `review: quarterly` is the review's `cadence`,
    /// `{ cadence: quarterly }`.
    private static func oneFieldOf(_ text: String, field: FieldSchema?) -> (inner: FieldSchema, text: String)? {
        guard let fields = field?.fields else { return nil }
        let taking = fields.filter { !$0.values.isEmpty && $0.type.shape == .string && $0.spelling(of: text) != .unknown }
        guard taking.count == 1, let inner = taking.first else { return nil }
        return (inner, "{ \(inner.name): \(flow(text)) }")
    }

    /// A map where one text is wanted, as a CMDB export writes a field with its details
    /// (`lifecycle: { phase: active, since: 2019 }`, `owner: { team: finance-it,
    /// contact: … }`): the text the field takes is the map's value that is one of the
    /// field's values (or aliases), else its `id`, `name`, `team` or `value`.
    private static func oneValue(of map: MapValue, for field: FieldSchema) -> String? {
        var chosen: Int?
        if !field.values.isEmpty {
            chosen = map.values.indices.first { i in
                guard case .string(let text) = map.values[i] else { return false }
                return field.spelling(of: text) != .unknown
            }
        }
        if chosen == nil {
            chosen = ["id", "name", "team", "value"].lazy.compactMap { key in
                map.index(ofField: key).flatMap { i -> Int? in if case .string = map.values[i] { i } else { nil } }
            }.first
        }
        guard let i = chosen, case .string(let text) = map.values[i] else { return nil }
        let others = map.keys.indices.filter { $0 != i }.prefix(2).map { "`\(field.name)_\(clip(map.keys[$0].displayText)): …`" }
        return "write the one value the field takes, `\(field.name): \(flow(text))`"
            + (others.isEmpty ? "" : ", and keep the rest in extra fields such as \(others.joined(separator: " and "))")
    }

    /// The hint for a number written as a map. One that names it (`budget: { amount:
    /// 450000, currency: EUR }`, `{ total: …, capex: …, opex: … }`): write that number,
    /// the currency once in the Strategy's budget, the rest in an extra field. One of
    /// numbers alone (`{ capex: 250000, opex: 40000 }`): parts whose sum may or may not be
    /// the total (opex is often a year's), so write the total. nil for other maps.
    private static func numberOf(_ map: MapValue, field: String) -> String? {
        func isNumber(_ v: Value) -> Bool { if case .int = v { true } else if case .double = v { true } else { false } }
        let keys = map.keys.map { $0.displayText.lowercased() }
        func breakdown(leaving left: Set<Int>) -> String {
            let parts = keys.indices.filter { !left.contains($0) }.prefix(3).map { "\(clip(map.keys[$0].displayText)): …" }
            return "`\(field)_breakdown: { \(parts.joined(separator: ", ")) }`"
        }
        guard let i = keys.firstIndex(where: { ["amount", "value", "total", "sum"].contains($0) }), isNumber(map.values[i]) else {
            guard !map.values.isEmpty, map.values.allSatisfy(isNumber) else { return nil }
            return "write one number, the total, and keep the parts in an extra field such as " + breakdown(leaving: [])
        }
        let currency = keys.firstIndex(of: "currency")
        let left = Set([i] + (currency.map { [$0] } ?? []))
        return "write the \(keys[i] == "total" ? "total" : "amount"), `\(field): \(map.values[i].displayText(limit: 30))`"
            + (currency == nil ? "" : "; the currency goes once in the Strategy's `budget: { currency: … }`")
            + (keys.count == left.count ? "" : "; keep the rest in an extra field such as " + breakdown(leaving: left))
    }

    /// The boolean a register's word for a control states: `enabled`, `enforced` are
    /// true; `disabled`, `not enforced` false. nil for anything that says more.
    static func statedBoolean(_ text: String) -> Bool? {
        switch text.lowercased().split(separator: " ").joined(separator: " ") {
        case "enabled", "enforced", "required", "mandatory", "implemented", "in place", "configured", "active": return true
        case "disabled", "not enabled", "not enforced", "not required", "not implemented", "not configured", "inactive", "missing": return false
        default: return nil
        }
    }

    /// Whether `text` names a cipher, protocol or tool that encrypts (`AES-256`,
    /// `TLS 1.2`, `BitLocker`): an encryption field written with how, not whether.
    static func namesCipher(_ text: String) -> Bool {
        text.uppercased().split { !$0.isLetter && !$0.isNumber }.contains { ciphers.contains(String($0)) }
    }

    private static let ciphers: Set<String> = ["AES", "AES128", "AES256", "TLS", "SSL", "HTTPS", "SFTP", "FTPS", "SSH", "IPSEC", "KMS", "BITLOCKER",
                                               "LUKS", "FILEVAULT", "TDE", "MTLS", "WIREGUARD", "CHACHA20", "RSA", "PGP", "GPG", "VPN"]

    /// `3_200_000` as YAML 1.1 (PyYAML, Ruby) read it, `3200000`; nil unless the text is
    /// digits with `_` between them, and perhaps a sign and a decimal fraction.
    static func withoutDigitUnderscores(_ text: String) -> String? {
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" { sign = first == "-" ? "-" : ""; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, whole.contains("_"), whole.first?.isASCII == true, whole.first?.isNumber == true, whole.last?.isNumber == true,
              whole.allSatisfy({ $0 == "_" || ($0.isASCII && $0.isNumber) }), !whole.contains("__") else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy { $0.isASCII && $0.isNumber }) else { return nil }
        return sign + whole.filter { $0 != "_" } + (parts.count == 2 ? "." + fraction : "")
    }

    /// What the writer probably meant, for the common slips.
    static func hint(_ value: Value, _ expected: FieldType, field: FieldSchema? = nil) -> String? {
        let wants = Set(alternatives(expected))
        guard case .string(let text) = value else {
            if case .map(let m) = value, wants.contains("list"), let items = namedTargets(m, field: field) ?? keyedItems(m, expected, field: field) { return items }
            if case .list(let l) = value, wants.contains("map"), !wants.contains("list"), let flags = namedFlags(l, field: field) { return flags }
            if case .map(let m) = value, wants.contains("number"), let name = field?.name, let hint = numberOf(m, field: name) {
                return hint
            }
            if case .map(let m) = value, wants.contains("string"), !wants.contains("list"), let field, field.type.shape != .list, let one = oneValue(of: m, for: field) {
                return one
            }
            if wants.contains("list") {
                // A map in brackets is a list of it only where an item may be that map.
                if case .map(let m) = value, !itemIsThisMap(m, expected, field: field) { return nil }
                return "write a list in brackets, `[\(value.displayText(limit: 40))]`"
            }
            if case .bool = value, wants.contains("string") { return "true and false are booleans; quote the text if a word was meant" }
            // `systems: [{ id: crm, change: replace }]`: the id is what a reference names.
            if case .string(let id)? = idOf(value), wants.contains("string") { return "write the id alone, `\(clip(id))`" }
            if case .list = value, wants.contains("string") {
                return field?.name == "owner"
                    ? "an owner is the one team or person accountable: name one, and list the others in an extra field such as `contacts:`"
                    : "write one value; keep the others in an extra field"
            }
            if case .int(let n) = value, wants.contains("date") || wants.contains("period"), let date = Self.compactDay(n) {
                return "write the day as YYYY-MM-DD, \(date)"
            }
            if case .int = value, wants.contains("date") { return "a year is not a date: write the day, as YYYY-MM-DD" }
            // `id: 1`, `supports: [1, 2]`, as a spreadsheet numbers rows; `id: 1.1`, as an
            // outline numbers its points (unquoted, `1.10` is the number 1.1).
            if wants.contains("string"), field?.name == "id" || field?.reference != nil {
                let place = field?.reference == nil ? "here and where it is named" : "here and where it is defined"
                switch value {
                case .int: return "an id is text, even when it is digits: put it in quotes, " + place
                case .double: return "an id is text, even when it is a number: put it in quotes as written, " + place
                    + " (unquoted, 1.10 is the number 1.1)"
                default: break
                }
            }
            return nil
        }
        let t = text.trimmingCharacters(in: .whitespaces)
        if wants.contains("bool") {
            if let b = yaml11Boolean(t) { return "YAML 1.2 reads `\(clip(t))` as a string, not a boolean: write \(b)" }
            if let b = Bool(t.lowercased()) { return "it is quoted, so it is a string: write \(b) without quotes" }
        }
        if wants.contains("number"), let digits = withoutDigitUnderscores(t) {
            return "YAML 1.2 reads `\(clip(t))` as a string, not a number (YAML 1.1 allowed `_` between digits): write \(digits)"
        }
        if wants.contains("number"), let amount = WrittenAmount.read(t) {
            return "write the amount in digits alone, \(amount.digits)" + (amount.currency ? "; the currency goes once in the Strategy's `budget: { currency: … }`" : "")
        }
        if wants.contains("number"), let first = t.unicodeScalars.first, ("0"..."9").contains(first) || first == "-" || first == "+" {
            if Double(t) != nil { return "it is quoted, so it is a string: write \(t) without quotes" }
            return "write the number in digits, without units or separators (120000, not 120k or 120,000)"
        }
        if wants.contains("date") || wants.contains("period"), t.utf8.count >= 10 {
            let day = String(t.prefix(10))
            if let date = CivilDate(iso: day) {
                // A quoted date alone is read as the date (``DocumentWalk/quotedDate(_:)``).
                guard t.utf8.count > 10 else { return nil }
                let separator = t[t.index(t.startIndex, offsetBy: 10)]
                if separator == "T" || separator == "t" || separator == " " && Self.beginsWithTime(t.dropFirst(11)) {
                    return "a date with a time is read as a string: write the day alone, \(date)"
                }
                // `2027-12-31 (revised)`: a note after the date.
                return "the text after the date is not part of it: write the day alone, \(date), and keep the rest in an extra field such as `notes:`"
            } else if day.utf8.count == 10, day.split(separator: "-").count == 3, day.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber }) {
                return "there is no such day; write a real date as YYYY-MM-DD"
            }
        }
        if wants.contains("date") || wants.contains("period"), let read = numericDate(t) {
            switch read {
            case .day(let date): return "write the day as YYYY-MM-DD, \(date)"
            case .eitherOf(let a, let b):
                return "'\(clip(t))' is \(a) read day first (most of the world) and \(b) read month first (the US): write the day as YYYY-MM-DD"
            }
        }
        if let written = foreignDate(t, wants: wants) { return "write the \(written.isDay ? "day" : "month") as \(written.text)" }
        if wants.contains("period"), let period = endOf(t) {
            return CivilDate(iso: period) != nil ? "write the day alone, \(period)"
                : "write the period alone, `\(clip(period))`: a deadline is its last day"
        }
        if wants.contains("period"), let period = slashedPeriod(t) ?? shorthandPeriod(t) {
            return "write the period as `\(period)`: a deadline is its last day"
        }
        if wants.contains("bool"), let b = statedBoolean(t) {
            return "'\(clip(t))' says \(b): write \(b)"
        }
        if wants.contains("bool"), field?.name.contains("encryption") == true, namesCipher(t) {
            return "'\(clip(t))' says how it is encrypted, so it is: write true, and keep '\(clip(t))' in an extra field such as `notes:`"
        }
        if wants.contains("bool") {
            return "write true or false; say more in an extra field such as `notes:`"
        }
        if wants == ["date"] { return "write the day as YYYY-MM-DD" }
        if wants.contains("period") {
            if t.uppercased().hasPrefix("FY"), t.contains("/") {
                return "a fiscal year written by two years names the two it spans, one after the other: FY2026/27 or FY2027"
            }
            return "write a date (2027-06-30), a month (2027-06 or Jun 2027), a quarter (2027-Q2 or Q2 2027), a half-year (2027-H1), a year (2027) or a fiscal year (FY2027 or FY2026/27, or a quarter of one: Q4 FY27)"
        }
        if wants.contains("list") { return "write a list in brackets, `[\(clip(t))]`" }
        if wants.contains("map"), let one = oneFieldOf(t, field: field) {
            return "`\(clip(t))` is a value of its field `\(one.inner.name)`: write `\(one.text)`"
        }
        if wants.contains("map") {
            // The map's own fields, as the writer would write them: `{ frequency: …, tested: … }`.
            let names = (field?.fields ?? []).prefix(3).map { "\($0.name): …" }
            let shape = names.isEmpty ? "`field: value`" : "`{ \(names.joined(separator: ", "))\((field?.fields.count ?? 0) > 3 ? ", …" : "") }`"
            return "record the fields as a mapping (\(shape)); put free text in an extra field such as `notes:`"
        }
        return nil
    }

    /// A day or month named in another language (``ForeignDates``) where the field takes
    /// it: a day where a date or a period is wanted, a month where a period is.
    private static func foreignDate(_ t: String, wants: Set<String>) -> (text: String, isDay: Bool)? {
        guard let written = ForeignDates.read(t), wants.contains("period") || written.isDay && wants.contains("date") else { return nil }
        return written
    }

    /// The day an eight-digit number writes as YYYYMMDD (`20271231`, as ISO 8601's basic
    /// format and spreadsheets export it), if it is one.
    static func compactDay(_ n: Int64) -> CivilDate? {
        guard (1000_01_01...9999_12_31).contains(n) else { return nil }
        return CivilDate(year: Int(n / 10000), month: Int(n / 100 % 100), day: Int(n % 100))
    }

    /// Whether `text` begins with a time of day, `10:00` or `9:30`.
    static func beginsWithTime(_ text: Substring) -> Bool {
        let hours = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(hours.count)
        return (1...2).contains(hours.count) && rest.first == ":" && rest.dropFirst().first.map { $0.isASCII && $0.isNumber } == true
    }

    /// A day written with numbers the local way: `31/12/2027`, `31.12.2027`,
    /// `12/31/2027`, `31-12-2027`.
    enum NumericDate: Equatable {
        /// One reading only (a part over 12 is the day, or the two are the same).
        case day(CivilDate)
        /// Day first (most of the world) or month first (the US).
        case eitherOf(CivilDate, CivilDate)
    }

    /// The day `text` writes as day, month and year (or month, day and year), if it is
    /// one: two numbers and a four-digit year, with `/`, `.` or `-` between.
    static func numericDate(_ text: String) -> NumericDate? {
        if let day = writtenDay(text) { return .day(day) }
        guard let separator = text.first(where: { "/.-".contains($0) }) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        // `2027/12/31`, `2027.12.31`: the year first is read one way only.
        if parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
           parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            return CivilDate(year: y, month: m, day: d).map(NumericDate.day)
        }
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let a = Int(parts[0]), let b = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        let dayFirst = CivilDate(year: year, month: b, day: a), monthFirst = CivilDate(year: year, month: a, day: b)
        switch (dayFirst, monthFirst) {
        case (let d?, let m?): return d == m ? .day(d) : .eitherOf(d, m)
        case (let d?, nil): return .day(d)
        case (nil, let m?): return .day(m)
        case (nil, nil): return nil
        }
    }

    /// A day written with its month's English name: `31 Dec 2027`, `December 31, 2027`,
    /// `Dec 31st 2027`: one reading only.
    static func writtenDay(_ text: String) -> CivilDate? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.uppercased()[...] }
        guard words.count == 3 else { return nil }
        var day: Int?, month: Int?, year: Int?
        for word in words {
            if let m = Period.month(named: word.hasSuffix(".") ? word.dropLast() : word) {
                guard month == nil else { return nil }
                month = m
            } else if word.count == 4, word.allSatisfy(\.isASCII), let y = Int(word) {
                guard year == nil else { return nil }
                year = y
            } else {
                let digits = word.prefix { $0.isASCII && $0.isNumber }
                let suffix = word.dropFirst(digits.count)
                guard day == nil, (1...2).contains(digits.count), ["", "ST", "ND", "RD", "TH", "."].contains(String(suffix)), let d = Int(digits) else { return nil }
                day = d
            }
        }
        guard let day, let month, let year else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// A period written with a slash (`Q4/2027`, `H1/2027`, `12/2027`), as it reads
    /// one way only: the period stratlint reads (`Q4 2027`, `2027-12`).
    static func slashedPeriod(_ text: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 4, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let (first, year) = (parts[0].uppercased(), String(parts[1]))
        if ["Q1", "Q2", "Q3", "Q4", "H1", "H2"].contains(first) { return "\(first) \(year)" }
        guard (1...2).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(first), (1...12).contains(m) else { return nil }
        return "\(year)-\(m < 10 ? "0" : "")\(m)"
    }

    /// A quarter or half written in shorthand (`Q4/27`, `Q4 '27`, `4Q27`, `4Q 2027`,
    /// `H2 27`), a year as `EOY 2027`, or a month as `2027-6`: each reads one way only
    /// (a two-digit year is 20xx, as in `FY27`). nil for anything else, `Dec-27` among
    /// them (the 27th, or 2027?). What it is rewritten to is a period only if
    /// ``Period/read(_:fiscalYearStart:)`` reads it (which quarters and halves exist is
    /// Period's to say: `Q5` is none).
    static func shorthandPeriod(_ text: String) -> String? {
        rewrittenShorthand(text).flatMap { Period.read($0, fiscalYearStart: nil) == nil ? nil : $0 }
    }

    private static func rewrittenShorthand(_ text: String) -> String? {
        let t = Array(text.uppercased().unicodeScalars)
        func year(_ digits: ArraySlice<Unicode.Scalar>) -> String? {
            guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            return (digits.count == 2 ? "20" : "") + String(String.UnicodeScalarView(digits))
        }
        // `EOY 2027`, `EOY2027`.
        if t.starts(with: "EOY".unicodeScalars) {
            return year(t.dropFirst(3).drop { $0 == " " })
        }
        // `2027-6`: a month with one digit.
        if t.count == 6, t[4] == "-", let y = year(t[0..<4]) { return "\(y)-0\(t[5])" }
        // `Q4…` or `4Q…`: the part, then separators and an apostrophe, then the year.
        guard t.count >= 4 else { return nil }
        let (letter, digit): (Unicode.Scalar, Unicode.Scalar) = ("0"..."9").contains(t[0]) ? (t[1], t[0]) : (t[0], t[1])
        guard let y = year(t.dropFirst(2).drop { " /-'".unicodeScalars.contains($0) }) else { return nil }
        return "\(letter)\(digit) \(y)"
    }

    /// The period in `end of 2027`, `by the end of Q3 2027`, `no later than Q3 2027`,
    /// `Q3 2027 at the latest`: what a deadline already means by the period alone; and
    /// the day in `by 2027-12-31`. Not `by 2027` or `before 2027`, which could mean its
    /// start.
    static func endOf(_ text: String) -> String? {
        let lowered = text.lowercased()
        func reads(_ t: String) -> Bool { CivilDate(iso: t) != nil || Period.read(t, fiscalYearStart: nil) != nil }
        for suffix in [" at the latest", " latest"] where lowered.hasSuffix(suffix) {
            let rest = String(text.dropLast(suffix.count)).trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            return reads(rest) ? rest : nil
        }
        for prefix in ["no later than ", "not later than "] where lowered.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            return reads(rest) ? rest : nil
        }
        if lowered.hasPrefix("by "), let day = CivilDate(iso: String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces)) { return day.description }
        // And the same in German, French, Spanish, Dutch and Italian (`Ende 2027`).
        let prefixes = ["by the end of ", "by end of ", "the end of ", "end of ", "bis ende ", "ende ", "fin de ", "fin ", "finales de ",
                        "final de ", "eind ", "einde ", "fine "]
        for prefix in prefixes where lowered.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            // A fiscal period too: writing it alone brings the fiscal-year-start message.
            guard Period.read(rest, fiscalYearStart: nil) != nil else { return nil }
            return rest
        }
        return nil
    }

    /// A list of names where a map of yes-or-no fields is wanted, as a security register
    /// lists controls (`security: [MFA, encryption at rest, daily backups]`): the items
    /// that name a boolean field of the map (in any case, spaces or hyphens for `_`) are
    /// that field set true; the others go in an extra field. nil when no item names one.
    private static func namedFlags(_ l: ListValue, field: FieldSchema?) -> String? {
        guard let fields = field?.fields, !l.items.isEmpty else { return nil }
        var set: [String] = [], rest: [String] = []
        for item in l.items.prefix(20) {
            guard case .string(let text) = item else { return nil }
            let key = text.lowercased().trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            if let f = fields.first(where: { $0.type.shape == .bool && ($0.name == key || $0.synonyms.contains(key)) }) {
                if !set.contains(f.name) { set.append(f.name) }
            } else {
                rest.append(text)
            }
        }
        guard !set.isEmpty else { return nil }
        let map = "`{ " + set.map { "\($0): true" }.joined(separator: ", ") + " }`"
        let others = rest.prefix(3).map { clip($0) }.joined(separator: ", ") + (rest.count > 3 ? ", …" : "")
        return "a list of what is in place is not a map: write each as its field, \(map)"
            + (rest.isEmpty ? "" : ", and the rest (\(others)) as the fields that record them or in an extra field such as `notes:`")
    }

    /// A list of `{ name, target }` items written as one map from names to targets
    /// (`kpis: { conversion rate: 2.5%, NPS: 40 }`): each entry is an item. Wrapping the
    /// map in brackets would make one item with neither field.
    private static func namedTargets(_ map: MapValue, field: FieldSchema?) -> String? {
        guard let fields = field?.fields.map(\.name), fields.contains("name"), fields.contains("target"), map.count > 0,
              !map.keys.contains(where: { fields.contains($0.displayText) }),
              map.values.allSatisfy({ if case .map = $0 { false } else if case .list = $0 { false } else { true } }) else { return nil }
        let first = (0..<min(2, map.count)).map { "{ name: \(flow(map.keys[$0].displayText)), target: \(flow(map.values[$0].displayText)) }" }
        return "a map of names to targets is not a list: write each as an item, `[\(first.joined(separator: ", "))\(map.count > 2 ? ", …" : "")]`"
    }

    /// A list written as a map keyed by its items' names, as docker-compose keys its
    /// services: `goals: { grow-sales: { title: … } }` is a list of goals whose ids are
    /// the keys; `consulted: { unions: meeting }` a list of names with a note on each.
    private static func keyedItems(_ map: MapValue, _ expected: FieldType, field: FieldSchema?) -> String? {
        guard map.count > 0, let field, expected.shape == .list, let item = expected.item else { return nil }
        let names = map.keys.prefix(2).map { flow($0.displayText) }
        let more = map.count > 2 ? ", …" : ""
        if item.allowsMap, !field.fields.isEmpty {
            let itemFields = Set(field.fields.map(\.name))
            guard !map.keys.contains(where: { itemFields.contains($0.displayText) }),
                  map.values.allSatisfy({ if case .map = $0 { true } else { false } }) else { return nil }
            let first = names[0]
            // The key is the item's id, or its name where items have no id (a KPI).
            if let key = ["id", "name"].first(where: itemFields.contains),
               !map.values.contains(where: { if case .map(let m) = $0 { m.value(forField: key) != nil } else { false } }) {
                return "a map keyed by \(key) is not a list: write each entry as an item that carries its \(key), `- \(key): \(first)` in place of `\(first):`, its fields under it"
            }
            return "a map of items is not a list: write each entry as an item, its key `\(first):` dropped and `- ` before its first field"
                + " (keep the key in an extra field such as `name:` if it says something)"
        }
        if item.shape == .string || item.shape == .union && item.alternatives.contains(where: { $0.shape == .string }) {
            let notes = map.values.contains { if case .null = $0 { false } else { true } }
            return "a list takes the names alone: write `[\(names.joined(separator: ", "))\(more)]`"
                + (notes ? "; keep what the map says of each in an extra field" : "")
        }
        return nil
    }

    /// Whether `[map]` is a list the field takes: its items may be maps, and `map` is
    /// one (it has an item's field, or the items have none declared).
    private static func itemIsThisMap(_ map: MapValue, _ expected: FieldType, field: FieldSchema?) -> Bool {
        guard expected.shape == .list, let item = expected.item else { return true }
        guard item.allowsMap else { return false }
        guard let fields = field?.fields, !fields.isEmpty else { return true }
        return map.keys.contains { key in fields.contains { $0.name == key.displayText } }
    }

    /// `text` as a value in a flow mapping: plain where YAML reads it back as the same
    /// string, else double-quoted.
    private static func flow(_ text: String) -> String {
        let text = clip(text)
        // Anywhere, these end or break a flow scalar; at the start, these begin another token.
        let special = ",:[]{}#\"\\", opening = "-?&*!|>'%@` "
        if let first = text.unicodeScalars.first, !opening.unicodeScalars.contains(first), text.last != " ",
           !text.unicodeScalars.contains(where: { special.unicodeScalars.contains($0) || $0.value < 0x20 }),
           case .string = ScalarResolver.resolve(plain: text) {
            return text
        }
        return ScalarQuoting.doubleQuoted(text)
    }

    /// The `id` of a map (an item written `{ id: crm, … }` where a name is wanted).
    private static func idOf(_ value: Value) -> Value? {
        guard case .map(let m) = value else { return nil }
        return m.value(forField: "id")
    }

    /// The outermost type names of `type`: a union's alternatives, `list` for any list.
    private static func alternatives(_ type: FieldType) -> [String] {
        switch type.shape {
        case .union: return type.alternatives.flatMap(alternatives)
        case .list: return ["list"]
        default: return [type.description]
        }
    }
}
