import Foundation
import Testing
@testable import Engine

/// Glob targets of Backstage Locations are matched against one listing of the tree
/// (issue 14): 500 targets walked the tree 500 times before.
@Suite("Location listing")
struct LocationListingTests {
    @Test func manyGlobsOneWalk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for team in 0..<5 {
            let folder = dir.appendingPathComponent("teams/t\(team)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for n in 0..<20 { try "kind: Component\n".write(to: folder.appendingPathComponent("c\(n).yaml"), atomically: true, encoding: .utf8) }
        }
        var listing = LocationTargets.Listing()
        var total = 0
        for i in 0..<500 {
            // Targets rooted at the top and at a folder below it share the one walk.
            let root = i % 2 == 0 ? dir.path : dir.appendingPathComponent("teams").path
            guard case .files(let files) = listing.expand(root, "**/c\(i % 20).yaml") else {
                Issue.record("over budget")
                return
            }
            total += files.count
        }
        #expect(listing.walks == 1)
        #expect(total == 500 * 5)
    }
}
