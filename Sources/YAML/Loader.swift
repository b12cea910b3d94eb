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
/// - A duplicate key in a mapping is an error.
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
            var builder = TreeBuilder(file: file.id, limits: limits, sink: sink)
            while true {
                switch parser.next() {
                case .failure(let problem):
                    return .failure(YAMLError(explained(problem, in: file), at: builder.point(line: problem.line, column: problem.column)))
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

extension Loader {
    /// libyaml's message, with a hint where it is about a tab: libyaml's "found
    /// character that cannot start any token" does not say that the character is a tab.
    @usableFromInline
    static func explained(_ problem: EventParser.Problem, in file: SourceFile) -> String {
        guard !problem.message.contains("tab"), let text = file.line(problem.line + 1), problem.column >= 0 else { return problem.message }
        let scalars = text.unicodeScalars
        guard let i = scalars.index(scalars.startIndex, offsetBy: problem.column, limitedBy: scalars.endIndex),
              i < scalars.endIndex, scalars[i] == "\t" else { return problem.message }
        return problem.message + "; YAML does not allow tabs for indentation, indent with spaces"
    }
}

/// What the loader builds from libyaml's events. Positions are 1-based, end exclusive.
public protocol TreeSink {
    associatedtype Tree
    func scalar(_ value: Scalar, range: SourceRange) -> Tree
    func sequence(_ items: [Tree], range: SourceRange) -> Tree
    /// `keys` and `values` are parallel.
    func mapping(keys: [Tree], values: [Tree], range: SourceRange) -> Tree
    func range(of tree: Tree) -> SourceRange
    /// The text of a scalar, for duplicate-key checks; nil for a collection.
    func scalarText(of tree: Tree) -> String?
    /// The same tree where an alias uses it.
    func moved(_ tree: Tree, to range: SourceRange) -> Tree
}

/// Builds ``Node`` trees.
public struct NodeSink: TreeSink {
    public init() {}
    public func scalar(_ value: Scalar, range: SourceRange) -> Node { Node(.scalar(value), range: range) }
    public func sequence(_ items: [Node], range: SourceRange) -> Node { Node(.sequence(items), range: range) }
    public func mapping(keys: [Node], values: [Node], range: SourceRange) -> Node {
        var pairs: [Node.Pair] = []
        pairs.reserveCapacity(values.count)
        for (key, value) in zip(keys, values) { pairs.append(Node.Pair(key: key, value: value)) }
        return Node(.mapping(pairs), range: range)
    }
    public func range(of tree: Node) -> SourceRange { tree.range }
    public func scalarText(of tree: Node) -> String? { tree.scalarText }
    public func moved(_ tree: Node, to range: SourceRange) -> Node {
        var moved = tree
        moved.range = range
        return moved
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
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var ok: Bool

    @usableFromInline
    init(_ input: UnsafeBufferPointer<UInt8>) {
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
            return .failure(Problem(message: message, line: Int(p.problem_mark.line), column: Int(p.problem_mark.column)))
        }
        return .success(event)
    }
}

extension yaml_event_t {
    @inlinable
    mutating func release() { yaml_event_delete(&self) }
}

/// Builds nodes from events with an explicit stack, so deep input cannot overflow the
/// Swift stack. The open collections are mutated in place at the top of the stack (no
/// pop and push per node: copying a frame retained every child array).
@usableFromInline
struct TreeBuilder<Sink: TreeSink> {
    @usableFromInline typealias Tree = Sink.Tree

    @usableFromInline
    struct Frame {
        @usableFromInline var isMapping: Bool
        /// A sequence's items, or a mapping's values.
        @usableFromInline var items: [Tree] = []
        /// A mapping's keys, parallel to `items`.
        @usableFromInline var keys: [Tree] = []
        @usableFromInline var pendingKey: Tree?
        /// The keys by text, built only once a mapping is large; a small one (almost
        /// every mapping) is scanned for duplicates instead.
        @usableFromInline var seen: [String: SourceRange]?
        @usableFromInline var start: SourcePosition
        @usableFromInline var flowEnd: Bool
        @usableFromInline var anchor: String?
        /// Nodes below this frame, aliases counted at their expanded size.
        @usableFromInline var size: Int = 0

        @inlinable
        init(isMapping: Bool, start: SourcePosition, flowEnd: Bool, anchor: String?) {
            self.isMapping = isMapping
            self.start = start
            self.flowEnd = flowEnd
            self.anchor = anchor
        }
    }

    @usableFromInline let file: FileID
    @usableFromInline let limits: LoadLimits
    @usableFromInline let sink: Sink
    @usableFromInline var documents: [Tree] = []
    @usableFromInline var stack: [Frame] = []
    @usableFromInline var anchors: [String: (node: Tree, size: Int)] = [:]
    @usableFromInline var expanded = 0

    @inlinable
    init(file: FileID, limits: LoadLimits, sink: Sink) {
        self.file = file
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
            let node = sink.scalar(scalar, range: range(event))
            if let anchor = s.anchor { anchors[String(cString: anchor)] = (node, 1) }
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
            stack.append(Frame(isMapping: !isSequence, start: position(event.start_mark), flowEnd: flow, anchor: anchor))
            return nil
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return nil }
            let closing = closingRange(frame, last: frame.items.last.map(sink.range(of:)), event: event)
            let node = frame.isMapping
                ? sink.mapping(keys: frame.keys, values: frame.items, range: closing)
                : sink.sequence(frame.items, range: closing)
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
    mutating func add(_ node: Tree, size: Int) -> YAMLError? {
        let top = stack.count - 1
        guard top >= 0 else {
            documents.append(node)
            return nil
        }
        stack[top].size += size
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return nil
        }
        if let key = stack[top].pendingKey {
            stack[top].keys.append(key)
            stack[top].items.append(node)
            stack[top].pendingKey = nil
            return nil
        }
        if let k = sink.scalarText(of: node) {
            var first: SourceRange?
            if let index = stack[top].seen {
                first = index[k]
            } else {
                for key in stack[top].keys where sink.scalarText(of: key) == k {
                    first = sink.range(of: key)
                    break
                }
            }
            if let first {
                return YAMLError("duplicate key '\(k)' (first defined at line \(first.start.line)); remove or rename one of them", at: sink.range(of: node))
            }
            let at = sink.range(of: node)
            if stack[top].seen != nil {
                stack[top].seen?[k] = at
            } else if stack[top].keys.count >= 16 {
                var index: [String: SourceRange] = [:]
                for key in stack[top].keys { if let t = sink.scalarText(of: key) { index[t] = sink.range(of: key) } }
                index[k] = at
                stack[top].seen = index
            }
        }
        stack[top].pendingKey = node
        return nil
    }
}
