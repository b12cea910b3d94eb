/// A period as strategies write a deadline (model.md, "Periods"): a month (`2027-06`,
/// `Jun 2027`, `June 2027`), a quarter (`2027-Q2`, `Q2 2027`, `T2 2027`), a half-year
/// (`2027-H1`, `H1 2027`, `S1 2027`), a year (`2027`) or a fiscal year (`FY2027`, `FY27`,
/// `FY2027/28`, named by the calendar year it ends in), or a quarter or half of one
/// (`Q4 FY27`, `FY2027 H1`). A deadline that is a period means its last day. Other
/// quarters and halves are calendar ones. Built on ``CivilDate``: the one date parser.
public enum Period {
    public enum Reading: Equatable, Sendable {
        /// The period's last day.
        case lastDay(CivilDate)
        /// A fiscal year, with no fiscal-year start configured to place it.
        case needsFiscalYearStart
    }

    /// The last day of the period `text` names, or nil when it names none. `fiscalYearStart`
    /// is the month (1–12) a fiscal year starts in; a fiscal year without one is
    /// ``Reading/needsFiscalYearStart``.
    public static func read(_ text: String, fiscalYearStart: Int?) -> Reading? {
        let t = text.uppercased().split(whereSeparator: { $0 == " " }).joined(separator: " ")
        let u = Array(t.utf8)
        // YYYY-MM
        if u.count == 7, u[4] == UInt8(ascii: "-"), let y = year(t.prefix(4)[...]), let m = number(t.suffix(2)[...]), (1...12).contains(m) {
            return lastDay(year: y, month: m).map(Reading.lastDay)
        }
        // Q4 FY27, FY27 Q4, FY2026/27-Q3, H1 FY2027: a quarter or half of a fiscal year,
        // counted from its start; it ends 3 (or 6) months before the year does.
        if let (written, fiscalYear) = fiscalPart(t) {
            guard let part = Part(written), let reading = self.fiscalYear(fiscalYear, fiscalYearStart) else { return nil }
            guard case .lastDay(let end) = reading else { return reading }
            let (year, month, _) = end.components
            let months = year * 12 + (month - 1) - (12 - part.lastMonth)
            return lastDay(year: months / 12, month: months % 12 + 1).map(Reading.lastDay)
        }
        if t.hasPrefix("FY") { return fiscalYear(t[...], fiscalYearStart) }
        // YYYY-Qn, YYYY Qn, Qn YYYY, Qn-YYYY; the same with Hn (and Tn, Sn); a month's name and YYYY
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == " " })
        if parts.count == 2 {
            let (a, b) = (parts[0], parts[1])
            // The year and the other part, in either order.
            if let (y, other) = year(a).map({ ($0, b) }) ?? year(b).map({ ($0, a) }) {
                if let part = Part(other) { return lastDay(year: y, month: part.lastMonth).map(Reading.lastDay) }
                if Part.isOne(other) { return nil }  // `Q5 2027`
                if let m = month(named: other) { return lastDay(year: y, month: m).map(Reading.lastDay) }
            }
        }
        // YYYY
        if parts.count == 1, let y = year(t[...]) { return lastDay(year: y, month: 12).map(Reading.lastDay) }
        return nil
    }

    /// A quarter or half of a year: `Q1`–`Q4` and `H1`–`H2`, and as French, Spanish and
    /// Portuguese plans write them, `T1`–`T4` (trimestre) and `S1`–`S2` (semestre).
    private struct Part {
        /// The month of the year (1–12) it ends with, counted from the year's start.
        let lastMonth: Int

        init?(_ s: Substring) {
            guard Self.isOne(s), let n = number(s.dropFirst()) else { return nil }
            let (length, count) = s.first == "Q" || s.first == "T" ? (3, 4) : (6, 2)
            guard (1...count).contains(n) else { return nil }
            lastMonth = n * length
        }

        /// Whether `s` is written as one (a letter and a digit), whatever its number.
        static func isOne(_ s: Substring) -> Bool {
            s.utf8.count == 2 && "QTHS".contains(s.first ?? " ") && s.last?.isASCII == true && s.last?.isNumber == true
        }
    }

    /// FY2027, FY 2027, FY27; FY2027/28, FY 2027-28, FY27/28: a fiscal year written by the
    /// two calendar years it spans is named by the second, which must follow the first.
    /// A year's number is four digits, or two (FY27 is FY2027).
    private static func fiscalYear(_ t: Substring, _ start: Int?) -> Reading? {
        guard t.hasPrefix("FY") else { return nil }
        func fiscalYear(_ s: Substring) -> Int? { year(s) ?? (s.utf8.count == 2 ? number(s).map { 2000 + $0 } : nil) }
        let halves = t.dropFirst(2).drop(while: { $0 == " " || $0 == "-" })
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" })
        guard let first = halves.first.flatMap(fiscalYear) else { return nil }
        switch halves.count {
        case 1: return fiscal(first, start)
        case 2:
            let (second, digits) = (number(halves[1]), halves[1].utf8.count)
            let follows = digits == 4 ? second == first + 1 : digits == 2 && second == (first + 1) % 100
            return follows ? fiscal(first + 1, start) : nil
        default: return nil
        }
    }

    private static func number(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 4, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(s)
    }

    private static func year(_ s: Substring) -> Int? { s.utf8.count == 4 ? number(s) : nil }

    /// A quarter or half (``Part``, as written) and the fiscal year it is part of, either
    /// way round (`Q4 FY27`, `FY27 Q4`, `FY27-Q4`); nil unless the other part starts with
    /// `FY`. Not read again: `FY27 Q4 Q4` is no fiscal year's part.
    private static func fiscalPart(_ t: String) -> (Substring, Substring)? {
        if t.hasPrefix("FY"), t.utf8.count > 5 {
            let part = t.suffix(2), before = t.dropLast(2)
            if Part.isOne(part), before.last == " " || before.last == "-" { return (part, before.dropLast()) }
        } else if t.utf8.count > 5 {
            let part = t.prefix(2), after = t.dropFirst(2)
            if Part.isOne(part), after.first == " " || after.first == "-", after.dropFirst().hasPrefix("FY") { return (part, after.dropFirst()) }
        }
        return nil
    }

    /// The month an English name or its abbreviation (upper case) names: `JUN`, `JUNE`,
    /// `SEPT`.
    public static func month(named name: Substring) -> Int? {
        let names = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]
        for (i, full) in names.enumerated() where name == full || name == full.prefix(3) || (i == 8 && name == "SEPT") {
            return i + 1
        }
        return nil
    }

    /// The last day of fiscal year `year` (the calendar year it ends in).
    private static func fiscal(_ year: Int, _ start: Int?) -> Reading? {
        guard let start, (1...12).contains(start) else { return .needsFiscalYearStart }
        // A year starting in January ends in December; one starting in April, in March.
        let endMonth = start == 1 ? 12 : start - 1
        return lastDay(year: year, month: endMonth).map(Reading.lastDay)
    }

    private static func lastDay(year: Int, month: Int) -> CivilDate? {
        guard year >= 1 else { return nil }
        return CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
    }
}
