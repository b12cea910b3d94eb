import CYAML
import Foundation

/// Reads YAML with libyaml's event API and builds ``Node`` trees straight from the
/// events. This is the only user of libyaml in stratlint.
///
/// - Every node keeps its start and end position (1-based; end exclusive). A block
///   collection ends at its last child, since libyaml's end mark lands on the next token.
/// - Plain scalars resolve by the YAML 1.2 core schema (``ScalarResolver``); quoted and
///   block scalars are strings unless tagged.
/// - Aliases are expanded, up to ``LoadLimits/maxAliasExpansion`` nodes per file.
/// - Merge keys (`<<: *base`) are applied, as YAML 1.1 tools (and the CI configs,
///   compose files and inventories written for them) expect.
/// - A duplicate key in a mapping is an error.
/// - A key without `:` in a flow mapping (`c` in `{ a: b, c }`: a comma ended the value
///   before it, as people who write one almost always meant the comma to be part of
///   that value) gets its null value as an empty range at the key's end, where no other
///   value starts: the document check tells it from `{ c: }` by that (``FlowCommas``).
public enum Loader {
    /// The documents of `file`, or the first error in it.
    public static func load(_ file: SourceFile, limits: LoadLimits = LoadLimits()) -> Result<[Node], YAMLError> {
        load(file, building: NodeSink(), limits: limits)
    }

    /// The documents of `file` as `sink` builds them (nodes, or another tree), or the
    /// first error in it. Building the caller's tree straight from the events spares an
    /// intermediate `Node` tree.
    /// Inlinable so that the builder is specialised for the caller's sink (an
    /// unspecialised generic tree builder was twice as slow as the `Node` one).
    @inlinable
    public static func load<Sink: TreeSink>(_ file: SourceFile, building sink: Sink, limits: LoadLimits = LoadLimits()) -> Result<[Sink.Tree], YAMLError> {
        file.bytes.withUnsafeBufferPointer { buffer in
            let parser = EventParser(buffer)
            var builder = TreeBuilder(file: file.id, text: buffer, limits: limits, sink: sink)
            while true {
                switch parser.next() {
                case .failure(let problem):
                    let e = ParseErrorHints.explain(problem, in: file)
                    guard let edit = e.edit else {
                        return .failure(YAMLError(e.message, at: builder.point(line: e.line, column: e.column), fix: e.fix))
                    }
                    // Reported over the value the fix quotes, which the editor replaces.
                    let range = SourceRange(file: file.id, start: SourcePosition(line: e.line + 1, column: edit.columns.lowerBound + 1),
                                            end: SourcePosition(line: e.line + 1, column: edit.columns.upperBound + 1))
                    return .failure(YAMLError(e.message, at: range, fix: e.fix, replacement: edit.text))
                case .success(let event):
                    defer { event.pointee.release() }
                    if event.pointee.type == YAML_STREAM_END_EVENT {
                        return .success(builder.documents)
                    }
                    if let error = builder.handle(event.pointee) { return .failure(error) }
                }
            }
        }
    }
}

/// What the loader builds from libyaml's events. Positions are 1-based, end exclusive.
public protocol TreeSink {
    associatedtype Tree
    func scalar(_ value: Scalar, range: SourceRange) -> Tree
    /// `items` are handed over: the sink moves each out exactly once
    /// (`moveElement(from:)`), so that no child is copied and then dropped.
    func sequence(moving items: UnsafeMutableBufferPointer<Tree>, range: SourceRange) -> Tree
    /// `keys` and `values` are parallel; `keys` are lent (the builder drops them),
    /// `values` handed over as a sequence's items are.
    func mapping(keys: UnsafeBufferPointer<Tree>, moving values: UnsafeMutableBufferPointer<Tree>, range: SourceRange) -> Tree
    func range(of tree: Tree) -> SourceRange
    /// The text of a scalar, for duplicate-key checks; nil for a collection.
    func scalarText(of tree: Tree) -> String?
    /// The same tree where an alias uses it.
    func moved(_ tree: Tree, to range: SourceRange) -> Tree
    /// A mapping's keys and values (for merge keys, `<<: *base`); nil for anything else.
    func entries(of tree: Tree) -> (keys: [Tree], values: [Tree])?
    /// A sequence's items (a merge key's list of mappings); nil for anything else.
    func items(of tree: Tree) -> [Tree]?
}

