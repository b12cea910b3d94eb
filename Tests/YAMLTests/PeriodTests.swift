import Testing
import YAML

/// Deadlines as strategies write them (issue 17): each period is read as its last day.
@Suite("Periods")
struct PeriodTests {
    @Test(arguments: [
        ("2027-06", "2027-06-30"), ("2028-02", "2028-02-29"), ("2027-Q2", "2027-06-30"), ("2027 q4", "2027-12-31"),
        ("Q1 2027", "2027-03-31"), ("Q3-2027", "2027-09-30"), ("2027", "2027-12-31"),
        ("2027-H1", "2027-06-30"), ("H2 2027", "2027-12-31"), ("h1-2028", "2028-06-30"),
        ("Dec 2026", "2026-12-31"), ("December 2026", "2026-12-31"), ("feb 2028", "2028-02-29"), ("2027 Sept", "2027-09-30"),
        ("Jun-2027", "2027-06-30"), ("MAY 2027", "2027-05-31"),
        // Trimestre and semestre, as French, Spanish and Portuguese plans write them.
        ("T4 2027", "2027-12-31"), ("2027-T1", "2027-03-31"), ("S1 2028", "2028-06-30"), ("s2-2027", "2027-12-31"),
    ])
    func calendarPeriods(_ text: String, _ last: String) {
        #expect(Period.read(text, fiscalYearStart: nil) == .lastDay(CivilDate(iso: last)!))
    }

    /// A fiscal year is named by the calendar year it ends in.
    @Test func fiscalYears() {
        #expect(Period.read("FY2027", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2027-03-31")!))
        #expect(Period.read("fy 2027", fiscalYearStart: 10) == .lastDay(CivilDate(iso: "2027-09-30")!))
        #expect(Period.read("FY2027", fiscalYearStart: 1) == .lastDay(CivilDate(iso: "2027-12-31")!))
        #expect(Period.read("FY2027", fiscalYearStart: nil) == .needsFiscalYearStart)
        // Two digits, as decks write it: FY27 is FY2027.
        #expect(Period.read("FY27", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2027-03-31")!))
        #expect(Period.read("FY 27", fiscalYearStart: 7) == .lastDay(CivilDate(iso: "2027-06-30")!))
        // Both calendar years it spans, as British, Australian and Indian budgets write it:
        // named by the second.
        #expect(Period.read("FY2027/28", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2028-03-31")!))
        #expect(Period.read("FY 2027-28", fiscalYearStart: 7) == .lastDay(CivilDate(iso: "2028-06-30")!))
        #expect(Period.read("fy27/28", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2028-03-31")!))
        #expect(Period.read("FY2027/2028", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2028-03-31")!))
        #expect(Period.read("FY2099/00", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2100-03-31")!))
        #expect(Period.read("FY2027/28", fiscalYearStart: nil) == .needsFiscalYearStart)
    }

    /// A quarter or half of a fiscal year, counted from the year's start, either way round.
    @Test func fiscalQuarters() {
        // FY2027 starting in April runs from 2026-04-01 to 2027-03-31.
        #expect(Period.read("Q4 FY27", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2027-03-31")!))
        #expect(Period.read("FY27 Q1", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2026-06-30")!))
        #expect(Period.read("fy2027-q3", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2026-12-31")!))
        #expect(Period.read("H1 FY2026/27", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2026-09-30")!))
        #expect(Period.read("Q2 FY 2028", fiscalYearStart: 7) == .lastDay(CivilDate(iso: "2027-12-31")!))
        // A fiscal year that is the calendar year: Q4 FY27 is Q4 2027.
        #expect(Period.read("Q4 FY27", fiscalYearStart: 1) == .lastDay(CivilDate(iso: "2027-12-31")!))
        #expect(Period.read("Q1 FY27", fiscalYearStart: 1) == .lastDay(CivilDate(iso: "2027-03-31")!))
        #expect(Period.read("Q4 FY27", fiscalYearStart: nil) == .needsFiscalYearStart)
        // Trimestre and semestre of a fiscal year, as of a calendar one.
        #expect(Period.read("T4 FY27", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2027-03-31")!))
        #expect(Period.read("FY27 S1", fiscalYearStart: 4) == .lastDay(CivilDate(iso: "2026-09-30")!))
        for text in ["Q5 FY27", "H3 FY27", "Q0 FY27", "Q4 FY", "Q4FY27", "Q4 - FY27", "FY27 Q4 2027", "FY27/29 Q1", "Q FY27",
                     // A part of a part is none: read once, not again and again.
                     "FY27 Q4 Q4", "Q1 Q4 FY27", "FY27" + String(repeating: " Q4", count: 100_000)] {
            #expect(Period.read(text, fiscalYearStart: 4) == nil, "\(text.prefix(20))")
        }
    }

    @Test(arguments: ["2027-13", "2027-Q5", "Q0 2027", "next spring", "27", "2027-06-31T", "", "FY7", "FY027", "2027-6", "H3 2027",
                      "H0 2027", "Q1 H1", "T5 2027", "S3 2027", "T0 2027", "Decem 2026", "Dec 26", "Dec", "2026/12/31", "31.12.2026", "12/2026", "end of 2026", "Sep 2026 Q1",
                      // Split fiscal years whose second year does not follow the first, or unfinished.
                      "FY2027/29", "FY2027/27", "FY2027/2029", "FY2027/", "FY/28", "FY2027/28/29", "FY2027/028", "2027/28"])
    func notPeriods(_ text: String) {
        #expect(Period.read(text, fiscalYearStart: 4) == nil)
    }
}
