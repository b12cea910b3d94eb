/// A period as strategies write a deadline (model.md, "Periods"): a month (`2027-06`), a
/// quarter (`2027-Q2`, `Q2 2027`), a year (`2027`) or a fiscal year (`FY2027`, named by
/// the calendar year it ends in). A deadline that is a period means its last day.
/// Quarters are calendar quarters. Built on ``CivilDate``: the one date parser.
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
        func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.utf8.count <= 4, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(s)
        }
        func year(_ s: Substring) -> Int? { s.utf8.count == 4 ? number(s) : nil }
        // YYYY-MM
        if u.count == 7, u[4] == UInt8(ascii: "-"), let y = year(t.prefix(4)[...]), let m = number(t.suffix(2)[...]), (1...12).contains(m) {
            return lastDay(year: y, month: m).map(Reading.lastDay)
        }
        // YYYY-Qn, YYYY Qn, Qn YYYY, Qn-YYYY
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == " " })
        if parts.count == 2 {
            let (a, b) = (parts[0], parts[1])
            let quarter: (Int, Int)? = {
                if let y = year(a), b.count == 2, b.first == "Q", let q = number(b.dropFirst()) { return (y, q) }
                if let y = year(b), a.count == 2, a.first == "Q", let q = number(a.dropFirst()) { return (y, q) }
                return nil
            }()
            if let (y, q) = quarter {
                guard (1...4).contains(q) else { return nil }
                return lastDay(year: y, month: q * 3).map(Reading.lastDay)
            }
            if a == "FY", let y = year(b) { return fiscal(y, fiscalYearStart) }
        }
        // FYYYYY
        if parts.count == 1, t.hasPrefix("FY"), let y = year(t.dropFirst(2)) { return fiscal(y, fiscalYearStart) }
        // YYYY
        if parts.count == 1, let y = year(t[...]) { return lastDay(year: y, month: 12).map(Reading.lastDay) }
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
