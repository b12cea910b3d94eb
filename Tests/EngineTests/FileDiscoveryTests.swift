import Engine
import Foundation
import Testing

/// What the walk takes and leaves, on a tree that has one of each thing it decides on.
@Suite("File discovery")
final class FileDiscoveryTests {
    let root: URL

    deinit { try? FileManager.default.removeItem(at: root) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-walk-\(UUID().uuidString)")
        let files = [
            "a.yaml", "b.yml", "c.YAML", "notes.txt", "yaml", ".hidden.yaml",
            "deep/er/still/d.yaml", "deep/e.yml",
            ".git/config.yaml", ".build/x.yaml", ".build-static/y.yaml", "node_modules/pkg/z.yaml",
            "rules/r.yaml", "chart/Chart.yaml", "chart/templates/deploy.yaml", "chart/values.yaml",
            "outside/o.yaml",
        ]
        for name in files {
            let url = root.appendingPathComponent("repo").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "kind: Inventory\n".write(to: url, atomically: false, encoding: .utf8)
        }
        // Moved out of the repository, then linked back in: a link to a folder is not
        // followed; a link named like a YAML file is taken (reading it decides).
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.moveItem(at: repo.appendingPathComponent("outside"), to: root.appendingPathComponent("outside"))
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("linked").path, withDestinationPath: "../outside")
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("link.yaml").path, withDestinationPath: "a.yaml")
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("folder.yaml").path, withDestinationPath: "deep")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("alias").path, withDestinationPath: "repo")
    }

    func relative(_ files: [String], to base: URL) -> [String] {
        files.map { $0.hasPrefix(base.path + "/") ? String($0.dropFirst(base.path.count + 1)) : $0 }
    }

    @Test func takesYAMLFilesAndSkipsWhatIsNotContent() {
        let repo = root.appendingPathComponent("repo")
        let found = FileDiscovery.walk([repo.path], excluding: [repo.appendingPathComponent("rules").path])
        #expect(found.problems.isEmpty)
        #expect(found.unreadable.isEmpty)
        #expect(relative(found.files, to: repo) == [
            "a.yaml", "b.yml", "chart/Chart.yaml", "chart/values.yaml", "deep/e.yml", "deep/er/still/d.yaml",
            "folder.yaml", "link.yaml",
        ])
    }

    /// A folder named through a link is walked where it leads, its files keeping the
    /// link's name; a file named explicitly is taken whatever it is called.
    @Test func aNamedLinkIsWalkedUnderItsOwnName() {
        let alias = root.appendingPathComponent("alias")
        let found = FileDiscovery.walk([alias.path, root.appendingPathComponent("repo/notes.txt").path, alias.path])
        #expect(found.files.first == alias.appendingPathComponent("a.yaml").path)
        #expect(found.files.contains(alias.appendingPathComponent("deep/er/still/d.yaml").path))
        #expect(found.files.contains(root.appendingPathComponent("repo/notes.txt").path))
        #expect(found.files.allSatisfy { $0.hasPrefix(alias.path + "/") || $0.hasSuffix("notes.txt") })
        #expect(found.files.count == 10, "\(found.files)")
    }

    /// A folder whose name is not UTF-8 is entered (by its bytes); its files are named
    /// with U+FFFD where the bad byte is.
    @Test func aFolderWhoseNameIsNotUTF8IsEntered() throws {
        let folder = Array(root.appendingPathComponent("repo").path.utf8) + Array("/bad".utf8) + [0xFF]
        #expect(mkdir(folder.map { CChar(bitPattern: $0) } + [0], 0o755) == 0)
        let file = folder + Array("/inner.yaml".utf8)
        let fd = open(file.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        close(fd)
        let found = FileDiscovery.walk([root.appendingPathComponent("repo").path])
        #expect(found.unreadable.isEmpty)
        #expect(found.files.contains(root.appendingPathComponent("repo").path + "/bad\u{FFFD}/inner.yaml"), "\(found.files)")
    }

    @Test func aMissingPathIsAProblem() {
        let found = FileDiscovery.walk([root.appendingPathComponent("nowhere").path])
        #expect(found.files.isEmpty)
        #expect(found.problems.map(\.message) == ["no such file or directory: \(root.appendingPathComponent("nowhere").path)"])
    }
}
