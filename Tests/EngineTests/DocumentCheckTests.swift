@testable import Engine
import Foundation
import RuleCompiler
import RuleLanguage
import Testing
import TestSupport
import YAML

/// Documents checked against their kind's schema before rules run (issue 16): a small
/// firm's strategy and inventory written by hand, with the mistakes new users make.
@Suite("Document check (schemas)")
struct DocumentCheckTests {
    static func firm() throws -> Report {
        let (report, problems) = check(["schema/firm"])
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        return try #require(report)
    }

    static func finding(_ report: Report, _ rule: String, line: Int, _ file: String) throws -> Finding {
        try #require(report.findings.first { $0.ruleID == rule && $0.range?.start.line == Int32(line) && $0.file.hasSuffix(file) },
                     "no \(rule) at \(file):\(line)")
    }

    static func span(_ f: Finding) -> [Int32] {
        [f.range?.start.line ?? 0, f.range?.start.column ?? 0, f.range?.end.column ?? 0]
    }

    @Test func golden() throws {
        expectGolden(described(try Self.firm(), relativeTo: "fixtures/schema/firm"), at: Repository.fixture("schema/firm/expected.txt"))
    }

    /// The fixes that leave no doubt travel with their findings, for the editor's quick
    /// fixes; the others carry none.
    @Test func certainReplacements() throws {
        let report = try Self.firm()
        #expect(try Self.finding(report, "wrong-type", line: 13, "inventory.yaml").replacement == "true")
        #expect(try Self.finding(report, "misspelt-field", line: 17, "strategy.yaml").replacement == "deadline")
        #expect(try Self.finding(report, "wrong-type", line: 23, "inventory.yaml").replacement == nil)
        #expect(try Self.finding(report, "dangling-reference", line: 34, "strategy.yaml").replacement == nil)
        #expect(DocumentWalk.plainScalar("grow-online-sales") == "grow-online-sales")
        for unsafe in ["yes", "null", "12", "-x", "a b", "a: b", "#x", ".5"] { #expect(DocumentWalk.plainScalar(unsafe) == nil, "\(unsafe)") }
    }

    /// Every dangling reference, list item or single value, at its exact span.
    @Test func danglingReferencesAtTheirValues() throws {
        let report = try Self.firm()
        let system = try Self.finding(report, "dangling-reference", line: 34, "strategy.yaml")
        #expect(Self.span(system) == [34, 9, 21])
        #expect(system.message == "`systems` of initiative 'online-quoting' names 'ghost-system', which is not a system")
        let kpi = try Self.finding(report, "dangling-reference", line: 40, "strategy.yaml")
        #expect(Self.span(kpi) == [40, 15, 27])
        #expect(kpi.message.contains("`goal` of KPI 'quotes sent within 2 days' names 'no-such-goal'"))
        let supports = try Self.finding(report, "dangling-reference", line: 21, "inventory.yaml")
        #expect(Self.span(supports) == [21, 16, 28])
        // The missing system is not also reported as a system without integration.
        #expect(!report.findings.contains { $0.ruleID == "initiative-system-not-integrated" })
    }

    /// A wrong-typed value: one finding at the value, read as absent by every rule, and
    /// no "could not be evaluated" warning from a built-in rule.
    @Test func wrongTypeReadsAsAbsent() throws {
        let report = try Self.firm()
        let security = try Self.finding(report, "wrong-type", line: 23, "inventory.yaml")
        #expect(Self.span(security) == [23, 15, 36])
        #expect(security.message.contains("should be a map, not a string ('see the ISMS register')"))
        let missing = Set(report.findings.filter { $0.range?.start.line == 23 && $0.file.hasSuffix("inventory.yaml") }.map(\.ruleID))
        #expect(missing.isSuperset(of: ["sensitive-system-without-mfa", "sensitive-system-without-encryption-at-rest",
                                        "sensitive-system-audit-overdue", "system-without-backups"]))
        #expect(report.ruleProblems.isEmpty, "\(report.ruleProblems.map(\.message))")
    }

    @Test func yamlOneTwoTrapsAreNamed() throws {
        let mfa = try Self.finding(try Self.firm(), "wrong-type", line: 13, "inventory.yaml")
        #expect(mfa.message.hasSuffix("YAML 1.2 reads `yes` as a string, not a boolean: write true"))
        #expect(Self.span(mfa) == [13, 12, 15])
    }

    /// A system named by its `name`, or its id in capitals: the reference is offered
    /// the id (fixtures/schema/names).
    @Test func aReferenceByNameOrCaseIsOfferedTheID() throws {
        let report = try #require(check(["schema/names"]).0)
        let byName = try Self.finding(report, "dangling-integration-endpoint", line: 15, "inventory.yaml")
        #expect(byName.message.hasSuffix("names 'Salesforce CRM', which is not a system; it is the name of system 'crm', and a reference names the id: write 'crm'"))
        #expect(byName.replacement == "crm")
        let byCase = try Self.finding(report, "dangling-integration-endpoint", line: 19, "inventory.yaml")
        #expect(byCase.message.hasSuffix("names 'CRM', which is not a system; did you mean 'crm'?"))
        #expect(byCase.replacement == "crm")
        let fromStrategy = try Self.finding(report, "dangling-reference", line: 5, "strategy.yaml")
        #expect(fromStrategy.message.contains("it is the name of system 'crm'"))
        // A word of one system's name; not a part of a word (`HANA` of `S/4HANA`).
        let byWord = report.findings.filter { $0.ruleID == "dangling-reference" && $0.range?.start.line == 7 }
        #expect(byWord.map(\.replacement) == ["crm", "erp", nil])
        #expect(byWord.first?.message.hasSuffix("names 'Salesforce', which is not a system; it is part of the name of system 'crm' (Salesforce CRM), and a reference names the id: write 'crm'") == true)
        // A goal by its title: goals have titles, not names.
        let byTitle = try Self.finding(report, "dangling-goal-reference", line: 9, "strategy.yaml")
        #expect(byTitle.message.hasSuffix("names 'Grow revenue 10% by 2027', which is not a goal; it is the title of goal 'grow', and a reference names the id: write 'grow'"))
        #expect(byTitle.replacement == "grow")
        // Owners as people write them.
        for (line, written, id) in [(28, "Finance IT", "finance-it"), (29, "@acme/crm-team", "crm-team"), (30, "jane.doe@acme.com", "jane-doe")] {
            let owner = try Self.finding(report, "unknown-owner", line: line, "inventory.yaml")
            #expect(owner.message.hasSuffix("names '\(written)', which is not a declared team or person; did you mean '\(id)'?"))
            #expect(owner.replacement == id)
        }
    }

    /// Teams declared for the systems' owners, and a goal owned by a person: the owner
    /// is unknown, and the message says that no `people` are declared, where to list
    /// one; a team one typo off is asked about instead (fixtures/schema/teams-only).
    @Test func anOwnerWhereOnlyTeamsAreDeclaredIsToldOfPeople() throws {
        let report = try #require(check(["schema/teams-only"]).0)
        let person = try Self.finding(report, "unknown-owner", line: 5, "strategy.yaml")
        #expect(person.message.hasSuffix("names 'director-operations', which is not a declared team or person; "
            + "the model declares `teams` but no `people`: if 'director-operations' is one of the people, list it under `people:`"))
        let typo = try Self.finding(report, "unknown-owner", line: 7, "inventory.yaml")
        #expect(typo.message.hasSuffix("did you mean 'digital-platforms'?"))
        // Where both are declared, an unknown owner is only unknown (fixtures/schema/names).
        let both = try #require(check(["schema/names"]).0)
        #expect(both.findings.contains { $0.ruleID == "unknown-owner" })
        #expect(!both.findings.contains { $0.message.contains("the model declares") })
    }

    /// OKRs' `objectives` and `projects` are another name for `goals` and
    /// `initiatives`: each key is reported once, and a reference to an id under one
    /// says so (fixtures/schema/okr).
    @Test func okrKeysAreNamedWithTheirFields() throws {
        let report = try #require(check(["schema/okr"]).0)
        let objectives = try Self.finding(report, "misspelt-field", line: 6, "okrs.yaml")
        #expect(objectives.message.contains("has `objectives`, which is not a field of a Strategy document; the field for it is `goals`"))
        // "No Strategy document defines any goal" is its follow-on: the key takes its severity.
        #expect(objectives.message.hasSuffix("rules read no `goals` until then (strategy-without-goals)"))
        #expect(objectives.severity == .error)
        #expect(!report.findings.contains { $0.ruleID == "strategy-without-goals" })
        let projects = try Self.finding(report, "misspelt-field", line: 10, "okrs.yaml")
        #expect(projects.message.contains("the field for it is `initiatives`"))
        let supports = try Self.finding(report, "dangling-reference", line: 20, "okrs.yaml")
        #expect(supports.message.hasSuffix("names 'delight-customers', which is not a goal; it is an id under `objectives`, which stratlint reads only as `goals`: rename that key"))
    }

    @Test func misspeltKeyIsNamedWithTheField() throws {
        let report = try Self.firm()
        let typo = try Self.finding(report, "misspelt-field", line: 17, "strategy.yaml")
        #expect(Self.span(typo) == [17, 5, 12])
        #expect(typo.message.hasSuffix("did you mean `deadline`? Rules read no `deadline` until then (goal-without-deadline)"))
    }

    /// The hints for each YAML slip, and none where nothing is likely.
    @Test(arguments: [
        (Value.string("no"), "bool", "write false"),
        (.string("120000"), "number", "write 120000 without quotes"),
        (.string("120k"), "number", "write the amount in digits alone, 120000"),
        (.string("£1.2m"), "number", "write the amount in digits alone, 1200000; the currency goes once in the Strategy's `budget: { currency: … }`"),
        (.string("1,5 Mio"), "number", "without units or separators"),
        (.string("2027-12-31T10:00:00Z"), "date", "write the day alone, 2027-12-31"),
        (.string("2027-12-31 10:00"), "date", "write the day alone, 2027-12-31"),
        (.string("2027-12-31 (revisado)"), "period", "the text after the date is not part of it: write the day alone, 2027-12-31"),
        // A month's name in German, French, Spanish, Italian, Dutch or Portuguese.
        (.string("Dezember 2027"), "period", "write the month as 2027-12"), (.string("31 de diciembre de 2027"), "date", "write the day as 2027-12-31"),
        (.string("1er décembre 2027"), "period", "write the day as 2027-12-01"), (.string("maart 2027"), "date", "write the day as YYYY-MM-DD"),
        (.string("2027-02-30"), "date", "no such day"),
        (.string("31/12/2027"), "date", "write the day as YYYY-MM-DD, 2027-12-31"),
        (.string("by the end of Q3 2027"), "period", "write the period alone, `Q3 2027`: a deadline is its last day"),
        (.string("12/31/2027"), "period", "write the day as YYYY-MM-DD, 2027-12-31"),
        (.string("31.12.2027"), "date", "write the day as YYYY-MM-DD, 2027-12-31"),
        (.string("01/02/2027"), "period", "is 2027-02-01 read day first (most of the world) and 2027-01-02 read month first (the US)"),
        (.string("goal-a"), "list of string", "`[goal-a]`"),
        (.string("enforced"), "bool", "'enforced' says true: write true"), (.string("for admins only"), "bool", "write true or false"),
        (.string("Not enforced"), "bool", "says false: write false"), (.string("AES-256"), "bool", "write true or false"),
        (.string("March 2026"), "date", "write the day as YYYY-MM-DD"),
        // Written one way only: the year first, a month's name, a period with a slash.
        (.string("2027/12/31"), "period", "write the day as YYYY-MM-DD, 2027-12-31"),
        (.string("31 Dec 2027"), "period", "write the day as YYYY-MM-DD, 2027-12-31"),
        (.string("December 31, 2027"), "date", "write the day as YYYY-MM-DD, 2027-12-31"),
        (.string("Sept 3rd 2027"), "date", "write the day as YYYY-MM-DD, 2027-09-03"),
        (.string("Q4/2027"), "period", "write the period as `Q4 2027`"),
        (.string("Ende 2027"), "period", "write the period alone, `2027`"),
        (.string("fin T4 2027"), "period", "write the period alone, `T4 2027`"), (.string("fin du T4"), "period", "write a date"),
        (.string("12/2027"), "period", "write the period as `2027-12`"),
        (.string("Q4/27"), "period", "write the period as `Q4 2027`"), (.string("4Q 2027"), "period", "write the period as `Q4 2027`"),
        (.string("H2 '27"), "period", "write the period as `H2 2027`"), (.string("EOY 2027"), "period", "write the period as `2027`"),
        (.string("2027-6"), "period", "write the period as `2027-06`"), (.string("Dec-27"), "period", "write a date"),
        (.int(2026), "date", "a year is not a date"), (.int(20271231), "period", "write the day as YYYY-MM-DD, 2027-12-31"),
        (.string("30-06-2027"), "period", "write the day as YYYY-MM-DD, 2027-06-30"),
        (.list([.string("a"), .string("b")]), "string", "write one value"),
    ])
    func hints(value: Value, type: String, expected: String) throws {
        let t = try #require(FieldType.parse(type))
        let hint = try #require(TypeHints.hint(value, t))
        #expect(hint.contains(expected), "\(hint)")
    }

    /// Amounts as plans write them, read where the writing leaves no doubt; a plain
    /// number, a decimal comma alone and a single `.` that may group thousands are not read.
    @Test(arguments: [
        ("£1.2m", "1200000", true), ("€300k", "300000", true), ("120,000 EUR", "120000", true), ("USD 2.5 million", "2500000", true),
        ("1 200 000", "1200000", false), ("$1,250,000.50", "1250000.5", true), ("2.75bn", "2750000000", false), ("45K", "45000", false),
        ("CHF 90000", "90000", true), ("0.5m", "500000", false),
        // Thousands grouped the continental way, where two separators or a `'` leave one reading.
        ("2.400.000", "2400000", false), ("2.400.000,50 €", "2400000.5", true), ("CHF 2'400'000", "2400000", true), ("1’250’000", "1250000", false),
    ])
    func amounts(text: String, digits: String, currency: Bool) {
        #expect(WrittenAmount.read(text) == WrittenAmount.Read(digits: digits, currency: currency))
        #expect(TypeHints.replacement(.string(text), .number) == digits)
    }

    /// `3_200_000`, a number to YAML 1.1 (PyYAML) and a string to YAML 1.2: the hint says
    /// so, and the quick fix writes the digits; `_` anywhere else is text.
    @Test func digitsWithUnderscores() throws {
        #expect(TypeHints.replacement(.string("3_200_000"), .number) == "3200000")
        #expect(TypeHints.replacement(.string("-1_000.25"), .number) == "-1000.25")
        #expect(try #require(TypeHints.hint(.string("850_000"), .number)).hasPrefix("YAML 1.2 reads `850_000` as a string, not a number"))
        for text in ["_100", "100_", "1__000", "1_000.", "a_100", "1_000_k", "_"] {
            #expect(TypeHints.withoutDigitUnderscores(text) == nil, "\(text)")
        }
        #expect(TypeHints.replacement(.string("3_200_000"), .string) == nil)
    }

    @Test(arguments: ["120000", "2.5", "€1.200", "1,5", "12,34,567", "6 weeks", "lots", "1,200.000", "k", "€", "TBD k",
                      "1.20.000", "1.200.00", "31.12.2027", "1'2", "12'34", "1.200.000,", "1.200.000.5", "'000"])
    func notAmounts(text: String) {
        #expect(WrittenAmount.read(text) == nil, "\(text)")
    }

    /// Dates and periods that read one way only are offered as the editor's quick fix;
    /// two numbers that could be day or month are not.
    @Test func writtenDatesAndPeriods() {
        #expect(TypeHints.replacement(.string("31 Dec 2027"), .date) == "2027-12-31")
        #expect(TypeHints.replacement(.string("Q4/2027"), FieldType.parse("period") ?? .any) == "Q4 2027")
        #expect(TypeHints.replacement(.string("13/2027"), FieldType.parse("period") ?? .any) == nil)
        #expect(TypeHints.writtenDay("31 Dec") == nil && TypeHints.writtenDay("Dec Jan 2027") == nil && TypeHints.writtenDay("32 Dec 2027") == nil)
        #expect(TypeHints.replacement(.string("31. Dezember 2027"), .date) == "2027-12-31")
        #expect(TypeHints.replacement(.int(20271231), .date) == "2027-12-31" && TypeHints.replacement(.int(20271331), .date) == nil)
        #expect(TypeHints.replacement(.string("4Q27"), FieldType.parse("period") ?? .any) == "Q4 2027")
        // `no later than`, `at the latest`, and `by` a day: unambiguous; `by 2027` is not (its start?).
        let period = FieldType.parse("period") ?? .any
        #expect(TypeHints.replacement(.string("Q2 2028 at the latest"), period) == "Q2 2028")
        #expect(TypeHints.replacement(.string("no later than 2027-12-31"), period) == "2027-12-31")
        #expect(TypeHints.hint(.string("by 2027-12-31"), period) == "write the day alone, 2027-12-31")
        #expect(TypeHints.replacement(.string("by 2027"), period) == nil)
        #expect(TypeHints.replacement(.string("by Q2 2028"), period) == nil)
        for text in ["Q5 2027", "H3 27", "Q4 2O27", "EOY", "Q4", "2027-13", "Dec-27"] { #expect(TypeHints.shorthandPeriod(text) == nil, "\(text)") }
        #expect(TypeHints.replacement(.string("diciembre de 2027"), FieldType.parse("period") ?? .any) == "2027-12")
        #expect(TypeHints.replacement(.string("diciembre 2027"), .date) == nil, "a month is no day")
        for text in ["30 février 2027", "Dezember", "Dezember 27", "mai mai 2027", "sometime in mai 2027"] {
            #expect(ForeignDates.read(text) == nil, "\(text)")
        }
        #expect(!TypeHints.beginsWithTime("(revised)") && TypeHints.beginsWithTime("9:30") && !TypeHints.beginsWithTime("930"))
    }

    /// Text pasted from a word processor or a web page: the did-you-mean names what does
    /// not show, or passes for ASCII, since the two strings look alike.
    @Test func unseenCharactersAreNamed() {
        #expect(ReferenceResolver.unseen(in: "cut\u{200B}-costs", notIn: "cut-costs") == "it holds U+200B ZERO WIDTH SPACE, which passes for an ASCII character or does not show")
        #expect(ReferenceResolver.unseen(in: "\u{2018}cio\u{2019}\u{A0}", notIn: "cio")?.contains("U+2018 LEFT SINGLE QUOTATION MARK, U+2019 RIGHT SINGLE QUOTATION MARK, U+00A0 NO-BREAK SPACE") == true)
        #expect(ReferenceResolver.unseen(in: "grow\u{2013}sales", notIn: "grow-sales")?.contains("U+2013 EN DASH") == true)
        #expect(ReferenceResolver.unseen(in: "Çrm", notIn: "crm") == nil, "a letter shows")
        #expect(ReferenceResolver.unseen(in: "grow-sales", notIn: "grow-sale") == nil)
    }

    /// `review: quarterly`: the word is a value of one of the map's fields, and the hint
    /// and the quick fix write that field; a text no field takes gets the map's shape.
    @Test func aWordOfOneFieldIsWrittenAsThatField() {
        let at = SourceRange(file: FileID(0), start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
        let review = FieldSchema(name: "review", type: .map, fields: [
            FieldSchema(name: "cadence", type: .string, values: ["monthly", "quarterly"], aliases: ["vierteljährlich": "quarterly"], range: at),
            FieldSchema(name: "last_reviewed", type: .date, range: at),
        ], range: at)
        #expect(TypeHints.hint(.string("Quarterly"), .map, field: review) == "`Quarterly` is a value of its field `cadence`: write `{ cadence: Quarterly }`")
        #expect(TypeHints.replacement(.string("Vierteljährlich"), .map, field: review) == "{ cadence: Vierteljährlich }")
        #expect(TypeHints.replacement(.string("every board meeting"), .map, field: review) == nil)
        #expect(TypeHints.hint(.string("every board meeting"), .map, field: review)?.hasPrefix("record the fields as a mapping (`{ cadence: …, last_reviewed: … }`)") == true)
    }

    /// An unknown value of a closed field that names one value as a word is offered it;
    /// one that names two says so; a word that only begins like a value offers nothing.
    @Test func valuesNamedAsWords() {
        let at = SourceRange(file: FileID(0), start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
        let type = FieldSchema(name: "type", type: .string, values: ["it", "digital", "business"], closed: true, range: at)
        let lifecycle = FieldSchema(name: "lifecycle", type: .string, values: ["planned", "active", "retiring", "retired"],
                                    aliases: ["live": "active"], closed: true, range: at)
        #expect(ValueWords.named(in: "Digital transformation", of: type) == .one("digital"))
        #expect(ValueWords.named(in: "IT infrastructure", of: type) == .one("it"))
        #expect(ValueWords.named(in: "IT/Digital", of: type) == .several(["it", "digital"]))
        #expect(ValueWords.named(in: "technology", of: type) == nil)
        #expect(ValueWords.named(in: "Digital", of: type) == nil, "one word: an edit away or not at all")
        #expect(ValueWords.named(in: "live since 2019", of: lifecycle) == .one("active"))
        #expect(ValueWords.named(in: "active, to be retired 2027", of: lifecycle) == .several(["active", "retired"]))
        #expect(ValueWords.named(in: "planned retirement", of: lifecycle) == nil)
    }

    /// `leading-words: true`: a text that begins with a value or an alias, before a
    /// character that is no letter or digit, is read as that value (the longest first).
    @Test func leadingWordsAreReadAsTheirValue() {
        let at = SourceRange(file: FileID(0), start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
        let status = FieldSchema(name: "status", type: .string, values: ["open", "met", "missed"],
                                 aliases: ["achieved": "met", "not met": "missed"], leadingWords: true, range: at)
        #expect(status.spelling(of: "Achieved ✅") == .usual("met"))
        #expect(status.spelling(of: "Done (Q3)") == .unknown)
        #expect(status.spelling(of: "Not met - carried over") == .usual("missed"))
        #expect(status.spelling(of: "met") == .known)
        #expect(status.spelling(of: "Metrics pending") == .unknown)
        #expect(status.spelling(of: "  met, early") == .usual("met"))
        let plain = FieldSchema(name: "status", type: .string, values: ["open", "met"], range: at)
        #expect(plain.spelling(of: "met, early") == .unknown)
    }

    /// `security: [MFA, encryption at rest, daily backups]`: the items that name a
    /// boolean field are written as that field set true, the rest named.
    @Test func aListOfControlsIsWrittenAsFields() {
        let at = SourceRange(file: FileID(0), start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
        let security = FieldSchema(name: "security", type: .map, fields: [
            FieldSchema(name: "mfa", type: .bool, range: at),
            FieldSchema(name: "encryption_at_rest", type: .bool, range: at),
            FieldSchema(name: "last_audit", type: .date, range: at),
        ], range: at)
        let list = ListValue([.string("MFA"), .string("Encryption-at-rest"), .string("daily backups")])
        #expect(TypeHints.hint(.list(list), .map, field: security)
                == "a list of what is in place is not a map: write each as its field, `{ mfa: true, encryption_at_rest: true }`, and the rest (daily backups) as the fields that record them or in an extra field such as `notes:`")
        #expect(TypeHints.hint(.list(ListValue([.string("SSO"), .string("last audit")])), .map, field: security) == nil)
    }

    @Test func noHintForPlainText() throws {
        #expect(TypeHints.hint(.string("lots"), .number) == nil)
        #expect(TypeHints.hint(.string("next spring"), .any) == nil)
    }

    /// A misspelling is one edit for short names, two for longer ones; other extra keys
    /// are allowed.
    @Test func typoDistance() {
        #expect(EditDistance.nearest("deadlin", among: ["deadline", "title"]) == "deadline")
        #expect(EditDistance.nearest("Owner", among: ["owner"]) == "owner")
        #expect(EditDistance.nearest("last-audit", among: ["last_audit"]) == "last_audit")
        #expect(EditDistance.nearest("tags", among: ["data", "type"]) == nil)
        #expect(EditDistance.nearest("url", among: ["id", "to"]) == nil)
        #expect(EditDistance.nearest("sso", among: ["mfa"]) == nil)
        #expect(EditDistance.nearest("notes", among: ["owner", "name"]) == nil)
    }

    /// The edit distance by the textbook recurrence (optimal string alignment), whole:
    /// the reference for the bounded one, which stops early.
    static func wholeDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// The bounded distance (it stops early) agrees with the whole one on every pair of
    /// short words over a small alphabet (swaps, repeats, non-ASCII), for each limit.
    @Test func boundedDistanceAgrees() {
        // The reference itself, on known distances: a swap is one edit, case counts.
        #expect(Self.wholeDistance("kitten", "sitting") == 3)
        #expect(Self.wholeDistance("deadlnie", "deadline") == 1)
        #expect(Self.wholeDistance("Owner", "owner") == 1)
        #expect(Self.wholeDistance("", "abc") == 3)
        // Every word of up to four letters over {a, b, é}.
        var words = [""], last = [""]
        for _ in 1...4 {
            last = last.flatMap { w in ["a", "b", "é"].map { w + $0 } }
            words += last
        }
        // Five letters over {a, b}: long runs shared at both ends, which the distance
        // sets aside before it counts.
        last = [""]
        for n in 1...5 {
            last = last.flatMap { w in ["a", "b"].map { w + $0 } }
            if n == 5 { words += last }
        }
        words += ["deadline", "deadlnie", "sys-1234", "sys-1243", "gone-567", "owner", "Owner"]
        var compared = 0
        for a in words {
            for b in words {
                let whole = Self.wholeDistance(a, b)
                for limit in 0...3 {
                    #expect(EditDistance.between(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit) == (whole <= limit ? whole : nil),
                            "\(a) \(b) \(limit)")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }

    /// Ids compare by code points, as keys and the rules' `==` do: a reference written
    /// with a decomposed accent (`e` and U+0301) does not name a system whose id has the
    /// composed one (U+00E9), though Swift's `==` calls them equal. The finding says why
    /// the two look the same and offers the id's own spelling; two systems whose ids
    /// differ only so are both named exactly.
    @Test func idsCompareByCodePoints() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-nfc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (composed, decomposed) = ("caf\u{E9}-pos", "cafe\u{301}-pos")
        let (oléComposed, oléDecomposed) = ("ol\u{E9}", "ole\u{301}")
        #expect(composed == decomposed)  // what a Set<String> would go by
        let text = """
            kind: Inventory
            systems:
              - { id: \(composed), owner: cio }
              - { id: hub, owner: cio }
              - { id: \(oléComposed), owner: cio }
              - { id: \(oléDecomposed), owner: cio }
            integrations:
              - { from: \(decomposed), to: hub, via: api }
              - { from: \(oléComposed), to: \(oléDecomposed), via: api }
              - { from: \(oléDecomposed), to: \(composed), via: api }

            """
        try text.write(to: dir.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        // Goal ids all ASCII (the lookup's short cut): the Kelvin sign (U+212A) is
        // canonically a `K`, and still another code point.
        let strategy = """
            kind: Strategy
            goals:
              - { id: K-growth, statement: Grow }
            initiatives:
              - { id: i, supports: [\u{212A}-growth, K-growth] }

            """
        try strategy.write(to: dir.appendingPathComponent("strategy.yaml"), atomically: true, encoding: .utf8)
        let report = try #require(check([dir.path]).0)
        let kelvin = report.findings.filter { $0.ruleID == "dangling-goal-reference" }
        #expect(kelvin.map { [$0.range?.start.line, $0.range?.start.column] } == [[5, 25]])
        #expect(kelvin.first?.message.contains("the id 'K-growth' looks the same") == true)
        #expect(kelvin.first?.replacement == "K-growth")
        let dangling = report.findings.filter { $0.ruleID == "dangling-integration-endpoint" }
        #expect(dangling.map { $0.range?.start.line } == [8])
        let finding = try #require(dangling.first)
        #expect(finding.message.contains("names '\(decomposed)', which is not a system; the id '\(composed)' looks the same"))
        #expect(finding.replacement.map { $0.unicodeScalars.elementsEqual(composed.unicodeScalars) } == true)
    }

    /// A field written a level too high is named with the map it belongs in, and gets
    /// no quick fix (moving a key is not a rename); a key that is a field of a list's
    /// items, or of no map below, stays an allowed extra key.
    @Test func misplacedFieldsNameTheirMap() throws {
        let report = try #require(check(["rules/misspelt-field"]).0)
        let misspelt = report.findings.filter { $0.ruleID == "misspelt-field" }
        let consulted = try #require(misspelt.first { $0.message.contains("`consulted`") })
        #expect(consulted.message == "initiative 'mobile-shop' has `consulted`, which is not a field of an initiative; it is a field of its `employee_input`: write it under `employee_input:`")
        #expect(consulted.replacement == nil)
        let encryption = try #require(misspelt.first { $0.message.hasPrefix("system 'erp' has `encryption_at_rest`") })
        #expect(encryption.message.hasSuffix("it is a field of its `security`: write it under `security:`"))
        #expect(!misspelt.contains { $0.file.hasSuffix("clean.yaml") })
        #expect(misspelt.first { $0.message.contains("`suports`") }?.replacement == "supports")
        // A field's name split into a map: reported at each inner key that joins to a
        // field the map lacks, with no quick fix (the key and its map are rewritten).
        let split = misspelt.filter { $0.message.contains("with `at_rest` in it") || $0.message.contains("with `in_transit` in it") }
        #expect(split.map { $0.range?.start.line } == [17, 18])
        #expect(split.allSatisfy { $0.replacement == nil && $0.file.hasSuffix("fires-split.yaml") })
        #expect(!misspelt.contains { $0.message.contains("`provider`") })
    }

    /// A document of 20,000 distinct odd keys is checked (each searched once, under the
    /// budget), and a misspelt key before them is still named.
    @Test func manyOddKeysStayCheap() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "kind: Strategy\ngoals:\n  - id: g\n    deadlin: 2027-12-31\n"
        for i in 0..<20_000 { text += "    k\(i)x: 1\n" }
        try text.write(to: dir.appendingPathComponent("strategy.yaml"), atomically: true, encoding: .utf8)
        let report = try #require(check([dir.path]).0)
        #expect(report.findings.filter { $0.ruleID == "misspelt-field" }.map { $0.range?.start.line } == [4])
    }

    /// A comma inside `{ }` cuts a value short: a budget's groups of digits are put back
    /// together, text is told to be quoted, a key without a value that follows nothing is
    /// named, and a run of 20,000 such keys is named by its first few.
    @Test func valuesCutShortByCommasInBraces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-commas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let many = (0..<20_000).map { "k\($0)" }.joined(separator: ", ")
        let text = """
            kind: Strategy
            initiatives:
              - { id: a, budget: 1,250,000 }
              - { id: b, title: Loyalty, phase two }
              - id: c
                kpis: [{ conversion rate, target: 2% }]
              - { id: d, title: x, \(many) }
              - { id: e, owner: , after }
              - { id: f, kpis: [{ name: NPS, target: 2,5% }] }

            """
        try text.write(to: dir.appendingPathComponent("strategy.yaml"), atomically: true, encoding: .utf8)
        let report = try #require(check([dir.path]).0)
        let cut = report.findings.filter { $0.ruleID == "wrong-type" }.sorted { ($0.range?.start.line ?? 0) < ($1.range?.start.line ?? 0) }
        #expect(cut.map { $0.range?.start.line } == [3, 4, 6, 7, 8, 9])
        #expect(cut.dropLast().last?.message.hasPrefix("`after` in initiative 'e' is a key without a value") == true, "an empty value is not one cut short")
        #expect(cut.last?.message.hasSuffix("`target: \"2,5%\"`") == true, "a decimal comma, joined as written: \(cut.last?.message ?? "")")
        #expect(cut.first?.message.hasSuffix("write the number without separators, 1250000") == true)
        #expect(cut.first.map(Self.span) == [3, 22, 23], "at the value cut short")
        #expect(cut.dropFirst().first?.message.hasSuffix("put the whole value in quotes, `title: \"Loyalty, phase two\"`") == true)
        #expect(cut.dropFirst(2).first?.message.hasPrefix("`conversion rate` in a KPI of initiative 'c' is a key without a value") == true)
        let last = try #require(cut.dropLast(2).last?.message)
        #expect(last.contains("`k4` and 19995 more") && last.utf8.count < 600, "\(last.prefix(300))")
        // The budget cut short is read as absent: no rule judges a budget of 1.
        #expect(!report.findings.contains { $0.ruleID != "wrong-type" && $0.message.contains("budget") })
    }

    /// The walk works out each map shape's fields once and remembers the last few
    /// shapes: a document with more shapes than it remembers, met again after they were
    /// forgotten, still gives every map its own findings (a misspelt key, a wrong type,
    /// a missing required reference), each at its line.
    @Test func everyShapeKeepsItsFindings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-shapes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let shapes = DocumentWalk.rememberedPlans + 4
        var text = "kind: Inventory\nsystems:\n  - { id: a }\nintegrations:\n"
        var expected: [(rule: String, line: Int32)] = []
        var line: Int32 = 5
        for round in 0..<2 {
            for n in 0..<shapes {
                // A shape of its own: n % 4 extra keys first (so `from` sits at another
                // place in each), the misspelt `vai`, a wrong-typed `data`, and `to`
                // in every other one.
                let extra = (0..<(n % 4)).map { "p\($0): 1, " }.joined()
                let to = n.isMultiple(of: 2) ? "" : ", to: a"
                text += "  - { \(extra)from: a, vai: api, data: \(round), x\(n): 1\(to) }\n"
                expected += [("misspelt-field", line), ("wrong-type", line)]
                if to.isEmpty { expected.append(("dangling-integration-endpoint", line)) }
                line += 1
            }
        }
        try text.write(to: dir.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        let report = try #require(check([dir.path]).0)
        let wanted = Set(expected.map(\.rule))
        let found = report.findings.filter { wanted.contains($0.ruleID) }.map { ($0.ruleID, $0.range?.start.line ?? 0) }
        #expect(found.count == expected.count)
        for e in expected {
            #expect(found.contains { $0 == (e.rule, e.line) }, "no \(e.rule) at line \(e.line)")
        }
    }

    /// A long list of maps is walked in parts on every core (issue 19), and the result
    /// is the whole walk's: the same findings in the same order and the same typed
    /// documents. The did-you-mean budget runs out part-way through this inventory
    /// (every dangling id is compared with 2,000 system ids), so only the first dangling
    /// reference gets a suggestion, as when one walk sees them in order.
    @Test func longListsInPartsGiveTheWholeWalksResult() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "kind: Inventory\ndata_categories: [{ id: orders, sensitivity: high }]\nsystems:\n"
        for i in 0..<2_000 {
            var system = "  - { id: sys-\(1000 + i), owner: cio"
            if i % 150 == 7 { system += ", lifecyle: active" }  // misspelt
            if i % 200 == 3 { system += ", security: { mfa: \"yes\" }" } else { system += ", security: { mfa: true }" }
            if i % 250 == 11 { system += ", data: [ordrs]" }  // undeclared, near `orders`
            text += system + " }\n"
        }
        text += "integrations:\n"
        for i in 0..<1_500 {
            // Every 97th integration names a system that is not there, one edit from one that is.
            let to = i % 97 == 5 ? "sys-\(1000 + i)x" : "sys-\(1000 + (i * 7) % 2_000)"
            text += "  - { from: sys-\(1000 + i), to: \(to), via: api\(i % 300 == 9 ? ", dta: [orders]" : "") }\n"
        }
        try text.write(to: dir.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        let sources = SourceTable()
        let (program, problems) = RulePacks.load(builtin: true, directories: [], into: sources)
        #expect(problems.isEmpty)
        let workspace = Workspace.load([dir.appendingPathComponent("inventory.yaml").path], into: sources)
        #expect(workspace.parseErrors.isEmpty, "\(workspace.parseErrors.map(\.message))")
        let whole = DocumentCheck.run(program, on: workspace.documents, sources: sources, longList: .max)
        let parts = DocumentCheck.run(program, on: workspace.documents, sources: sources)
        #expect(whole.findings.count > 50)
        let firstDifference = zip(parts.findings, whole.findings).first { $0 != $1 }
        #expect(parts.findings.count == whole.findings.count)
        #expect(firstDifference == nil, "in parts: \(firstDifference.map { "\($0.0.range?.start.line ?? 0) \($0.0.message)" } ?? "")")
        #expect(parts.documents.mapValues(Value.list) == whole.documents.mapValues(Value.list))
        let dangling = whole.findings.filter { $0.ruleID == "dangling-integration-endpoint" }
        #expect(dangling.count == 16)
        // The budget ran out: some dangling ids got a suggestion, later ones none.
        let suggested = dangling.map { $0.message.contains("did you mean") }
        #expect(suggested.first == true && !suggested.dropFirst().contains(true), "\(dangling.map(\.message))")
        #expect(whole.findings.contains { $0.ruleID == "misspelt-field" && $0.replacement == "lifecycle" && $0.standsFor?.field == "lifecycle" })
        #expect(whole.findings.contains { $0.ruleID == "wrong-type" })
    }

    /// A kind of many documents, several of them changed by the check (a title written as
    /// a number is read as absent): every change lands in the typed list, and the others
    /// stay the very documents loaded. The list is made anew once for all of them.
    @Test func everyChangedDocumentOfAKindIsTyped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = (0..<12).map { i in
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\(i)\n  title: \(i % 3 == 0 ? "\(i)" : "C \(i)")\n"
        }.joined(separator: "---\n")
        try text.write(to: dir.appendingPathComponent("catalog-info.yaml"), atomically: true, encoding: .utf8)
        let sources = SourceTable()
        let (program, problems) = RulePacks.load(builtin: true, directories: [], into: sources)
        #expect(problems.isEmpty)
        let workspace = Workspace.load([dir.appendingPathComponent("catalog-info.yaml").path], into: sources)
        let loaded = try #require(workspace.documents["Component"])
        let checked = DocumentCheck.run(program, on: workspace.documents, sources: sources)
        let typed = try #require(checked.documents["Component"])
        #expect(typed.count == 12 && checked.findings.filter { $0.ruleID == "wrong-type" }.count == 4)
        for i in 0..<12 {
            guard case .map(let doc) = typed.items[i], case .map(let metadata)? = doc.value(forField: "metadata"),
                  case .map(let before) = loaded.items[i] else {
                Issue.record("document \(i) is not a map")
                continue
            }
            #expect(metadata.value(forField: "title") == (i % 3 == 0 ? .null : .string("C \(i)")), "document \(i)")
            #expect(doc.isSame(as: before) == (i % 3 != 0), "document \(i) is the loaded one unless it changed")
            #expect(typed.range(at: i) == loaded.range(at: i))
        }
    }

    /// With wrong-type disabled, nothing is reported but rules still read the value as absent.
    @Test func disablingTheRuleKeepsTheTyping() throws {
        let dir = try temporaryCopy(of: "schema/firm")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try "version: 1\ndisable: [wrong-type]\n".write(to: dir.appendingPathComponent(".stratlint.yaml"), atomically: true, encoding: .utf8)
        let (report, problems) = check([dir.path], config: dir.appendingPathComponent(".stratlint.yaml").path)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        let r = try #require(report)
        #expect(!r.findings.contains { $0.ruleID == "wrong-type" })
        #expect(r.findings.contains { $0.ruleID == "system-without-backups" && $0.range?.start.line == 23 })
        #expect(r.ruleProblems.isEmpty)
    }

    /// An integration without `to`: the finding points at the integration.
    @Test func missingRequiredReference() throws {
        let dir = try temporaryCopy(of: "schema/firm")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let inventory = dir.appendingPathComponent("inventory.yaml")
        let text = try String(contentsOf: inventory, encoding: .utf8) + "  - { from: website, via: file }\n"
        try text.write(to: inventory, atomically: true, encoding: .utf8)
        let report = try #require(check([dir.path]).0)
        let f = try #require(report.findings.first { $0.ruleID == "dangling-integration-endpoint" })
        #expect(f.message == "integration website → ? gives no `to`; it must name a system")
        #expect(f.range?.start.line == 27 && f.range?.start.column == 5)
    }
}

/// Every field of Strategy and Inventory given a value of a wrong type, nested through
/// every map and list of maps: each is one wrong-type finding, and no built-in rule
/// meets one ("could not be evaluated" would blame the rule for a document problem).
@Suite("Document check: every wrong type")
struct EveryWrongTypeTests {
    /// A value of another type than `type`, as YAML flow text.
    static func wrong(for type: FieldType) -> String? {
        switch type.shape {
        case .any: return nil
        case .string, .date, .period, .number, .bool: return type == .string ? "{ unexpected: map }" : "[a, list]"
        case .map: return "just text"
        case .list: return "{ unexpected: map }"
        case .union: return type.alternatives.contains { $0.allowsMap || $0.shape == .list } ? "true" : "[a, list]"
        }
    }

    /// A mapping with every field of `schema` wrong, and each map or list of maps
    /// holding one such mapping; counts the wrong values.
    static func mapping(_ schema: FieldSchema, indent: String, count: inout Int) -> String {
        var out = ""
        for f in schema.fields where f.name != "kind" && f.name != "apiVersion" && f.name != "id" {
            if f.hasFields, f.type.listItem?.allowsMap == true {
                out += "\(indent)\(f.name):\n\(indent)  - id: x-\(f.name)\n"
                out += mapping(f, indent: indent + "    ", count: &count)
            } else if f.hasFields, f.type.allowsMap {
                out += "\(indent)\(f.name):\n" + mapping(f, indent: indent + "  ", count: &count)
            }
            guard let bad = wrong(for: f.type) else { continue }
            // The same field again under a parallel item, wrong as a whole.
            if !f.hasFields {
                out += "\(indent)\(f.name): \(bad)\n"
                count += 1
            }
        }
        return out
    }

    /// A mapping whose fields are all wrong as a whole (a map or list replaced by a
    /// scalar); the top level's lists of maps hold one such item.
    static func whole(_ schema: FieldSchema, indent: String, top: Bool, count: inout Int) -> String {
        var out = ""
        for f in schema.fields where f.name != "kind" && f.name != "apiVersion" && f.name != "id" {
            if top, f.hasFields, f.type.listItem?.allowsMap == true {
                out += "\(indent)\(f.name):\n\(indent)  - id: whole-\(f.name)\n" + whole(f, indent: indent + "    ", top: false, count: &count)
            } else if let bad = wrong(for: f.type) {
                out += "\(indent)\(f.name): \(bad)\n"
                count += 1
            }
        }
        return out
    }

    @Test func everyFieldWrongGivesOneFindingEachAndNoRuleProblem() throws {
        let (program, problems) = RulePacks.load(builtin: true, directories: [], into: SourceTable())
        #expect(problems.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-wrong-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var expected = 0
        for kind in ["Strategy", "Inventory", "Component", "API", "Resource", "System", "Domain", "Group", "User"] {
            let schema = try #require(program.schemas[kind])
            let header = (schema.apiVersion.map { "apiVersion: \($0)v1alpha1\n" } ?? "") + "kind: \(kind)\n"
            let text = header + Self.mapping(schema.root, indent: "", count: &expected)
            try text.write(to: dir.appendingPathComponent("\(kind).yaml"), atomically: true, encoding: .utf8)
            let whole = header + Self.whole(schema.root, indent: "", top: true, count: &expected)
            try whole.write(to: dir.appendingPathComponent("\(kind)-whole.yaml"), atomically: true, encoding: .utf8)
        }
        let report = try #require(check([dir.path]).0)
        let wrong = report.findings.filter { $0.ruleID == "wrong-type" }
        #expect(wrong.count == expected, "\(wrong.map(\.message))")
        #expect(expected > 100)
        #expect(report.ruleProblems.isEmpty, "\(report.ruleProblems.map { "\($0.ruleID): \($0.message)" })")
    }
}

/// A user's pack may declare the schema of its own kind: its documents are checked like
/// the built-in kinds', and its references need a rule to report them.
@Suite("Document check: a user's kind")
struct UserKindSchemaTests {
    @Test func userKindIsCheckedAgainstItsSchema() throws {
        let (report, problems) = check(["schema/vendor-pack/org"], rules: ["schema/vendor-pack/policies"], today: CivilDate(iso: "2026-12-01")!)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        let r = try #require(report)
        let vendors = r.findings.filter { $0.file.hasSuffix("vendors.yaml") }.map { "\($0.range?.start.line ?? 0):\($0.ruleID)" }
        // `tier: Strategic` is read as strategic (its rule fires); `stratgic` is none.
        #expect(vendors == ["4:vendor-contract-ending", "8:misspelt-field", "9:wrong-type", "10:dangling-reference",
                            "12:strategic-vendor-without-systems", "15:unknown-value"])
        #expect(r.ruleProblems.isEmpty)
    }

    /// References and closed fields need the rules that report them.
    @Test func referencesWithoutTheirRuleAreARuleError() {
        let (_, problems) = check(["schema/vendor-pack/org"], rules: ["schema/vendor-pack/policies"], builtin: false)
        #expect(problems.map(\.message) == ["'tier' is closed, but no rule reports a value it does not take",
                                             "no rule named 'dangling-reference' reports the references of 'systems'"])
    }
}