/// Builds ``Node`` trees.
public struct NodeSink: TreeSink {
    public init() {}
    public func scalar(_ value: Scalar, range: SourceRange) -> Node { Node(.scalar(value), range: range) }
    public func sequence(moving items: UnsafeMutableBufferPointer<Node>, range: SourceRange) -> Node {
        Node(.sequence(items.indices.map { items.moveElement(from: $0) }), range: range)
    }
    public func mapping(keys: UnsafeBufferPointer<Node>, moving values: UnsafeMutableBufferPointer<Node>, range: SourceRange) -> Node {
        Node(.mapping(values.indices.map { Node.Pair(key: keys[$0], value: values.moveElement(from: $0)) }), range: range)
    }
    public func range(of tree: Node) -> SourceRange { tree.range }
    public func scalarText(of tree: Node) -> String? { tree.scalarText }
    public func moved(_ tree: Node, to range: SourceRange) -> Node {
        var moved = tree
        moved.range = range
        return moved
    }
    public func entries(of tree: Node) -> (keys: [Node], values: [Node])? {
        guard case .mapping(let pairs) = tree.content else { return nil }
        return (pairs.map(\.key), pairs.map(\.value))
    }
    public func items(of tree: Node) -> [Node]? {
        guard case .sequence(let items) = tree.content else { return nil }
        return items
    }
}

/// Owns a `yaml_parser_t` at a fixed heap address (it points into itself) and frees
/// it, and the current event, on every path.
@usableFromInline
final class EventParser {
    @usableFromInline
    struct Problem: Error {
        @usableFromInline var message: String
        @usableFromInline var line: Int
        @usableFromInline var column: Int
        @usableFromInline var fix: String? = nil
        /// Where the construct being read when the error came began (a quoted value's
        /// opening quote), 0-based, when libyaml names one.
        @usableFromInline var context: (line: Int, column: Int)? = nil
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var ok: Bool
    private let input: UnsafeBufferPointer<UInt8>

    @usableFromInline
    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        ok = yaml_parser_initialize(parser) == 1
        if ok {
            // libyaml reads the bytes in place: the caller keeps them alive.
            yaml_parser_set_input_string(parser, input.baseAddress ?? UnsafePointer(bitPattern: 1), input.count)
        }
    }

    deinit {
        if ok { yaml_parser_delete(parser) }
        parser.deallocate()
        event.deallocate()
    }

    /// The next event; the caller calls `release()` on it when done.
    @usableFromInline
    func next() -> Result<UnsafeMutablePointer<yaml_event_t>, Problem> {
        guard ok else { return .failure(Problem(message: "out of memory initialising the YAML parser", line: 0, column: 0)) }
        guard yaml_parser_parse(parser, event) == 1 else {
            let p = parser.pointee
            var message = p.problem.map { String(cString: $0) } ?? "cannot parse YAML"
            if let context = p.context.map({ String(cString: $0) }) {
                message += " " + context
                let start = p.context_mark
                if start.line != p.problem_mark.line || start.column != p.problem_mark.column {
                    message += " that starts at line \(start.line + 1), column \(start.column + 1)"
                }
            }
            ok = false
            yaml_parser_delete(parser)
            // libyaml's reader (bad UTF-8, a control character) gives a byte offset and
            // the offending value, not a mark: find the line and column from the offset.
            if p.error == YAML_READER_ERROR {
                let (line, column) = Self.position(ofByte: p.problem_offset, in: input)
                let value = p.problem_value
                let octet = message.contains("octet")
                message += value >= 0 ? (octet ? String(format: " (byte 0x%02X)", value) : String(format: " (U+%04X)", value)) : ""
                // UTF-16 and UTF-32 were made UTF-8 when the file was read (``TextEncoding``):
                // bad UTF-8 here is another encoding, most often a spreadsheet's export.
                guard octet else { return .failure(Problem(message: message, line: line, column: column)) }
                return .failure(Problem(message: message + ": the file is not UTF-8 (a Windows code page or Latin-1?)", line: line, column: column,
                                        fix: "Save the file as UTF-8"))
            }
            return .failure(Problem(message: message, line: Int(p.problem_mark.line), column: Int(p.problem_mark.column),
                                    context: p.context == nil ? nil : (Int(p.context_mark.line), Int(p.context_mark.column))))
        }
        return .success(event)
    }
}

extension EventParser {
    /// The 0-based line and column (in code points, as libyaml's marks count) of the
    /// byte at `offset`.
    static func position(ofByte offset: Int, in input: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 0, column = 0
        for byte in input.prefix(max(0, min(offset, input.count))) {
            if byte == 0x0A {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1  // a code point starts: not a UTF-8 continuation byte
            }
        }
        return (line, column)
    }
}

extension yaml_event_t {
    @inlinable
    mutating func release() { yaml_event_delete(&self) }
}

