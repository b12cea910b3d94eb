import RuleLanguage
import YAML

/// The functions stratlint adds to CEL for strategy documents.
extension FunctionTable {
    static let domain: [Function] = [
        Function("today", .global, [0], pure: false) { _, frame, _ in .date(frame.context.today) },
        Function("date", .global, [1]) { a, _, r in
            switch a[0] {
            case .null, .date: return a[0]
            case .string(let s): return asDate(a[0]).map(Value.date) ?? fail("'\(s)' is not a date; write YYYY-MM-DD", r)
            default: return noOverload("date", a, r)
            }
        },
        Function("daysSince", .global, [1], pure: false) { a, frame, r in
            guard case .null = a[0] else {
                guard let d = asDate(a[0]) else { return fail("daysSince() needs a date (YYYY-MM-DD), not \(describe(a[0]))", r) }
                return .int(Int64(frame.context.today.daysSinceEpoch - d.daysSinceEpoch))
            }
            return .null
        },
        Function("daysUntil", .global, [1], pure: false) { a, frame, r in
            guard case .null = a[0] else {
                guard let d = asDate(a[0]) else { return fail("daysUntil() needs a date (YYYY-MM-DD), not \(describe(a[0]))", r) }
                return .int(Int64(d.daysSinceEpoch - frame.context.today.daysSinceEpoch))
            }
            return .null
        },
        Function("words", .global, [1]) { a, _, r in
            switch a[0] {
            case .null: return .list([])
            case .string(let s): return .list(words(s).map(Value.string))
            default: return noOverload("words", a, r)
            }
        },
        // Backstage entity references (docs/backstage.md): `entityRef(ref, defaultKind)`
        // reads `[kind:][namespace/]name` (or `{kind, namespace, name}`) and gives the
        // canonical `kind:namespace/name`, lower-case, namespace `default` when absent;
        // `entityRef(entity)` gives an entity document's own. null when there is no kind
        // (and no default) or no name, or the text is not a reference.
        // `entityRef(ref, defaultKind, namespace)`: the namespace a reference without one
        // means is the referring entity's (Backstage resolves relations that way); null or
        // left out, `default`.
        Function("entityRef", .global, [1, 2, 3]) { a, _, r in
            if a.count == 1 {
                guard case .map(let doc) = a[0] else { return a[0] == .null ? .null : noOverload("entityRef", a, r) }
                let metadata: MapValue?
                if case .map(let m)? = doc.value(forField: "metadata") { metadata = m } else { metadata = nil }
                return canonicalRef(kind: doc.value(forField: "kind"), namespace: metadata?.value(forField: "namespace"),
                                    name: metadata?.value(forField: "name"))
            }
            let defaultKind: Value
            switch a[1] {
            case .string, .null: defaultKind = a[1]
            default: return noOverload("entityRef", a, r)
            }
            var defaultNamespace = Value.null
            if a.count == 3 {
                switch a[2] {
                case .string, .null: defaultNamespace = a[2]
                default: return noOverload("entityRef", a, r)
                }
            }
            switch a[0] {
            case .null: return .null
            case .string(let text):
                return entityRef(parsing: text, defaultKind: defaultKind, defaultNamespace: defaultNamespace)
            case .map(let m):
                return canonicalRef(kind: m.value(forField: "kind") ?? defaultKind, namespace: m.value(forField: "namespace") ?? defaultNamespace,
                                    name: m.value(forField: "name"))
            default: return noOverload("entityRef", a, r)
            }
        },
        // The type of a value, by name ("list", "date", …): for rules about the model's
        // own shape (CEL's type() returns type values; names are simpler to compare).
        Function("typeOf", .global, [1]) { a, _, _ in .string(a[0].typeName) },
        // What a message shows for a missing value: `{{ orElse(item.id, 'an unnamed system') }}`.
        Function("orElse", .both, [2]) { a, _, _ in
            if case .null = a[0] { return a[1] }
            return a[0]
        },
        Function("hasNumber", .global, [1]) { a, _, r in
            switch a[0] {
            case .null: return .bool(false)
            case .int, .uint, .double: return .bool(true)
            case .string(let s): return .bool(s.unicodeScalars.contains { $0.properties.numericType == .decimal } || NumberWords.occur(in: s))
            default: return noOverload("hasNumber", a, r)
            }
        },
        Function("firstMatch", .global, [2]) { a, _, r in
            guard case .list(let terms) = a[1] else { return noOverload("firstMatch", a, r) }
            // Terms that come from the documents; a vocabulary's are lowered as the
            // rule compiles (Emitter.call).
            return firstMatch(a[0], terms, LoweredTerms.shared.terms(of: terms), r)
        },
        // "Did you mean": the string of a list nearest to a misspelt one.
        Function("closest", .global, [2]) { a, frame, r in
            guard case .list(let candidates) = a[1] else { return a[1] == .null ? .null : noOverload("closest", a, r) }
            switch a[0] {
            case .null: return .null
            case .string(let s): return closest(to: s, among: candidates, frame: frame, r)
            default: return noOverload("closest", a, r)
            }
        },
        Function("counts", .global, [1]) { a, _, r in
            switch a[0] {
            case .null: return .map(MapValue(keys: [], values: []))
            case .list(let l):
                var order: [Value] = []
                var tally: [HashKey: Int] = [:]
                for item in l.items {
                    switch item {
                    case .string, .int, .uint, .bool, .double, .date: break
                    case .null: continue
                    default: return fail("counts() needs a list of scalars, found \(describe(item))", r)
                    }
                    let key = HashKey(item)
                    if tally[key] == nil { order.append(item) }
                    tally[key, default: 0] += 1
                }
                return .map(MapValue(keys: order, values: order.map { .int(Int64(tally[HashKey($0)] ?? 0)) }))
            default: return noOverload("counts", a, r)
            }
        },
        Function("sum", .global, [1]) { a, _, r in
            guard case .list(let l) = a[0] else {
                if case .null = a[0] { return .int(0) }
                return noOverload("sum", a, r)
            }
            var total: Int64 = 0
            var double: Double?
            for item in l.items {
                switch item {
                case .null: continue
                case .int(let i):
                    if let d = double { double = d + Double(i); continue }
                    let (v, overflow) = total.addingReportingOverflow(i)
                    if overflow { double = Double(total) + Double(i) } else { total = v }
                case .uint(let u):
                    double = (double ?? Double(total)) + Double(u)
                case .double(let d):
                    double = (double ?? Double(total)) + d
                case .error: return item
                default: return fail("sum() needs numbers, found \(describe(item))", r)
                }
            }
            return double.map(Value.double) ?? .int(total)
        },
    ]

