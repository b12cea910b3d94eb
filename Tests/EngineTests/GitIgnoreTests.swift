import Engine
import Foundation
import Testing

/// The walk leaves out what the repository's `.gitignore` files do, as git reads them.
@Suite("File discovery: .gitignore")
final class GitIgnoreTests {
    let base: URL
    let repo: URL

    deinit { try? FileManager.default.removeItem(at: base) }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-gitignore-\(UUID().uuidString)")
        repo = base.appendingPathComponent("repo")
        for name in [
            "strategy.yaml", "venv/lib/x.yaml", "sub/venv/y.yaml", "build/b.yaml", "sub/build", "dist/d.yaml", "sub/dist/d.yaml",
            "a.generated.yaml", "keep.generated.yaml", "sub/b.generated.yaml", "docs/draft.yaml", "docs/x/y/draft.yaml",
            "docs/final.yaml", "trailing.yaml", "#hash.yaml", "secret.yaml", "local.yaml", "sub/local.yaml", "sub/s.yaml",
            "draft-1.yaml", "draft-12.yaml", "cache.yaml",
        ] {
            try write("kind: Inventory\n", to: name)
        }
        try write("secret.yaml\n", to: ".git/info/exclude")
        try write("""
            # what a build leaves
            venv/
            /dist
            build
            *.generated.yaml
            !keep.generated.yaml
            docs/**/draft.yaml
            trailing.yaml   \r
            \\#hash.yaml
            draft-?.yaml
            cache.yaml/

            """, to: ".gitignore")
        // A deeper file overrides a shallower one.
        try write("!*.generated.yaml\nlocal.yaml\n", to: "sub/.gitignore")
    }

    func write(_ text: String, to name: String) throws {
        let url = repo.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func found(_ path: String, gitIgnore: Bool = true) -> [String] {
        let root = repo.appendingPathComponent(path).standardizedFileURL.path
        return FileDiscovery.walk([root], gitIgnore: gitIgnore).files.map { String($0.dropFirst(repo.path.count + 1)) }
    }

    @Test func leavesOutWhatGitDoes() {
        #expect(found(".") == [
            "cache.yaml", "docs/final.yaml", "draft-12.yaml", "keep.generated.yaml", "local.yaml", "strategy.yaml", "sub/b.generated.yaml",
            "sub/dist/d.yaml", "sub/s.yaml",
        ])
        // The YAML files and folders left out; `sub/build`, a file that is not YAML, is never asked about.
        #expect(FileDiscovery.walk([repo.path], gitIgnore: true).gitIgnored == 12)
    }

    /// Walking a folder below the top reads the `.gitignore` files above it.
    @Test func theFilesAboveTheWalkedFolderCount() {
        #expect(found("sub") == ["sub/b.generated.yaml", "sub/dist/d.yaml", "sub/s.yaml"])
    }

    /// A folder named on the command line is walked: its own name is not matched.
    @Test func aNamedFolderIsWalked() {
        #expect(found("venv") == ["venv/lib/x.yaml"])
    }

    @Test func offReadsEverything() {
        #expect(found(".", gitIgnore: false).count == 21)
    }

    /// Outside a repository, a `.gitignore` is nobody's.
    @Test func outsideARepositoryNothingIsLeftOut() throws {
        try FileManager.default.removeItem(at: repo.appendingPathComponent(".git"))
        #expect(found(".").count == 21)
    }

    /// Every pattern in effect may be tried on every entry: a repository cannot make the
    /// walk quadratic with them.
    @Test func tooManyPatternsStopTheWalk() throws {
        try write((0..<6_000).map { "generated-\($0)\n" }.joined(), to: ".gitignore")
        try write((0..<6_000).map { "cache-\($0)\n" }.joined(), to: "sub/.gitignore")
        let walk = FileDiscovery.walk([repo.path], gitIgnore: true)
        #expect(walk.problems.map(\.message) == ["\(repo.path)/sub/.gitignore brings the .gitignore patterns in effect to 12001, over the 10000 stratlint reads"])
    }

    @Test func aGitIgnoreTooLargeToReadStopsTheWalk() throws {
        try write(String(repeating: "# padding\n", count: 110_000), to: "sub/.gitignore")
        let walk = FileDiscovery.walk([repo.path], gitIgnore: true)
        #expect(walk.problems.map(\.message) == ["\(repo.path)/sub/.gitignore is 1.0 MiB, over the 1 MiB stratlint reads of a .gitignore"])
    }
}
