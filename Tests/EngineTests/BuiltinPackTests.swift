@testable import Engine
import Foundation
import RuleCompiler
import Testing
import TestSupport
import YAML

@Suite("Built-in pack")
struct BuiltinPackTests {
    @Test func compilesWithoutProblems() {
        let (program, problems) = RulePacks.load(builtin: true, directories: [], into: SourceTable())
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        #expect(program.rules.count >= 18)
        #expect(program.indexCount > 0)
    }

    @Test func everyRuleHasTitleMessageFixAndDocs() {
        let (program, _) = RulePacks.load(builtin: true, directories: [], into: SourceTable())
        for rule in program.rules {
            #expect(!rule.title.isEmpty, "\(rule.id)")
            #expect(rule.fix?.isEmpty == false, "\(rule.id) has no fix")
            #expect((rule.docs ?? "").contains("Bad") && (rule.docs ?? "").contains("Good"), "\(rule.id) docs need a bad and a good example")
        }
    }

    @Test func acmeRetailFindingsAreExactlyTheExpectedOnes() throws {
        let (report, problems) = check(["acme-retail"])
        #expect(problems.isEmpty)
        let report_ = try #require(report)
        let expected = try #require(Repository.read(Repository.fixture("acme-retail/expected.txt")))
        #expect(lines(report_, relativeTo: "fixtures/acme-retail") == expected.split(separator: "\n").map(String.init))
        #expect(report_.ruleProblems.isEmpty, "\(report_.ruleProblems)")
    }

    /// A strategy written as a leadership deck would (issue 17): quarters and months as
    /// deadlines, customer KPIs in plain words, payroll and e-mail that only keep the
    /// business running. Its one finding is one its author agrees with: payroll's last
    /// restore test is over a year old.
    @Test func strategyDeckGivesOnlyAgreeableFindings() throws {
        let (report, problems) = check(["freight-deck"], today: CivilDate(iso: "2026-12-01")!)
        #expect(problems.isEmpty)
        let r = try #require(report)
        #expect(lines(r, relativeTo: "fixtures/freight-deck") == ["inventory.yaml:56:45: sensitive-system-backup-untested"])
        #expect(r.ruleProblems.isEmpty)
    }

