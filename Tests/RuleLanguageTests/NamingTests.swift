import RuleLanguage
import Testing

/// How messages name one item of a field's list; an ASCII name is read by its bytes,
/// any other by its characters, with the same result.
@Suite("Naming")
struct NamingTests {
    @Test(arguments: [
        ("goals", "goal"), ("data_categories", "data category"), ("kpis", "KPI"), ("systems", "system"),
        ("ies", "y"), ("s", ""), ("", ""), ("people", "people"), ("review_dates_", "review dates "),
        ("cafés", "café"), ("naïve_entries", "naïve entry"),
        // A final `s` with a combining accent is another character: kept, as before.
        ("caps\u{301}", "caps\u{301}"),
    ])
    func itemNoun(_ field: String, _ noun: String) {
        #expect(Naming.itemNoun(field) == noun)
    }

    @Test func article() {
        #expect(Naming.withArticle("integration") == "an integration" && Naming.withArticle("goal") == "a goal")
        // Capitals (kinds, acronyms) and a `u` read "you".
        for (noun, written) in [("Inventory document", "an Inventory document"), ("API", "an API"), ("User", "a User"),
                                ("user", "a user"), ("unit", "a unit"), ("unknown value", "an unknown value"), ("update", "an update"),
                                ("Strategy document", "a Strategy document")] {
            #expect(Naming.withArticle(noun) == written)
        }
    }
}
