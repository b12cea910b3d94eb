/// libyaml's commonest errors in hand-written files, said as what the writer did and the
/// edit that mends it: libyaml says what its parser expected (`mapping values are not
/// allowed in this context`), which names neither the cause nor the fix. Each hint is
/// given only when the line shows its cause; otherwise libyaml's words stand alone.
@usableFromInline
enum ParseErrorHints {
    /// The error as reported: words, 0-based position (libyaml's marks), what to do.
    @usableFromInline
    struct Explained {
        @usableFromInline var message: String
        @usableFromInline var line: Int
        @usableFromInline var column: Int
        @usableFromInline var fix: String?
        /// Where the quick fix applies on the error's line (its columns, 0-based, end
        /// exclusive) and its text: the value, quoted. The error is reported over it.
        @usableFromInline var edit: (columns: Range<Int>, text: String)?
    }

    @usableFromInline
    static func explain(_ problem: EventParser.Problem, in file: SourceFile) -> Explained {
        var out = Explained(message: problem.message, line: problem.line, column: problem.column, fix: problem.fix)
        guard problem.fix == nil, problem.column >= 0, let text = file.line(problem.line + 1) else { return out }
        let line = Array(text.unicodeScalars)
        let at = problem.column < line.count ? line[problem.column] : nil
        let message = problem.message
        if at == "\t", !message.contains("tab") {
            out.message += "; YAML does not allow tabs for indentation, indent with spaces"
            return out
        }
        // A quote opened and never closed: libyaml stops at the end of the file; the
        // place to mend is the opening quote.
        if message.hasPrefix("found unexpected end of stream while scanning a quoted scalar"), let start = problem.context {
            out.message = "a quoted value is never closed: libyaml found the end of the file while reading it"
            (out.line, out.column) = start
            out.fix = "Close the quote on the line where it opens; to keep a quote of the same kind inside the text, quote with the other kind ('…' or \"…\")"
            return out
        }
        if let hint = indentation(problem, line: line, in: file) {
            out.message += hint.message
            out.fix = hint.fix
            return out
        }
        guard let entry = Entry(line) else { return out }
        if message.hasPrefix("mapping values are not allowed in this context"), problem.column > entry.valueStart {
            out.message += ": the value of `\(entry.key)` holds ': ', which YAML reads as the start of another key"
            (out.fix, out.edit) = (quoteFix(entry), quoteEdit(entry))
        } else if message.hasPrefix("found character that cannot start any token"), problem.column == entry.valueStart,
                  let c = at, c == "@" || c == "`" || c == "%" {
            out.message += ": a value cannot begin with '\(c)' unless it is quoted (YAML reserves it)"
            (out.fix, out.edit) = (quoteFix(entry), quoteEdit(entry))
        } else if message.hasPrefix("did not find expected key") || message.hasPrefix("did not find expected '-' indicator"),
                  problem.column > entry.valueStart, let first = entry.value.first, let closing = Self.closing[first],
                  let end = Self.closingIndex(of: entry.value, opening: first, closing: closing) {
            // `title: [draft] grow`, `title: "Cloud" first`: the value is read as a list,
            // a mapping or a quoted text, and what follows it on the line belongs nowhere.
            let read = String(String.UnicodeScalarView(entry.value[...end]))
            let what = first == "[" ? "a list" : first == "{" ? "a mapping" : "a quoted text"
            out.message += ": the value of `\(entry.key)` begins with \(read), which YAML reads as \(what), and the text after it belongs to nothing"
            (out.fix, out.edit) = (quoteFix(entry), quoteEdit(entry))
        } else if problem.column >= entry.valueStart, let read = indicatorReading(entry.value) {
            // `title: *bold* growth`, `title: - grow`, `title: |draft| grow`: the first
            // character makes the value something else, which cannot go on as written.
            out.message += ": the value of `\(entry.key)` begins with \(read)"
            (out.fix, out.edit) = (quoteFix(entry), quoteEdit(entry))
        }
        return out
    }

    /// What YAML reads a value that begins with an indicator as, in words; nil for a
    /// value that begins otherwise.
    private static func indicatorReading(_ value: ArraySlice<Unicode.Scalar>) -> String? {
        guard let first = value.first else { return nil }
        let spaced = value.dropFirst().first.map { $0 == " " } ?? true
        switch first {
        case "*": return "'*', which YAML reads as an alias (`*name` repeats what `&name` marks)"
        case "&": return "'&', which YAML reads as an anchor's name (`&name` marks a value for `*name` to repeat)"
        case "|", ">": return "'\(first)', which YAML reads as the start of a block of text on the lines below"
        case "-" where spaced: return "'- ', which YAML reads as a list's item, and a list cannot begin on its key's line"
        case "?" where spaced: return "'? ', which YAML reads as a key"
        default: return nil
        }
    }

    /// Where the bracket or quote that opens `value` closes (`{{goal.id}}` at its second
    /// `}`); quotes do not nest.
    private static func closingIndex(of value: ArraySlice<Unicode.Scalar>, opening: Unicode.Scalar, closing: Unicode.Scalar) -> Int? {
        guard opening != closing else { return value.dropFirst().firstIndex(of: closing) }
        var depth = 0
        for i in value.indices {
            if value[i] == opening { depth += 1 } else if value[i] == closing { depth -= 1 }
            if depth == 0 { return i }
        }
        return nil
    }