/// Builds nodes from events with an explicit stack, so deep input cannot overflow the
/// Swift stack. The children of every open collection wait on two shared stacks (keys,
/// and items or values), each frame knowing where its own begin: a collection costs no
/// array of its own until the sink builds it, at its exact size, when it closes.
@usableFromInline
struct TreeBuilder<Sink: TreeSink>: ~Copyable {
    @usableFromInline typealias Tree = Sink.Tree

    @usableFromInline
    struct Frame {
        @usableFromInline var isMapping: Bool
        /// Where this collection's items (a sequence's) or values (a mapping's) begin
        /// on the builder's `items` stack.
        @usableFromInline var itemBase: Int
        /// Where a mapping's keys begin on the builder's `keys` stack.
        @usableFromInline var keyBase: Int
        /// The keys by text, built only once a mapping is large; a small one (almost
        /// every mapping) is scanned for duplicates instead.
        @usableFromInline var seen: [String: SourceRange]?
        @usableFromInline var start: SourcePosition
        @usableFromInline var flowEnd: Bool
        @usableFromInline var anchor: String?
        /// Nodes below this frame, aliases counted at their expanded size.
        @usableFromInline var size: Int = 0
        /// Where a mapping's merge key (`<<`) stands among its keys.
        @usableFromInline var mergeIndex: Int?

        /// Whether this mapping has a key waiting for its value (`keys` and `items` are
        /// the sizes of the builder's two stacks): a mapping's keys and values alternate.
        @inlinable
        func awaitsValue(keys: Int, items: Int) -> Bool {
            isMapping && keys - keyBase > items - itemBase
        }

        @inlinable
        init(isMapping: Bool, itemBase: Int, keyBase: Int, start: SourcePosition, flowEnd: Bool, anchor: String?) {
            self.isMapping = isMapping
            self.itemBase = itemBase
            self.keyBase = keyBase
            self.start = start
            self.flowEnd = flowEnd
            self.anchor = anchor
        }
    }

    @usableFromInline let file: FileID
    /// The file's UTF-8, read only between a flow mapping's key and an empty value.
    @usableFromInline let text: UnsafeBufferPointer<UInt8>
    /// A character index of `text` (libyaml's marks count characters) and its byte
    /// offset, moved forward as the marks are: the text is walked once at most.
    @usableFromInline var cursor = (character: 0, byte: 0)
    /// Where the previous event ended (a character index).
    @usableFromInline var previousEnd = 0
    @usableFromInline let limits: LoadLimits
    @usableFromInline let sink: Sink
    @usableFromInline var documents: [Tree] = []
    @usableFromInline var stack: [Frame] = []
    /// The children of the open collections, innermost last (see ``Frame``).
    @usableFromInline var items = MovingStack<Tree>()
    @usableFromInline var keys = MovingStack<Tree>()
    /// The text of each key on `keys` (nil for a collection): the duplicate check
    /// compares texts, not trees, which spares a copy of every earlier key for every key.
    @usableFromInline var keyTexts: [String?] = []
    @usableFromInline var anchors: [String: (node: Tree, size: Int)] = [:]
    @usableFromInline var expanded = 0

    @inlinable
    init(file: FileID, text: UnsafeBufferPointer<UInt8>, limits: LoadLimits, sink: Sink) {
        self.file = file
        self.text = text
        self.limits = limits
        self.sink = sink
    }

    @inlinable
    func point(line: Int, column: Int) -> SourceRange {
        SourceRange(file: file, start: SourcePosition(line: line + 1, column: column + 1),
                    end: SourcePosition(line: line + 1, column: column + 2))
    }

    @inlinable
    func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    @inlinable
    func range(_ event: yaml_event_t) -> SourceRange {
        SourceRange(file: file, start: position(event.start_mark), end: position(event.end_mark))
    }

