import Testing
import TestSupport
import YAML

/// YAML 1.1 merge keys, as the tools that write CI configs, compose files and
/// inventories apply them (issue 14).
@Suite("Merge keys")
struct MergeKeyTests {
    func fields(_ node: Node?) -> [String: String] {
        guard case .mapping(let pairs)? = node?.content else { return [:] }
        var out: [String: String] = [:]
        for p in pairs { out[p.key.scalarText ?? "?"] = p.value.scalarText ?? "<collection>" }
        return out
    }

    @Test func explicitKeysWin() throws {
        let doc = try document("base: &b { owner: ops, tier: 2 }\nsystem:\n  <<: *b\n  tier: 1\n  id: erp\n")
        #expect(fields(doc["system"]) == ["owner": "ops", "tier": "1", "id": "erp"])
    }

    @Test func explicitKeyBeforeTheMergeWinsToo() throws {
        let doc = try document("base: &b { owner: ops }\nsystem: { owner: me, <<: *b }\n")
        #expect(fields(doc["system"]) == ["owner": "me"])
    }

    /// A list of mappings merges in order: a key from an earlier mapping wins.
    @Test func listMergesInOrder() throws {
        let doc = try document("a: &a { owner: first }\nb: &b { owner: second, hosting: saas }\ns:\n  <<: [*a, *b]\n")
        #expect(fields(doc["s"]) == ["owner": "first", "hosting": "saas"])
    }

    /// A merged value keeps the position where it is written (the anchor's mapping).
    @Test func mergedValueKeepsItsPosition() throws {
        let doc = try document("base: &b\n  owner: ops\ns:\n  <<: *b\n")
        guard case .mapping(let pairs)? = doc["s"]?.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.first?.value.range.start.line == 2)
    }

    @Test func quotedKeyIsAKey() throws {
        let doc = try document("s:\n  \"<<\": literal\n")
        #expect(fields(doc["s"]) == ["<<": "literal"])
    }

    @Test func mergeOfAScalarIsAnError() throws {
        guard case .failure(let error) = load("s:\n  <<: not-a-mapping\n") else {
            Issue.record("loaded")
            return
        }
        #expect(error.message.contains("the merge key '<<' takes a mapping or a list of mappings"))
        #expect(error.range.start.line == 2)
    }

    /// Merging counts against the alias limit like any alias: 1,000 merges of a
    /// 1,000-entry mapping stop there.
    @Test func mergesCountAgainstTheAliasLimit() throws {
        let big = (0..<1000).map { "k\($0): v" }.joined(separator: ", ")
        let uses = (0..<1000).map { "  - { <<: *big, id: s\($0) }" }.joined(separator: "\n")
        guard case .failure(let error) = load("base: &big { \(big) }\nsystems:\n\(uses)\n") else {
            Issue.record("loaded")
            return
        }
        #expect(error.message.contains("limits.max-alias-nodes"))
    }
}