    /// Messages that name what the author wrote: a business case with fields of its own
    /// is named beside the one wanted, and a goal's key results beside its metric; a value a closed field does not take is named with
    /// the field's values, and with the one it is near.
    @Test func messagesNameWhatWasWritten() throws {
        let report = try #require(check(["rules/budget-without-business-case", "rules/unknown-value", "rules/goal-without-metric",
                                         "rules/goal-without-numeric-target", "rules/dangling-reference", "rules/wrong-type/fires.yaml"]).0)
        let messages = report.findings.map(\.message)
        // A list item written as a map where an id is wanted: the id, as text and as the fix.
        let item = try #require(report.findings.first { $0.message.hasPrefix("an item of `systems`") })
        #expect(item.message == "an item of `systems` of initiative 'crm-rollout' should be a string, not a map, so rules read it as absent: write the id alone, `crm`")
        #expect(item.replacement == "crm")
        // A Backstage entity reference where an id is wanted: the id it names is offered.
        let reference = try #require(report.findings.first { $0.message.contains("component:default/webshop") })
        #expect(reference.message == "`systems` of initiative 'shop-search' names 'component:default/webshop', which is not a system; "
            + "it is a Backstage entity reference, and this field takes an id: did you mean 'webshop'?")
        #expect(reference.replacement == "webshop")
        // A goal written as an OKR: its key results are named, not passed over.
        #expect(messages.contains("Goal 'okr-style' has no metric, so nobody can tell whether it is met: stratlint does not read its key_results, so name what they measure in `metric`"))
        #expect(messages.contains("Goal 'okr-style' has no numeric target: stratlint does not read its key_results, so put the number to reach in `target`"))
        #expect(messages.contains("Goal 'no-metric' has no metric, so nobody can tell whether it is met"))
        #expect(messages.contains("Initiative 'route-planning' spends 900000 but states no expected benefit: its business_case has benefit, cost, but no expected_benefit"))
        #expect(messages.contains("Initiative 'ai-chatbot' spends 80000 but states no expected benefit"))
        #expect(messages.contains("`sensitivity` of data category 'card-payments' is 'tier-1', which is none of high, medium, low: the rules read it as none of them"))
        #expect(messages.contains("`lifecycle` of system 'crm' is 'activ', which is none of planned, active, retiring, retired: the rules read it as none of them; did you mean 'active'?"))
        let near = try #require(report.findings.first { $0.message.contains("'activ'") })
        #expect(near.replacement == "active")
        // A slip of an alias is offered as the value it stands for.
        let alias = try #require(report.findings.first { $0.message.contains("'decomissioned'") })
        #expect(alias.message.hasSuffix("did you mean 'retired'?"))
        #expect(alias.replacement == "retired")
    }

    /// A value of a field with usual values, in another case, is read as the schema
    /// spells it: `lifecycle: Retired` is retired (no security finding on a system long
    /// gone), `hosting: SaaS` is saas (the vendor-access rule judges it), `type: Digital`
    /// is digital; none of them is reported.
    @Test func otherCaseIsReadAsTheUsualValue() throws {
        let found = try findings(in: """
            kind: Inventory
            data_categories: [{ id: customer-pii, sensitivity: High }]
            systems:
              - { id: old-erp, owner: finance, lifecycle: Retired, data: [customer-pii] }
              - id: crm
                owner: sales
                hosting: SaaS
                supports: [more-sales]
                data: [customer-pii]
                security: { mfa: true, encryption_at_rest: true, backups: { frequency: daily, tested: 2026-06-01 }, last_audit: 2026-05-01 }
            integrations: [{ from: crm, to: old-erp, via: API, data: [customer-pii] }]
            ---
            kind: Strategy
            goals: [{ id: more-sales, title: Grow sales from 1M to 1.3M EUR, owner: cso, metric: sales, target: 1300000, deadline: 2027-12-31 }]
            initiatives:
              - { id: crm-upgrade, title: New CRM edition, type: Digital, owner: cso, supports: [more-sales], systems: [crm] }
            """)
        #expect(found.contains("saas-without-vendor-access-policy@10"), "\(found)")
        #expect(!found.contains { $0.hasPrefix("sensitive-system-") && $0.hasSuffix("@4") }, "\(found)")
        #expect(!found.contains { $0.hasPrefix("initiative-without-type@") || $0.hasPrefix("unknown-value@") }, "\(found)")
        // Digital: its KPIs are judged as a digital initiative's.
        #expect(found.contains("digital-initiative-without-customer-kpi@16"), "\(found)")
    }

    /// An alias the schema declares is read as its value, in any case: a decommissioned
    /// system is retired (no security finding), vendor-hosted is saas, confidential data
    /// is sensitive; none is reported. A word with two meanings (`pilot`) is not an alias.
    @Test func aliasesAreReadAsTheirValues() throws {
        let found = try findings(in: """
            kind: Inventory
            data_categories: [{ id: salaries, sensitivity: Confidential }]
            systems:
              - { id: fax-server, owner: it, lifecycle: Decommissioned, data: [salaries] }
              - { id: payroll, owner: hr, role: run, hosting: vendor-hosted, data: [salaries], security: { mfa: true } }
              - { id: trial, owner: hr, role: run, lifecycle: pilot }
            """)
        #expect(!found.contains { $0.hasSuffix("@4") }, "\(found)")
        #expect(found.isSuperset(of: ["saas-without-vendor-access-policy@5", "sensitive-system-without-encryption-at-rest@5"]), "\(found)")
        #expect(found.filter { $0.hasPrefix("unknown-value@") } == ["unknown-value@6"], "\(found)")
    }

    /// `TBD`, `n/a`, `none` … are a field not filled in: read as absent, with no finding
    /// of their own, so the rule that asks for the field speaks, at the value. An item
    /// of a list (`systems: [crm, TBD]`) is not one: its reference's rule judges it.
    @Test func placeholdersAreReadAsAbsent() throws {
        let found = try findings(in: """
            kind: Inventory
            teams: [sales, it]
            data_categories: [{ id: customer-pii, sensitivity: high }]
            systems:
              - id: crm
                owner: TBD
                role: run
                data: [customer-pii]
                security: { mfa: true, encryption_at_rest: true, backups: { frequency: daily, tested: 2026-06-01 }, last_audit: n/a }
            integrations: [{ from: crm, to: TBD, via: api }]
            ---
            kind: Strategy
            goals:
              - { id: more-sales, title: Grow sales from 1M to 1.3M EUR, owner: sales, metric: sales, target: 1300000, deadline: tbd }
            initiatives:
              - id: crm-refresh
                title: CRM refresh
                type: business
                owner: sales
                supports: [more-sales]
                systems: [crm, TBD]
                budget: TBD
                stakeholders: [TBD]
                employee_input: { consulted: [None] }
            """)
        #expect(found.isSuperset(of: ["system-without-owner@6", "sensitive-system-audit-overdue@9", "dangling-integration-endpoint@10",
                                      "goal-without-deadline@14", "dangling-reference@21", "initiative-without-stakeholders@23",
                                      "initiative-without-consultation@24"]), "\(found)")
        #expect(!found.contains { $0.hasPrefix("wrong-type@") || $0.hasPrefix("unknown-owner@") }, "\(found)")
    }

    /// The findings of the built-in pack on `yaml`, as `rule@line`.
    private func findings(in yaml: String) throws -> Set<String> {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(yaml.utf8).write(to: dir.appendingPathComponent("org.yaml"))
        let report = try #require(check([dir.path]).0)
        return Set(report.findings.map { "\($0.ruleID)@\($0.range?.start.line ?? 0)" })
    }

    @Test func cleanOrganisationHasNoFinding() throws {
        let report = try #require(check(["clean"]).0)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.ruleProblems.isEmpty)
    }

    @Test func missingFieldPointsAtItsMapping() throws {
        let report = try #require(check(["acme-retail"]).0)
        let f = try #require(report.findings.first { $0.ruleID == "goal-without-metric" })
        // happy-customers has no metric: the finding points at the goal's mapping.
        #expect(f.range?.start == SourcePosition(line: 43, column: 5))
        let dangling = try #require(report.findings.first { $0.ruleID == "dangling-goal-reference" })
        #expect(dangling.message == "`supports` of initiative 'click-and-collect' names 'omnichannel-growth', which is not a goal")
        #expect(dangling.range.map { [$0.start.column, $0.end.column] } == [35, 53])
    }

    /// A field missing from a block map under a key is reported at the key: the map's
    /// own range starts at its first field, and a caret under `mfa: true` would blame
    /// `mfa`. A map in braces on the key's line is pointed at itself; a list item's map
    /// at its first field (the item's line).
    @Test func missingFieldOfABlockMapPointsAtItsKey() throws {
        let found = try findings(in: """
            kind: Inventory
            systems:
              - id: erp
                owner: it
                security:
                  mfa: true
                  encryption_at_rest: true
              - id: crm
                owner: it
                security: { mfa: true }
              - id: wiki
                owner: it
            """)
        #expect(found.isSuperset(of: ["system-without-backups@5", "system-without-backups@10", "system-without-backups@11"]), "\(found.sorted())")
        #expect(!found.contains("system-without-backups@6"))
    }

    @Test func indexRewriteChangesNoFinding() throws {
        for paths in [["acme-retail"], ["clean"], ["invalid/workspace"]] {
            let on = try #require(check(paths).0)
            let off = try #require(check(paths, options: CompileOptions(useIndexes: false)).0)
            #expect(on.findings == off.findings)
        }
    }
}

