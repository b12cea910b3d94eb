import Engine
import Foundation
import Reporters
import Testing
import TestSupport
import YAML

/// docs/rules/ is generated from the built-in pack; a stale page fails here.
@Suite("Rule documentation")
struct RuleDocsTests {
    @Test func pagesAreUpToDate() throws {
        let (program, problems) = RulePacks.load(builtin: true, directories: [], into: SourceTable())
        #expect(problems.isEmpty)
        let folder = Repository.root.appendingPathComponent("docs/rules")
        for (name, text) in RuleDocs.builtinFolder(program.rules) {
            expectGolden(text, at: folder.appendingPathComponent(name))
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "README.md" }
        #expect(Set(pages) == Set(program.rules.map { "\($0.id).md" }), "docs/rules/ holds pages of rules that no longer exist")
    }
}