    static func describe(_ v: Value) -> String {
        if case .string(let s) = v { return "'\(s)'" }
        return v.typeName
    }

    /// A date, or a string that starts with `YYYY-MM-DD` (followed by nothing or `T...`).
    static func asDate(_ v: Value) -> CivilDate? {
        switch v {
        case .date(let d): return d
        case .string(let s):
            if let d = CivilDate(iso: s) { return d }
            let prefix = s.prefix(11)
            if prefix.count == 11, prefix.last == "T" || prefix.last == " " { return CivilDate(iso: prefix.dropLast()) }
            return nil
        default: return nil
        }
    }

    /// `firstMatch(text, terms)` with the terms lowered (`lowered`): the earliest term in
    /// the text, null for a null text.
    static func firstMatch(_ text: Value, _ terms: ListValue, _ lowered: LoweredTerms.Terms, _ r: SourceRange?) -> Value {
        switch text {
        case .null: return .null
        case .string(let s): return WordMatch.first(of: lowered, in: s).map(Value.string) ?? .null
        default: return noOverload("firstMatch", [text, .list(terms)], r)
        }
    }

    /// `closest(s, xs)`: the string of `candidates` fewest edits from `s` (insertions,
    /// deletions, substitutions, swaps of neighbours: ``EditDistance``), within one edit
    /// when either has at most four code points and two otherwise; the first of equally
    /// near ones; `s` itself and items that are not strings do not count. Every candidate
    /// is a step and every distance computed its length product (limits.max-steps): a
    /// list the documents make long is paid for.
    static func closest(to s: String, among candidates: ListValue, frame: Frame, _ r: SourceRange?) -> Value {
        guard frame.spend(candidates.count) else { return frame.overBudget(at: r) }
        var over = false
        let strings = candidates.items.lazy.compactMap { item -> String? in if case .string(let c) = item { c } else { nil } }
        let near = EditDistance.nearest(s, among: strings) { work in
            over = !frame.spend(work)
            return !over
        }
        if over { return frame.overBudget(at: r) }
        return near.map(Value.string) ?? .null
    }

