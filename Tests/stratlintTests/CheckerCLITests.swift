import Foundation
import Testing
import TestSupport

/// The compiler's checker stage (issue 16): rules are checked against the schemas of
/// the kinds they read before they run.
@Suite("Rule checker")
struct CheckerCLITests {
    /// A misspelt field, incompatible comparisons and a misspelt kind: exit 2, each at
    /// its file:line:col with did-you-mean (golden); a field read in brackets and a field
    /// far from every declared one stay allowed.
    @Test func misspeltFieldsAndIncompatibleTypesAreRuleErrors() throws {
        let r = try CLI.run(["rules", "check", "fixtures/rule-tests/checker"])
        #expect(r.status == 2)
        expectGolden(r.stderr, at: Repository.fixture("rule-tests/checker/bad.expected"))
        #expect(r.stderr.contains("bad.yaml:8:12: error: 'ownr' is not a field of an initiative"))
        #expect(r.stderr.contains("hint: did you mean 'owner'?"))
        #expect(r.stderr.contains("bad.yaml:16:12: error: type error: '==' compares bool with string"))
        #expect(!r.stderr.contains("vendor") && !r.stderr.contains("frequency"))
    }

    /// The same errors stop `check`: a rule that reads nothing would otherwise be silent.
    @Test func checkStopsOnThem() throws {
        let r = try CLI.run(["check", "--rules", "fixtures/rule-tests/checker", "fixtures/clean"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("'ownr' is not a field of an initiative"))
    }

    /// Every pack of this repository stands alone: core without backstage, and both.
    @Test func packsCompileAlone() throws {
        let core = try CLI.run(["rules", "check", "--no-builtin", "rules"])
        #expect(core.status == 0, "\(core.stderr)")
        let both = try CLI.run(["rules", "check", "--no-builtin", "rules", "rules/backstage"])
        #expect(both.status == 0, "\(both.stderr)")
    }
}
