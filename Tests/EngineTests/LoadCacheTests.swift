@testable import Engine
import Foundation
import RuleCompiler
import Testing
import TestSupport
import YAML

/// The load cache (issue 19): entries decode to exactly what the loader makes, nothing
/// an entry holds can crash or stall a run, and a check reads the same with a cold
/// cache, a warm one, a stale one and none.
@Suite("Load cache")
struct LoadCacheTests {
    /// Every YAML fixture that loads (merge keys, anchors, dates, numbers of every
    /// form, flow and block collections, hostile files) comes back from its entry with
    /// the same values and the same position for every key, value and item.
    @Test func entriesDecodeToWhatTheLoaderMade() throws {
        let sources = SourceTable()
        var checked = 0
        for path in yamlFixtures() {
            let file = sources.add(path: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            guard case .success(let documents) = Loader.load(file, building: ValueSink()) else { continue }
            guard let bytes = ValueCodec.encode(documents) else {
                Issue.record("\(path) was not encoded")
                continue
            }
            let decoded = bytes.withUnsafeBytes { ValueCodec.decode($0, file: file.id) }
            #expect(decoded.map { same($0, documents) } == true, "\(path)")
            checked += 1
        }
        #expect(checked > 200)
    }

    /// Every prefix of an entry is refused, and every byte changed to anything leaves
    /// the decoder standing (refused, or some value: the salt and the file's bytes, not
    /// the decoder, tell a right entry from a wrong one).
    @Test func truncatedOrCorruptedEntriesNeverCrash() throws {
        let sources = SourceTable()
        let file = sources.add(path: "x.yaml", bytes: Array("""
            kind: Inventory
            base: &b { tier: 1, ratio: 0.5, since: 2026-01-31, on: true, none: null }
            systems:
              - { id: pos, <<: *b, data: [orders, "stock levels"], note: "é ✓" }
              - id: erp
                owner: -42
            """.utf8))
        guard case .success(let documents) = Loader.load(file, building: ValueSink()), let bytes = ValueCodec.encode(documents) else {
            Issue.record("the sample did not load")
            return
        }
        for n in 0..<bytes.count {
            #expect(Array(bytes[..<n]).withUnsafeBytes { ValueCodec.decode($0, file: file.id) } == nil, "prefix \(n)")
        }
        #expect((bytes + [0]).withUnsafeBytes { ValueCodec.decode($0, file: file.id) } == nil, "a byte too many")
        for i in bytes.indices {
            for b: UInt8 in [0x00, 0x01, 0x07, 0x08, 0x09, 0x7F, 0x80, 0xFF] {
                var changed = bytes
                changed[i] = b
                _ = changed.withUnsafeBytes { ValueCodec.decode($0, file: file.id) }
            }
        }
    }

    /// Counts beyond the bytes left, nesting beyond the limit, a varint of more than ten
    /// bytes, a date no document can hold, an unknown tag: each refused at once.
    @Test func hostileEntriesAreRefused() {
        func decode(_ bytes: [UInt8]) -> [ValueSink.Tree]? { bytes.withUnsafeBytes { ValueCodec.decode($0, file: FileID(0)) } }
        let range: [UInt8] = [2, 1, 0, 2]  // one line down, column 1 to 2
        #expect(decode([1] + range + [0])?.count == 1)                                          // a null at 1:1
        #expect(decode([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) == nil)                                  // four billion documents
        #expect(decode([1] + range + [7, 0xFF, 0xFF, 0xFF, 0x7F]) == nil)                      // a list of 268 million items
        #expect(decode([1] + range + [5, 100] + Array("short".utf8)) == nil)                   // a string longer than the entry
        #expect(decode([1] + range + [3] + [UInt8](repeating: 0xFF, count: 11)) == nil)        // an endless varint
        #expect(decode([1] + range + [6, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F]) == nil)                // a date in the year 5,000,000
        #expect(decode([1] + range + [9]) == nil)                                              // no such tag
        #expect(decode([1, 1, 1, 0, 2, 0]) == nil)                                             // a line before the first
        #expect(decode([1, 2, 0, 0, 2, 0]) == nil)                                             // column 0
        // Maps: a shape given by its keys once, then by its index; an index not given
        // yet, or keys beyond the bytes left, are refused.
        let keyA: [UInt8] = [8, 0, 1, 5, 1, UInt8(ascii: "a")]
        let twoMaps = decode([1] + range + [7, 2] + range + keyA + range + range + [0] + range + [8, 0] + range + range + [1])
        guard case .list(let maps)? = twoMaps?.first?.value, maps.items.count == 2,
              case .map(let first) = maps.items[0], case .map(let second) = maps.items[1] else {
            Issue.record("two maps of one shape did not decode")
            return
        }
        #expect(first.shape === second.shape && second.value(forField: "a") == .bool(false))
        #expect(decode([1] + range + [8, 1] + range + range + [0]) == nil)                     // a shape not given yet
        #expect(decode([1] + range + [8, 0, 0xFF, 0xFF, 0xFF, 0x7F]) == nil)                  // 268 million keys
        #expect(decode([1] + range + [7, 2] + range + keyA + range + range + [0] + range + [8, 0]) == nil)  // no entries left
        let deep = [1] + range + Array([[UInt8]](repeating: [7, 1] + range, count: ValueCodec.maxDepth + 1).joined()) + [0]
        #expect(decode(deep) == nil)
        let shallow = [1] + range + Array([[UInt8]](repeating: [7, 1] + range, count: ValueCodec.maxDepth - 1).joined()) + [0]
        #expect(decode(shallow)?.count == 1)
    }

    /// A check in a git repository writes an entry per file, reads them on the next run,
    /// replaces the entry of an edited file, and ignores one that was corrupted or made
    /// by another build: the report is the same bytes as with no cache every time.
    @Test func aCheckReadsTheSameWithAndWithoutTheCache() throws {
        let repo = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: repo) }
        let cacheFolder = repo.appendingPathComponent(".git/stratlint-cache").path
        func run(cache: Bool) throws -> (report: String, stores: Int, keys: Int) {
            var request = CheckRequest(today: fixedToday)
            request.paths = [repo.path]
            request.cache = cache
            let result = try CheckRunner.run(request, sources: SourceTable()).get()
            return (rendered(result.report), result.workspace.cacheStores, result.workspace.cacheKeys.count)
        }
        let none = try run(cache: false)
        #expect(none.stores == 0 && !FileManager.default.fileExists(atPath: cacheFolder))
        let cold = try run(cache: true)
        #expect(cold.report == none.report)
        #expect(cold.stores == cold.keys && cold.keys >= 3)
        let warm = try run(cache: true)
        #expect(warm.report == none.report)
        #expect(warm.stores == 0)

