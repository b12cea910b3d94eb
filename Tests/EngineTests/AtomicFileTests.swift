import Engine
import Foundation
import Testing

@Suite("Atomic writes")
struct AtomicFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private var leftovers: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    @Test func writesAndReplacesKeepingPermissions() throws {
        let path = folder.appendingPathComponent("report.json").path
        try AtomicFile.write(Array("first".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try AtomicFile.write(Array("second, longer".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        try AtomicFile.write([], to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        #expect(leftovers.isEmpty)
    }

    @Test func failureSaysWhatAndWhy() throws {
        let path = folder.appendingPathComponent("missing/report.json").path
        #expect {
            try AtomicFile.write(Array("x".utf8), to: path)
        } throws: { error in
            "\(error)".contains("cannot create a temporary file in \(folder.path)/missing: no such file or directory")
        }
        #expect(leftovers.isEmpty)
    }

    /// Over a path that is a folder: the rename fails, and the temporary file is removed.
    @Test func failedRenameLeavesNothing() throws {
        let path = folder.appendingPathComponent("taken").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write(Array("x".utf8), to: path) }
        #expect(leftovers.isEmpty)
    }
}