    /// Whether `c` is a letter or a digit (Unicode's Alphabetic, or a numeric type). An
    /// ASCII scalar is answered without the property tables: only A–Z, a–z and 0–9 are.
    @inline(__always)
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value | 0x20  // A–Z folded onto a–z; digits are unchanged by it
            return (v >= 0x61 && v <= 0x7A) || (c.value >= 0x30 && c.value <= 0x39)
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// Lower-cased words: runs of letters and digits, with inner `-` and `'` kept
    /// (`best-in-class` is one word).
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            while let last = current.last, last == "-" || last == "'" { current.removeLast() }
            if !current.isEmpty { out.append(String(current).lowercased()) }
            current = String.UnicodeScalarView()
        }
        for c in s.unicodeScalars {
            if isWordScalar(c) {
                current.append(c)
            } else if (c == "-" || c == "'"), !current.isEmpty {
                current.append(c)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

}

extension FunctionTable {
    /// `kind:namespace/name`, lower-case; nil parts: no kind or name gives null, no
    /// namespace gives `default`. Parts may not be empty or hold `:` or `/` (a name may
    /// hold neither in Backstage).
    package static func canonicalRef(kind: Value?, namespace: Value?, name: Value?) -> Value {
        guard case .string(let k)? = kind, case .string(let n)? = name else { return .null }
        var ns = "default"
        if case .string(let given)? = namespace { ns = given }
        if isUnusable(k) || isUnusable(ns) || isUnusable(n) { return .null }
        return .string("\(k.lowercased()):\(ns.lowercased())/\(n.lowercased())")
    }

    /// Whether a reference's part is empty or holds a `:`, a `/` or whitespace. One pass
    /// over the UTF-8 (a `:` or `/` byte is never inside another character's bytes);
    /// Unicode's whitespace is asked of the characters only when a byte is not ASCII.
    /// (Foundation's `contains(":")`, which this replaces, was most of the pack-level
    /// lets' time on a catalog of 20,000 entities.)
    static func isUnusable(_ part: String) -> Bool {
        var ascii = true
        for byte in part.utf8 {
            switch byte {
            case UInt8(ascii: ":"), UInt8(ascii: "/"), 0x09...0x0D, 0x20: return true
            case 0x80...: ascii = false
            default: continue
            }
        }
        return part.isEmpty || (!ascii && part.contains(where: \.isWhitespace))
    }

    /// The reference `[kind:][namespace/]name` as ``canonicalRef(kind:namespace:name:)``
    /// gives it, the kind and namespace it leaves out taken from the defaults.
    package static func entityRef(parsing text: String, defaultKind: Value, defaultNamespace: Value) -> Value {
        var rest = Substring(text)
        var kind = defaultKind
        if let colon = rest.firstIndex(of: ":") {
            kind = .string(String(rest[..<colon]))
            rest = rest[rest.index(after: colon)...]
        }
        var namespace = defaultNamespace
        if let slash = rest.firstIndex(of: "/") {
            namespace = .string(String(rest[..<slash]))
            rest = rest[rest.index(after: slash)...]
        }
        return canonicalRef(kind: kind, namespace: namespace, name: .string(String(rest)))
    }
}