        // An edited file: its entry is replaced, the others are read.
        let strategy = repo.appendingPathComponent("strategy.yaml")
        try (String(contentsOf: strategy, encoding: .utf8) + "\n# edited\n").write(to: strategy, atomically: true, encoding: .utf8)
        let edited = try run(cache: true)
        #expect(edited.stores == 1)
        #expect(edited.report == (try run(cache: false)).report)

        // Entries overwritten with noise, cut short, or made by another build.
        let entries = try FileManager.default.contentsOfDirectory(atPath: cacheFolder).filter { $0.hasSuffix(".values") }.sorted()
        try #require(entries.count >= 3)
        let paths = entries.map { (cacheFolder as NSString).appendingPathComponent($0) }
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) }).write(to: URL(fileURLWithPath: paths[0]))
        let whole = try Data(contentsOf: URL(fileURLWithPath: paths[1]))
        try whole.prefix(whole.count - 3).write(to: URL(fileURLWithPath: paths[1]))
        var other = try Data(contentsOf: URL(fileURLWithPath: paths[2]))
        other[other.startIndex + 20] ^= 0x01  // inside the salt
        try other.write(to: URL(fileURLWithPath: paths[2]))
        let mended = try run(cache: true)
        #expect(mended.report == none.report)
        #expect(mended.stores == 3)
        #expect(try run(cache: true).stores == 0)
    }

    /// No cache outside a git repository, nor where `.git` is a file (a worktree, whose
    /// git folder lies elsewhere).
    @Test func onlyInARepositoryWithAGitFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-nocache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        if RepositoryRoot.enclosing(dir.path) == nil {
            #expect(LoadCache.forRepository(holding: dir.path, limits: LoadLimits()) == nil)
        }
        try "gitdir: /elsewhere/.git/worktrees/x\n".write(to: dir.appendingPathComponent(".git"), atomically: true, encoding: .utf8)
        #expect(LoadCache.forRepository(holding: dir.path, limits: LoadLimits()) == nil)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(".git"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: false)
        #expect(LoadCache.forRepository(holding: dir.path, limits: LoadLimits())?.folder == dir.appendingPathComponent(".git/stratlint-cache").path)
    }

    /// Past its bound the folder keeps only the entries the run used: files deleted or
    /// renamed long ago, and temporary files of killed runs, go; a file the cache did
    /// not write stays.
    @Test func theFolderStaysBounded() throws {
        let repo = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: repo) }
        let folder = repo.appendingPathComponent(".git/stratlint-cache")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func key(_ i: Int) -> String { String(repeating: "0", count: 64 - String(i, radix: 16).count) + String(i, radix: 16) }
        let stale = LoadCache.maxEntries(files: 0) + 10
        for i in 0..<stale { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("\(key(i)).values").path, contents: Data([0])) }
        let leftover = ".\(key(1)).123.9.tmp"
        let foreign = ["notes.txt", "\(key(2)).values.bak", "ABC.values"]
        for name in [leftover] + foreign { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data([0])) }
        var request = CheckRequest(today: fixedToday)
        request.paths = [repo.path]
        request.cache = true
        let result = try CheckRunner.run(request, sources: SourceTable()).get()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(left) == Set(result.workspace.cacheKeys.map { $0 + ".values" } + foreign))
        #expect(result.workspace.cacheKeys.count >= 3)
    }

    /// A cache folder that is a link (to anywhere) is not used: entries would be written,
    /// and pruned, where the link leads.
    @Test func aLinkedFolderIsNotUsed() throws {
        let repo = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: repo) }
        let elsewhere = repo.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent(".git/stratlint-cache").path,
                                                   withDestinationPath: elsewhere.path)
        #expect(LoadCache.forRepository(holding: repo.path, limits: LoadLimits()) == nil)
        var request = CheckRequest(today: fixedToday)
        request.paths = [repo.path]
        request.cache = true
        _ = try CheckRunner.run(request, sources: SourceTable()).get()
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    // MARK: - Helpers

    /// The example organisation in a new folder that is a git repository (an empty
    /// `.git` folder is all the cache looks for).
    private func copyOfExample() throws -> URL {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Repository.fixture("acme-retail").path)
        where name.hasSuffix(".yaml") || name == "inventory" {
            try FileManager.default.copyItem(at: Repository.fixture("acme-retail/\(name)"), to: repo.appendingPathComponent(name))
        }
        return repo
    }

    /// Every finding with all a reporter shows of it: place, rule, message, logical
    /// path, fingerprint and related places.
    private func rendered(_ report: Report) -> String {
        report.findings.map { f in
            let places = ([f.range] + f.related.map(Optional.some)).map { r in r.map { "\($0.start.line):\($0.start.column)-\($0.end.line):\($0.end.column)" } ?? "-" }
            return "\(f.file) \(places.joined(separator: ",")) \(f.ruleID) \(f.severity) \(f.message) \(f.logicalPath ?? "-") \(f.fingerprint)"
        }.joined(separator: "\n") + "\n\(report.ruleProblems.count) problems"
    }

    private func yamlFixtures() -> [String] {
        let root = Repository.root.appendingPathComponent("fixtures").path
        let walker = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let name = walker?.nextObject() as? String {
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { paths.append((root as NSString).appendingPathComponent(name)) }
        }
        return paths.sorted()
    }

    private func same(_ a: [ValueSink.Tree], _ b: [ValueSink.Tree]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.range == $1.range && same($0.value, $1.value) }
    }

    /// The same value, scalar for scalar (a double by its bits), with the same positions.
    private func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)): return x == y && Array(x.utf8) == Array(y.utf8)
        case (.date(let x), .date(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.items.count == y.items.count && x.items.indices.allSatisfy { x.range(at: $0) == y.range(at: $0) }
                && zip(x.items, y.items).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            return x.count == y.count && x.values.indices.allSatisfy { x.keyRange(at: $0) == y.keyRange(at: $0) && x.range(at: $0) == y.range(at: $0) }
                && zip(x.keys, y.keys).allSatisfy { same($0, $1) } && zip(x.values, y.values).allSatisfy { same($0, $1) }
        default: return false
        }
    }
}