    @inlinable
    mutating func handle(_ event: yaml_event_t) -> YAMLError? {
        defer { previousEnd = Int(event.end_mark.index) }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            return nil
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            let scalar: Scalar
            if let tag = s.tag.map({ String(cString: $0) }), tag.hasPrefix("tag:yaml.org,2002:") {
                guard let resolved = ScalarResolver.resolve(text, tag: tag) else {
                    return YAMLError("'\(text)' is not a valid \(tag.dropFirst(18)) for its tag; remove the tag or fix the value", at: range(event))
                }
                scalar = resolved
            } else if s.style == YAML_PLAIN_SCALAR_STYLE {
                scalar = ScalarResolver.resolve(plain: text)
            } else {
                scalar = .string(text)
            }
            var at = range(event)
            if s.length == 0, s.style == YAML_PLAIN_SCALAR_STYLE, let key = bareFlowKey(valueAt: event.start_mark) {
                // `{ a: b, c }`: `c`'s value, placed where it shows (``Loader``).
                at = SourceRange(file: file, start: key.end, end: key.end)
            }
            let node = sink.scalar(scalar, range: at)
            if let anchor = s.anchor { anchors[String(cString: anchor)] = (node, 1) }
            // A plain `<<` in a key's place is YAML 1.1's merge key, which the mapping
            // applies when it closes.
            if s.style == YAML_PLAIN_SCALAR_STYLE, s.length == 2, text == "<<", let top = stack.indices.last,
               stack[top].isMapping, !stack[top].awaitsValue(keys: keys.count, items: items.count) {
                stack[top].mergeIndex = keys.count - stack[top].keyBase
            }
            return add(node, size: 1)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard stack.count < limits.maxDepth else {
                return YAMLError("nesting is deeper than \(limits.maxDepth) levels (limits.max-depth); flatten the document", at: range(event))
            }
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let anchor = (isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor).map { String(cString: $0) }
            let flow = isSequence
                ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            stack.append(Frame(isMapping: !isSequence, itemBase: items.count, keyBase: keys.count,
                               start: position(event.start_mark), flowEnd: flow, anchor: anchor))
            return nil
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return nil }
            let closing = closingRange(frame, last: items.count > frame.itemBase ? items.last.map(sink.range(of:)) : nil, event: event)
            // libyaml gives every key a value (an empty one is null); a key left without
            // one is dropped rather than paired with nothing.
            let keyEnd = min(keys.count, frame.keyBase + items.count - frame.itemBase)
            keyTexts.removeSubrange(frame.keyBase...)
            if frame.isMapping, let at = frame.mergeIndex, at < keyEnd - frame.keyBase {
                // The merged entries take the mapping's place on the stacks.
                switch merged(keys.copies(from: frame.keyBase, to: keyEnd), items.copies(from: frame.itemBase, to: items.count), at: at) {
                case .success(let entries):
                    keys.removeAll(from: frame.keyBase)
                    items.removeAll(from: frame.itemBase)
                    for key in entries.0 { keys.append(key) }
                    for value in entries.1 { items.append(value) }
                case .failure(let error): return error
                }
            }
            // The children are moved into the new node, and the stacks end where the
            // collection's children began.
            let node: Tree
            if !frame.isMapping {
                node = sink.sequence(moving: items.popMoving(from: frame.itemBase), range: closing)
            } else {
                let keyCount = items.count - frame.itemBase
                node = sink.mapping(keys: keys.elements(from: frame.keyBase, to: frame.keyBase + keyCount),
                                    moving: items.popMoving(from: frame.itemBase), range: closing)
                keys.removeAll(from: frame.keyBase)
            }
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.size + 1) }
            return add(node, size: frame.size + 1)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            guard let target = anchors[name] else {
                return YAMLError("unknown anchor '\(name)'; define it with &\(name) before using *\(name)", at: range(event))
            }
            expanded += target.size
            guard expanded <= limits.maxAliasExpansion else {
                return YAMLError("aliases expand to more than \(limits.maxAliasExpansion) nodes (limits.max-alias-nodes; a \"billion laughs\" document?); use fewer aliases", at: range(event))
            }
            return add(sink.moved(target.node, to: range(event)), size: target.size)
        default:
            return nil
        }
    }

    /// A mapping with its merge key (at `at`) applied, as YAML 1.1 tools do: the merged
    /// mapping's entries (or each of a list's mappings in turn) take the merge key's
    /// place, except the keys the mapping sets itself, which win, and keys an earlier
    /// mapping of the list gave. The merged entries were counted against
    /// ``LoadLimits/maxAliasExpansion`` when their aliases were expanded.
    @inlinable
    func merged(_ keys: [Tree], _ values: [Tree], at: Int) -> Result<([Tree], [Tree]), YAMLError> {
        let value = values[at]
        var sources: [Tree] = []
        if sink.entries(of: value) != nil {
            sources = [value]
        } else if let items = sink.items(of: value), items.allSatisfy({ sink.entries(of: $0) != nil }) {
            sources = items
        } else {
            return .failure(YAMLError(
                "the merge key '<<' takes a mapping or a list of mappings (<<: *base, or <<: [*a, *b]); quote it ('<<') for a key of that name",
                at: sink.range(of: value)))
        }
        var taken = Set<String>()
        for (i, key) in keys.enumerated() where i != at {
            if let text = sink.scalarText(of: key) { taken.insert(text) }
        }
        var mergedKeys: [Tree] = [], mergedValues: [Tree] = []
        for source in sources {
            guard let (k, v) = sink.entries(of: source) else { continue }
            for (key, value) in zip(k, v) {
                if let text = sink.scalarText(of: key), !taken.insert(text).inserted { continue }
                mergedKeys.append(key)
                mergedValues.append(value)
            }
        }
        return .success((Array(keys[..<at]) + mergedKeys + Array(keys[(at + 1)...]),
                         Array(values[..<at]) + mergedValues + Array(values[(at + 1)...])))
    }

    /// The range of the key of the flow mapping being built, when it waits for the value
    /// that starts at `mark` and no `:` stands between them (`c` in `{ a: b, c }`).
    @inlinable
    mutating func bareFlowKey(valueAt mark: yaml_mark_t) -> SourceRange? {
        guard let top = stack.indices.last, stack[top].isMapping, stack[top].flowEnd,
              stack[top].awaitsValue(keys: keys.count, items: items.count), keys.count > stack[top].keyBase,
              let from = byteOffset(ofCharacter: previousEnd), let to = byteOffset(ofCharacter: Int(mark.index)),
              from <= to else { return nil }
        // Between a key and its value there are only spaces, line breaks, comments and
        // the `:` (a comment may hold one: it runs to the line's end).
        var i = from, inComment = false
        while i < to {
            switch text[i] {
            case UInt8(ascii: "#"): inComment = true
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): inComment = false
            case UInt8(ascii: ":") where !inComment: return nil
            default: break
            }
            i += 1
        }
        return sink.range(of: keys[keys.count - 1])
    }

    /// The byte offset of character `index` of `text` (nil past its end). `:` is ASCII,
    /// so no byte of another character is one.
    @inlinable
    mutating func byteOffset(ofCharacter index: Int) -> Int? {
        if index < cursor.character { cursor = (0, 0) }
        while cursor.character < index {
            guard cursor.byte < text.count else { return nil }
            cursor.byte += 1
            while cursor.byte < text.count, text[cursor.byte] & 0xC0 == 0x80 { cursor.byte += 1 }
            cursor.character += 1
        }
        return cursor.byte
    }

    /// A flow collection ends at its closing bracket; a block one at its last child.
    @inlinable
    func closingRange(_ frame: Frame, last: SourceRange?, event: yaml_event_t) -> SourceRange {
        let end: SourcePosition
        if frame.flowEnd {
            end = position(event.end_mark)
        } else {
            end = last?.end ?? SourcePosition(line: Int(frame.start.line), column: Int(frame.start.column) + 1)
        }
        return SourceRange(file: file, start: frame.start, end: end)
    }

    @inlinable
    mutating func add(_ node: consuming Tree, size: Int) -> YAMLError? {
        let top = stack.count - 1
        guard top >= 0 else {
            documents.append(node)
            return nil
        }
        stack[top].size += size
        guard stack[top].isMapping else {
            items.append(node)
            return nil
        }
        // A mapping's key waits on `keys` until its value comes.
        if stack[top].awaitsValue(keys: keys.count, items: items.count) {
            items.append(node)
            return nil
        }
        let text = sink.scalarText(of: node)
        if let k = text {
            let base = stack[top].keyBase
            var first: SourceRange?
            if let index = stack[top].seen {
                first = index[k]
            } else if let j = keyTexts[base...].firstIndex(where: { $0 == k }) {
                first = sink.range(of: keys[j])
            }
            if let first {
                let at = sink.range(of: node)
                if let last = items.last.map(sink.range(of:)), items.count > stack[top].itemBase, FlowCommas.isBareValue(last, of: sink.range(of: keys[keys.count - 1])) {
                    // `{ budget: 1,000,000 }`: the commas made `000` a key, twice.
                    return YAMLError("duplicate key '\(k)' (first defined at line \(first.start.line)): " + FlowCommas.explanation
                                     + "; write a number without separators (1000000), and quote text that holds a comma", at: at)
                }
                return YAMLError("duplicate key '\(k)' (first defined at line \(first.start.line)); remove or rename one of them", at: at)
            }
            let at = sink.range(of: node)
            if stack[top].seen != nil {
                stack[top].seen?[k] = at
            } else if keys.count - base >= 16 {
                var index: [String: SourceRange] = [:]
                for j in base..<keys.count { if let t = keyTexts[j] { index[t] = sink.range(of: keys[j]) } }
                index[k] = at
                stack[top].seen = index
            }
        }
        keys.append(node)
        keyTexts.append(text)
        return nil
    }
}
