import Testing
import YAML

/// The loader hands a closed collection's children to the sink by moving them off its
/// stacks (`MovingStack`). These tests count live trees: every tree the sink made is
/// freed once the result is dropped, whether the load succeeded or stopped half-way,
/// so a child is neither copied and kept nor dropped twice.
@Suite("Loader: children moved, not copied")
struct LoaderOwnershipTests {
    final class Census { var live = 0, made = 0 }

    final class Tracked {
        let census: Census
        let range: SourceRange
        let text: String?
        let children: [Tracked]
        let keys: [Tracked]
        let isMap: Bool

        init(_ census: Census, _ range: SourceRange, text: String? = nil, children: [Tracked] = [], keys: [Tracked] = [], isMap: Bool = false) {
            self.census = census
            self.isMap = isMap
            self.range = range
            self.text = text
            self.children = children
            self.keys = keys
            census.live += 1
            census.made += 1
        }

        deinit { census.live -= 1 }
    }

    struct TrackingSink: TreeSink {
        let census: Census

        func scalar(_ value: Scalar, range: SourceRange) -> Tracked {
            switch value {
            case .string(let s): return Tracked(census, range, text: s)
            case .int(let i): return Tracked(census, range, text: String(i))
            default: return Tracked(census, range, text: "\(value)")
            }
        }
        func sequence(moving items: UnsafeMutableBufferPointer<Tracked>, range: SourceRange) -> Tracked {
            Tracked(census, range, children: items.indices.map { items.moveElement(from: $0) })
        }
        func mapping(keys: UnsafeBufferPointer<Tracked>, moving values: UnsafeMutableBufferPointer<Tracked>, range: SourceRange) -> Tracked {
            Tracked(census, range, children: values.indices.map { values.moveElement(from: $0) }, keys: Array(keys), isMap: true)
        }
        func range(of tree: Tracked) -> SourceRange { tree.range }
        func scalarText(of tree: Tracked) -> String? { tree.text }
        func moved(_ tree: Tracked, to range: SourceRange) -> Tracked {
            Tracked(census, range, text: tree.text, children: tree.children, keys: tree.keys, isMap: tree.isMap)
        }
        func entries(of tree: Tracked) -> (keys: [Tracked], values: [Tracked])? { tree.isMap ? (tree.keys, tree.children) : nil }
        func items(of tree: Tracked) -> [Tracked]? { !tree.isMap && tree.text == nil ? tree.children : nil }
    }

    static let documents = [
        // Nested collections, flow and block, deeper than the stacks' first capacity.
        "a: {b: [1, 2, {c: d}], e: f}\ng:\n  - h\n  - [i, j]\n" + (0..<100).map { "k\($0): [\($0), x]\n" }.joined(),
        // Anchors, aliases and merge keys.
        "base: &b {x: 1, y: 2}\nother: &o [1, 2]\nm:\n  <<: *b\n  y: 3\nn:\n  <<: [*b, {z: 4}]\nl: *o\n",
        // Stopped half-way: a duplicate key deep inside open collections.
        "a:\n  b:\n    - c: 1\n      c: 2\n",
        // Stopped half-way: an unknown alias, and a merge key of the wrong kind.
        "a: [1, {b: *nowhere}]\n",
        "a:\n  <<: 1\n  b: 2\n",
        // A parse error with collections open.
        "a:\n  b: [1, 2\n  c: d\n",
        // Several documents.
        "a: 1\n---\n- b\n- c\n---\nd: {e: f}\n",
    ]

    @Test("every tree the sink made is freed", arguments: documents)
    func everyTreeIsFreed(_ text: String) {
        let census = Census()
        do {
            let file = SourceFile(id: FileID(0), path: "t.yaml", bytes: Array(text.utf8))
            let result = Loader.load(file, building: TrackingSink(census: census))
            // The trees a result holds are alive; those a stopped load made are freed.
            if case .success(let trees) = result { #expect(!trees.isEmpty && census.live > 0) } else { #expect(census.live == 0) }
        }
        #expect(census.made > 0)
        #expect(census.live == 0)
    }

    @Test("a collection gets its children in order, each once")
    func childrenInOrder() throws {
        let census = Census()
        let file = SourceFile(id: FileID(0), path: "t.yaml", bytes: Array("a: [1, 2, 3]\nb: {c: d, e: f}\n".utf8))
        let root = try #require(try Loader.load(file, building: TrackingSink(census: census)).get().first)
        #expect(root.keys.map(\.text) == ["a", "b"])
        #expect(root.children[0].children.map(\.text) == ["1", "2", "3"])
        #expect(root.children[1].keys.map(\.text) == ["c", "e"])
        #expect(root.children[1].children.map(\.text) == ["d", "f"])
    }
}