/// Maps read from one file with the same keys share one shape (issue 19), whether the
/// loader or a cache entry made them; keys spelt differently never do.
@Suite("Shared map shapes")
struct SharedShapeTests {
    static let yaml = """
        systems:
          - {id: a, name: A, security: {mfa: true}}
          - {id: b, name: B, security: {mfa: false}}
          - {id: c, "nam\\u00e9": C}
          - {id: d, "name\\u0301": D}

        """

    @Test func mapsOfOneShapeShareIt() throws {
        let sources = SourceTable()
        let file = sources.add(path: "shapes.yaml", bytes: Array(Self.yaml.utf8))
        guard case .success(let loaded) = Loader.load(file, building: ValueSink()) else {
            Issue.record("the YAML does not load")
            return
        }
        let bytes = try #require(ValueCodec.encode(loaded))
        let decoded = try #require(bytes.withUnsafeBytes { ValueCodec.decode($0, file: file.id) })
        for documents in [loaded, decoded] {
            guard case .map(let root) = documents.first?.value, case .list(let systems)? = root.value(forField: "systems") else {
                Issue.record("no systems")
                return
            }
            let maps = systems.items.compactMap { item -> MapValue? in
                if case .map(let m) = item { return m }
                return nil
            }
            try #require(maps.count == 4)
            #expect(maps[0].shape === maps[1].shape)
            #expect(maps[2].shape !== maps[3].shape)
            #expect(maps[0].shape !== maps[2].shape)
            guard case .map(let s0)? = maps[0].value(forField: "security"), case .map(let s1)? = maps[1].value(forField: "security") else {
                Issue.record("no security maps")
                return
            }
            #expect(s0.shape === s1.shape)
            #expect(maps[2].value(forField: "nam\u{E9}") == .string("C"))
            #expect(maps[3].value(forField: "name\u{301}") == .string("D"))
            #expect(maps[3].value(forField: "nam\u{E9}") == nil)
        }
    }
}
