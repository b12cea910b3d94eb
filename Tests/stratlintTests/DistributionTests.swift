import Foundation
import Testing
import TestSupport
import YAML

/// The files other tools read: the GitHub Action and the pre-commit manifest.
@Suite("Action and hook manifests")
struct DistributionTests {
    static func load(_ name: String) throws -> Node {
        let url = Repository.root.appendingPathComponent(name)
        let bytes = try #require(FileManager.default.contents(atPath: url.path))
        let file = SourceTable().add(path: name, bytes: Array(bytes))
        guard case .success(let docs) = Loader.load(file), let root = docs.first else {
            Issue.record("\(name) is not valid YAML")
            throw CancellationError()
        }
        return root
    }

    /// The Action's check step, run as GitHub runs it (bash -eo pipefail, inputs as
    /// environment variables), with the binary under test.
    @Test func actionCheckStepWritesSARIFAnnotationsAndTheExitCode() throws {
        let action = try Self.load("action.yml")
        #expect(action["runs"]?["using"]?.scalarText == "composite")
        guard case .sequence(let steps)? = action["runs"]?["steps"]?.content else {
            Issue.record("action.yml has no steps")
            return
        }
        let check = try #require(steps.first { $0["id"]?.scalarText == "check" })
        let script = try #require(check["run"]?.scalarText)
        #expect(steps.contains { $0["uses"]?.scalarText?.hasPrefix("github/codeql-action/upload-sarif@") == true })

        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sarif = dir.appendingPathComponent("stratlint.sarif"), output = dir.appendingPathComponent("github-output")
        let environment = [
            "STRATLINT": CLI.binary.path, "STRATLINT_PATHS": "fixtures/acme-retail", "STRATLINT_CONFIG": "",
            "STRATLINT_FAIL_ON": "error", "STRATLINT_NEW_SINCE": "", "STRATLINT_BASELINE": "",
            "STRATLINT_SARIF": sarif.path, "GITHUB_OUTPUT": output.path, "SOURCE_DATE_EPOCH": "1795305600",
        ]
        let r = try CLI.run(["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            binary: URL(fileURLWithPath: "/bin/bash"), environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Repository.read(output) == "exit-code=1\n")
        #expect(r.stdout.hasPrefix("::error file=fixtures/acme-retail/inventory/integrations.yaml,line=6,col=39"))
        #expect(Repository.read(sarif)?.contains("\"version\" : \"2.1.0\"") == true)
    }

    @Test func preCommitHookIsDeclaredAsTheIssueAsks() throws {
        let manifest = try Self.load(".pre-commit-hooks.yaml")
        guard case .sequence(let hooks) = manifest.content, let hook = hooks.first else {
            Issue.record(".pre-commit-hooks.yaml is not a list of hooks")
            return
        }
        #expect(hook["id"]?.scalarText == "stratlint")
        #expect(hook["language"]?.scalarText == "swift")
        #expect(hook["require_serial"]?.scalarText == "true")
        guard case .sequence(let types)? = hook["types"]?.content else {
            Issue.record("the hook has no types")
            return
        }
        #expect(types.map(\.scalarText) == ["yaml"])
        // The entry is a command this stratlint accepts.
        let entry = try #require(hook["entry"]?.scalarText).split(separator: " ").map(String.init)
        #expect(entry.first == "stratlint")
        // As pre-commit runs it: from the repository's top, with the staged file names.
        let r = try CLI.run(Array(entry.dropFirst()) + ["--today", "2026-11-22", "strategy.yaml"], in: Repository.fixture("clean"))
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }
}
