import Foundation
import LanguageServer
import Testing

@Suite struct RulePagesTests {
    @Test func thePagesInstalledBesideTheBinaryAreFound() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-pages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let bin = prefix.appendingPathComponent("bin"), pages = prefix.appendingPathComponent("share/doc/stratlint/rules")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let binary = bin.appendingPathComponent("stratlint").path
        try Data().write(to: URL(fileURLWithPath: binary))
        #expect(RulePages.installed(besides: binary) == nil, "no pages installed yet")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        #expect(RulePages.installed(besides: binary) == nil, "an empty folder is not the pages")
        try Data("# Rules\n".utf8).write(to: pages.appendingPathComponent("README.md"))
        let found = try #require(RulePages.installed(besides: binary))
        #expect(found.hasPrefix("file://") && found.hasSuffix("/share/doc/stratlint/rules/"))
        // Through a link to the binary, as package managers install it.
        let link = prefix.appendingPathComponent("stratlint-link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: binary)
        #expect(RulePages.installed(besides: link) == found)
    }
}