/// Deadlines written as periods (issue 17): rules see the period's last day; a fiscal
/// year needs the configuration's `fiscal-year-start`.
@Suite("Document check: periods")
struct PeriodDeadlineTests {
    func run(config: String?) throws -> Report {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-period-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            kind: Strategy
            goals:
              - { id: by-month, title: Cut costs by 10% by mid 2026, metric: cost, target: 10%, deadline: 2026-06 }
              - { id: by-fy, title: Cut costs by 10% in FY2026, metric: cost, target: 10%, deadline: FY2026 }
            """.write(to: dir.appendingPathComponent("strategy.yaml"), atomically: true, encoding: .utf8)
        var configPath: String?
        if let config {
            let url = dir.appendingPathComponent(".stratlint.yaml")
            try config.write(to: url, atomically: true, encoding: .utf8)
            configPath = url.path
        }
        let (report, problems) = check([dir.path], config: configPath, today: CivilDate(iso: "2026-12-01")!)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        return try #require(report)
    }

    @Test func fiscalYearWithItsStart() throws {
        let report = try run(config: "version: 1\nfiscal-year-start: april\n")
        let passed = report.findings.filter { $0.ruleID == "goal-deadline-passed" }.map(\.message)
        #expect(passed == ["Goal 'by-month' was due on 2026-06-30, 154 days ago, and its outcome is not recorded",
                           "Goal 'by-fy' was due on 2026-03-31, 245 days ago, and its outcome is not recorded"])
        #expect(!report.findings.contains { $0.ruleID == "wrong-type" })
    }

    @Test func fiscalYearWithoutItsStartIsNamed() throws {
        let report = try run(config: nil)
        let wrong = try #require(report.findings.first { $0.ruleID == "wrong-type" })
        #expect(wrong.message.contains("is a fiscal year ('FY2026'), but no fiscal-year start is configured"))
    }
}

/// Schema fields are found by code points, as rules find map keys (issue 19): a key
/// spelt with the Kelvin sign is not the field `Kind`, in a short schema (scanned) and a
/// long one (hashed).
@Suite("Schema field lookup")
struct SchemaFieldLookupTests {
    @Test(arguments: [0, 20])
    func fieldsMatchByCodePoints(extra: Int) {
        let range = SourceRange(file: FileID(0), start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 2))
        let fields = [FieldSchema(name: "Kind", type: .string, range: range), FieldSchema(name: "caf\u{E9}", type: .string, range: range)]
            + (0..<extra).map { FieldSchema(name: "f\($0)", type: .string, range: range) }
        let root = FieldSchema(name: "root", type: .any, fields: fields, range: range)
        #expect(root.field("Kind")?.name == "Kind")
        #expect(root.field("\u{212A}ind") == nil)
        #expect(root.field("caf\u{E9}") != nil)
        #expect(root.field("cafe\u{301}") == nil)
        #expect(root.field("f3")?.name == (extra > 0 ? "f3" : nil))
    }
}

/// The name in a value written as a Backstage entity reference with a kind.
@Suite("Entity references among ids")
struct EntityNameTests {
    @Test(arguments: [("component:default/webshop", "webshop"), ("group:it-ops", "it-ops"), ("Component:webshop", "webshop")])
    func names(_ value: String, _ name: String) {
        #expect(ReferenceResolver.entityName(in: value) == name)
    }

    @Test(arguments: ["webshop", ":webshop", "component:", "component:a/b/c", "https://x.org/a", "sys-1:2", "component:default/"])
    func notReferences(_ value: String) {
        #expect(ReferenceResolver.entityName(in: value) == nil)
    }
}

/// The words that stand for a field not filled in, and the fields where one is a value.
@Suite("Placeholders")
struct PlaceholderTests {
    static let range = SourceRange(file: FileID(0), start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 2))

    @Test(arguments: ["TBD", "tbc", "TBA", "TODO", "N/A", "n/a", "None", "unknown", "?", "-"])
    func placeholders(_ word: String) {
        let field = FieldSchema(name: "owner", type: .string, range: Self.range)
        #expect(Placeholder.stands(.string(word), for: field))
        #expect(Placeholder.stands(.list(ListValue([.string(word), .string("TBD")])), for: field))
    }

    @Test(arguments: ["crm", "Tbilisi", "nonexistent", "na", "TBD later", "", "-1", "n/aa"])
    func notPlaceholders(_ text: String) {
        let field = FieldSchema(name: "owner", type: .string, range: Self.range)
        #expect(!Placeholder.stands(.string(text), for: field))
        // A list with one real item is judged item by item.
        #expect(!Placeholder.stands(.list(ListValue([.string("TBD"), .string("crm")])), for: field))
    }

    /// A name is a name: a system called `todo`, a component called `unknown`.
    @Test func namesAreNotPlaceholders() {
        for name in ["id", "name"] {
            #expect(!Placeholder.stands(.string("todo"), for: FieldSchema(name: name, type: .string, range: Self.range)))
        }
    }

    /// A pack whose field takes `none` (or an alias `unknown`) means that value.
    @Test func aValueOfTheFieldIsNotOne() {
        let field = FieldSchema(name: "tier", type: .string, values: ["none", "gold"], aliases: ["unknown": "none"], range: Self.range)
        #expect(!Placeholder.stands(.string("None"), for: field))
        #expect(!Placeholder.stands(.string("unknown"), for: field))
        #expect(Placeholder.stands(.string("TBD"), for: field))
    }
}
