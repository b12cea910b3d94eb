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
            "\(error)" == "cannot write \(path): no such file or directory"
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

    /// `--output /dev/null` (or /dev/stdout, a FIFO) writes to the device; it is not
    /// replaced by a regular file.
    @Test func deviceIsWrittenNotReplaced() throws {
        try AtomicFile.write(Array("discarded".utf8), to: "/dev/null")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: "/dev"))?.contains { $0.hasPrefix(".null.") } == false)
    }

    /// A link to a report stays a link; the file it points to gets the new text.
    @Test func linkKeepsPointing() throws {
        let target = folder.appendingPathComponent("real.json").path, link = folder.appendingPathComponent("link.json").path
        try AtomicFile.write(Array("old".utf8), to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.json")
        try AtomicFile.write(Array("new".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.json")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        #expect(leftovers.isEmpty)
    }

    /// A link planted where the temporary file will be is not followed.
    @Test func plantedLinkIsNotFollowed() throws {
        let victim = folder.appendingPathComponent("victim.txt").path
        try "keep me".write(toFile: victim, atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("report.json").path
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".report.json.stratlint-\(getpid()).tmp").path,
                                                   withDestinationPath: victim)
        try AtomicFile.write(Array("report".utf8), to: path)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "report")
        #expect(leftovers.isEmpty)
    }
}