@Suite("Workspace and evaluation")
struct WorkspaceTests {
    @Test func malformedFileIsAFindingAndOthersAreStillChecked() throws {
        let report = try #require(check(["invalid/workspace"]).0)
        let parse = try #require(report.findings.first { $0.ruleID == "parse-error" })
        #expect(parse.file.hasSuffix("invalid/workspace/broken.yaml"))
        #expect(parse.range?.start == SourcePosition(line: 5, column: 1))
        #expect(parse.severity == .error)
        #expect(parse.pitfall == .modelIntegrity)
        #expect(report.findings.contains { $0.ruleID == "goal-without-deadline" && $0.file.hasSuffix("strategy.yaml") })
        #expect(report.fileCount == 2)
    }

    /// A reference to nothing, when a file could not be parsed, says in its fix that the
    /// id may be defined there (the parse error is the thing to fix); the message, and so
    /// the fingerprint, stays as it is.
    @Test func aReferenceToNothingNamesTheFilesNotParsed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-unparsed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("kind: Inventory\nsystems:\n  - id: crm\n    name: CRM: Salesforce\n".utf8).write(to: dir.appendingPathComponent("inventory.yaml"))
        try Data("kind: Strategy\ninitiatives:\n  - { id: i1, systems: [crm] }\n".utf8).write(to: dir.appendingPathComponent("strategy.yaml"))
        let report = try #require(check([dir.path]).0)
        #expect(report.findings.contains { $0.ruleID == "parse-error" && $0.file.hasSuffix("inventory.yaml") })
        let dangling = try #require(report.findings.first { $0.ruleID == "dangling-reference" })
        #expect(dangling.message == "`systems` of initiative 'i1' names 'crm', which is not a system")
        #expect(dangling.fix?.hasSuffix("inventory.yaml` could not be parsed, and its documents were not read: it may be defined there, so fix the parse-error first.") == true, "\(dangling.fix ?? "")")
        #expect(DocumentCheck.unparsedNote([]) == nil)
        #expect(DocumentCheck.unparsedNote(["a.yaml", "b.yaml", "c.yaml", "d.yaml"])?.hasPrefix("4 files could not be parsed (`a.yaml`, `b.yaml`, `c.yaml`, …)") == true)
    }

    @Test func invalidYAMLMessages() throws {
        let folder = Repository.fixture("invalid/yaml")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 7)
        for name in names {
            let report = try #require(check(["invalid/yaml/\(name)"]).0)
            let text = report.findings.filter { $0.ruleID == "parse-error" }
                .map { "\($0.file):\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0): \($0.message)\n" }.joined()
            #expect(!text.isEmpty, "\(name) parsed")
            expectGolden(text, at: folder.appendingPathComponent(name.replacingOccurrences(of: ".yaml", with: ".expected")))
        }
    }

    @Test func brokenRuleFileMessages() throws {
        let folder = Repository.fixture("invalid/rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 10)
        for name in names {
            let sources = SourceTable()
            let (_, problems) = RulePacks.load(builtin: false, directories: [folder.appendingPathComponent(name).path], into: sources)
            #expect(!problems.isEmpty, "\(name) compiled")
            for p in problems { #expect(p.range != nil, "\(name): \(p.message) has no position") }
            let text = problems.map { $0.rendered(with: sources) }.joined(separator: "\n")
            expectGolden(text, at: folder.appendingPathComponent(name.replacingOccurrences(of: ".yaml", with: ".expected")))
        }
    }

    /// The packs compile while the baseline and documents are read (issue 19); what
    /// stops the run is still said in the old order: a broken rule file before a missing
    /// baseline or an empty folder, the baseline before the documents, and the rule
    /// files keep the first ids after the configuration.
    @Test func ruleProblemsStillComeFirst() throws {
        let broken = "invalid/rules/syntax-error.yaml"
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        for paths in [["acme-retail"], [empty.path]] {
            var failure: CheckFailure?
            let sources = SourceTable()
            var request = CheckRequest(today: fixedToday)
            request.paths = paths.map(fixturePath)
            request.ruleDirectories = [fixturePath(broken)]
            request.baselinePath = empty.appendingPathComponent("no-such-baseline.json").path
            if case .failure(let f) = CheckRunner.run(request, sources: sources) { failure = f }
            let stopped = try #require(failure)
            #expect(stopped.inRules, "\(paths): \(stopped.diagnostics.map(\.message))")
            #expect(stopped.diagnostics.allSatisfy { $0.range.flatMap { sources[$0.file]?.path.hasSuffix("syntax-error.yaml") } == true })
            // Every rule file is registered before any document.
            let paths = sources.all.map(\.path)
            let lastRuleFile = try #require(paths.lastIndex { $0.hasSuffix("syntax-error.yaml") })
            #expect(paths[..<lastRuleFile].allSatisfy { !$0.contains("acme-retail") })
            #expect(paths.contains { $0.contains("acme-retail") } == (paths.count > lastRuleFile + 1))
        }
        // Without the broken rules, the missing baseline stops the run before the documents.
        var request = CheckRequest(today: fixedToday)
        request.paths = [empty.path]
        request.baselinePath = empty.appendingPathComponent("no-such-baseline.json").path
        guard case .failure(let f) = CheckRunner.run(request, sources: SourceTable()) else {
            Issue.record("a missing baseline did not stop the run")
            return
        }
        #expect(!f.inRules)
        #expect(f.diagnostics.map(\.message).first?.hasPrefix("cannot read the baseline") == true, "\(f.diagnostics.map(\.message))")
    }

    @Test func evaluationErrorIsReportedOnceWithItsPosition() throws {
        let report = try #require(check(["engine/evaluation-error/docs"], rules: ["engine/evaluation-error/rules"], builtin: false).0)
        #expect(report.findings.map(\.message) == ["Initiative 'big' costs 250000"])
        let problem = try #require(report.ruleProblems.first)
        #expect(report.ruleProblems.count == 1)
        #expect(problem.ruleID == "big-budget")
        #expect(problem.count == 2)
        #expect(problem.message == "cannot compare string with int")
        #expect(problem.range?.start == SourcePosition(line: 8, column: 12))
    }

    @Test func missingPathIsADiagnostic() {
        let (report, problems) = check(["does-not-exist"])
        #expect(report == nil)
        #expect(problems.first?.message.hasPrefix("no such file or directory") == true)
    }
}