    /// A line indented to match nothing above it: deeper than the key before it (read
    /// as more of that key's plain value), or between a list's `- ` and its item's keys,
    /// or off the keys of its mapping.
    private static func indentation(_ problem: EventParser.Problem, line: [Unicode.Scalar], in file: SourceFile) -> (message: String, fix: String)? {
        let indent = line.prefix { $0 == " " }.count
        let message = problem.message
        if message.hasPrefix("mapping values are not allowed in this context"), let entry = Entry(line),
           problem.column == entry.keyEnd,
           let (number, above) = previousLine(before: problem.line + 1, in: file), let previous = Entry(above),
           indent > previous.keyStart, let first = previous.value.first, !"[{\"'|>&*!".unicodeScalars.contains(first) {
            return (": this line is indented more than `\(previous.key)` on line \(number), so YAML reads it as more of the value of `\(previous.key)`",
                    "Indent `\(entry.key)` as `\(previous.key)` is (\(spaces(previous.keyStart))), or put it under a key of its own that ends with `:`")
        }
        guard problem.column == indent, let (contextLine, contextColumn) = problem.context else { return nil }
        if message.hasPrefix("did not find expected '-' indicator"), let start = file.line(contextLine + 1),
           let item = Entry(Array(start.unicodeScalars)), item.keyStart > contextColumn, indent != item.keyStart {
            return (": this line is indented \(spaces(indent)), which lines up with neither the list's `- ` (\(spaces(contextColumn))) nor the keys of its item on line \(contextLine + 1) (\(spaces(item.keyStart)))",
                    "Indent it \(spaces(item.keyStart)) to continue the item on line \(contextLine + 1), or start a new item with `- ` indented \(spaces(contextColumn))")
        }
        if message.hasPrefix("did not find expected key"), message.contains("block mapping"), indent != contextColumn {
            return (": this line is indented \(spaces(indent)), but the keys of the mapping that begins on line \(contextLine + 1) are indented \(spaces(contextColumn))",
                    contextColumn == 0 ? "Start it at the beginning of the line, like the other keys of that mapping"
                        : "Indent it \(spaces(contextColumn)), like the other keys of that mapping")
        }
        return nil
    }

    private static func spaces(_ n: Int) -> String { n == 1 ? "1 space" : "\(n) spaces" }

    /// The last line before line `number` (1-based) that holds more than spaces or a comment.
    private static func previousLine(before number: Int, in file: SourceFile) -> (Int, [Unicode.Scalar])? {
        var n = number - 1
        while n >= 1, number - n <= 100, let text = file.line(n) {
            let scalars = Array(text.unicodeScalars)
            if let first = scalars.first(where: { $0 != " " }), first != "#" { return (n, scalars) }
            n -= 1
        }
        return nil
    }

    private static let closing: [Unicode.Scalar: Unicode.Scalar] = ["[": "]", "{": "}", "\"": "\"", "'": "'"]

    /// "Quote the value: `title: "Phase 2: rollout"`", or in words when the line is long.
    private static func quoteFix(_ entry: Entry) -> String {
        let value = String(String.UnicodeScalarView(entry.value))
        guard entry.value.count <= 80 else {
            return "Put the whole value of `\(entry.key)` in quotes, writing any \" inside it as \\\""
        }
        return "Put the whole value in quotes: `\(entry.key): \(ScalarQuoting.quoted(value))`"
    }

    /// The value quoted in place, when it fits on its line as the fix quotes it.
    private static func quoteEdit(_ entry: Entry) -> (columns: Range<Int>, text: String)? {
        guard entry.value.count <= 80 else { return nil }
        return (entry.value.startIndex..<entry.value.endIndex, ScalarQuoting.quoted(String(String.UnicodeScalarView(entry.value))))
    }

    /// A block mapping's entry on one line, `[- ]key: value`, as written: the key, and
    /// the value (without a trailing comment) with the column where it begins.
    struct Entry {
        let key: String
        /// Where the key begins and where its `:` is (0-based columns).
        let keyStart: Int, keyEnd: Int
        let valueStart: Int
        let value: ArraySlice<Unicode.Scalar>

        init?(_ line: [Unicode.Scalar]) {
            var i = 0
            while true {  // indentation and list dashes: `  - - key: value`
                while i < line.count, line[i] == " " { i += 1 }
                guard i + 1 < line.count, line[i] == "-", line[i + 1] == " " else { break }
                i += 2
            }
            keyStart = i
            // A plain key (not quoted, not flow, no anchor or tag) ends at the first `: `
            // (or `:` at the end of the line), before any comment.
            guard i < line.count, !"\"'[]{},#&*!|>%@`?".unicodeScalars.contains(line[i]) else { return nil }
            while i < line.count, !(line[i] == ":" && (i + 1 == line.count || line[i + 1] == " ")) {
                if line[i] == "#", line[i - 1] == " " { return nil }
                i += 1
            }
            guard i < line.count, i > keyStart else { return nil }
            key = String(String.UnicodeScalarView(line[keyStart..<i])).trimmingSpaces
            keyEnd = i
            i += 1
            while i < line.count, line[i] == " " { i += 1 }
            valueStart = i
            var end = line.count
            for j in i..<line.count where line[j] == "#" && line[j - 1] == " " {  // a comment
                end = j
                break
            }
            while end > i, line[end - 1] == " " { end -= 1 }
            value = line[i..<end]
            guard !key.isEmpty else { return nil }
        }
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
