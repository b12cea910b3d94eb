import Foundation
@testable import Reporters
import Testing
import YAML

/// The JSON Schemas' pattern for a period lets an editor accept what stratlint reads
/// (``Period``) and flag the rest, on the forms people write.
@Suite("Period pattern")
struct PeriodPatternTests {
    static let texts = [
        "2027-06", "2027-Q2", "2027 q4", "Q1 2027", "Q3-2027", "2027", "2027-H1", "H2 2027", "h1-2028", "Dec 2026", "December 2026",
        "feb 2028", "2027 Sept", "Jun-2027", "MAY 2027", "FY2027", "fy 2027", "FY27", "FY 27", "FY-2027", "2027 - Q2",
        "2027-Q5", "Q0 2027", "next spring", "27", "FY7", "FY027", "H3 2027", "Decem 2026", "Dec 26", "Dec", "2026/12/31",
        "31.12.2026", "12/2026", "end of 2026", "2027Q2", "Q1 H1", "Sep 2026 Q1", "FY2027/28", "FY 2027-28", "fy27/28",
        "FY2027/", "2027/28", "FY2027/028",
        "Q4 FY27", "FY27 Q1", "FY2026/27-H1", "q2 fy2028", "H2  FY 2027", "Q5 FY27", "Q4 FY", "Q4FY27", "Q4 - FY27", "FY27 Q4 2027", "H3 FY27", "T4 2027", "2027-S1", "T5 2027", "S3 2027", "T4 FY27", "FY27 Q4 Q4",
    ]
    /// A regular expression cannot add one to a year: these pass the editor's check and are
    /// `wrong-type` in stratlint, whose message says why.
    static let patternCannotCount = ["FY2027/29", "FY27/27"]

    @Test func theEditorAcceptsWhatStratlintReads() throws {
        let regex = try NSRegularExpression(pattern: KindSchemaJSON.periodPattern)
        var accepted = 0
        for text in Self.texts {
            let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            let reads = Period.read(text, fiscalYearStart: 4) != nil
            #expect(matches == reads, "\(text): pattern \(matches), Period \(reads)")
            if reads { accepted += 1 }
        }
        #expect(accepted == 32)
        for text in Self.patternCannotCount {
            #expect(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil, "\(text)")
            #expect(Period.read(text, fiscalYearStart: 4) == nil, "\(text)")
        }
        // A date matches too (the field takes one).
        #expect(regex.firstMatch(in: "2027-06-30", range: NSRange(location: 0, length: 10)) != nil)
    }
}
