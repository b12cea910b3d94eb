import RuleLanguage
import YAML

extension Emitter {
    // MARK: The index rewrite

    /// `Kind.path.exists(v, v.field == e)` (or `e == v.field`) where `e` does not use `v`:
    /// a probe of a hash set built once per workspace.
    func indexProbe(_ target: Expr, _ variable: String, _ predicate: Expr, _ origin: Origin) -> Compiled? {
        guard let path = kindPath(target),
              case .binary(.equal, let lhs, let rhs) = predicate.kind else { return nil }
        let field: String
        let other: Expr
        if case .select(let base, let f) = lhs.kind, case .ident(variable) = base.kind, !references(rhs, anyOf: [variable]) {
            field = f
            other = rhs
        } else if case .select(let base, let f) = rhs.kind, case .ident(variable) = base.kind, !references(lhs, anyOf: [variable]) {
            field = f
            other = lhs
        } else {
            return nil
        }
        let key = path + "\u{0}" + field
        let slot: Int
        if let existing = indexKeys[key] {
            slot = existing
        } else {
            let items = compile(target, origin).eval
            indexes.append(IndexPlan(path: path, field: field, items: items))
            slot = indexes.count - 1
            indexKeys[key] = slot
        }
        let probe = compile(other, origin).eval
        return Compiled(eval: { frame in
            let v = probe(frame)
            if v.isError { return v }
            let table = frame.context.indexes[slot]
            if table.keys.contains(HashKey(v)) { return .bool(true) }
            return table.failure ?? .bool(false)
        }, constant: nil)
    }

    /// `Kind` or `Kind.a.b` where `Kind` is a document kind (not a binding).
    func kindPath(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let name) where isKindName(name) && lookup(name) == nil && global(name) == nil: return name
        case .select(let inner, let field): return kindPath(inner).map { $0 + "." + field }
        default: return nil
        }
    }

    func mentionsContext(_ e: Expr) -> Bool {
        var found = false
        walk(e) { node, _ in
            switch node.kind {
            case .ident(let n) where self.isKindName(n) || self.global(n) != nil: found = true
            case .call(let n, _, _) where FunctionTable.all[n]?.pure == false: found = true
            default: break
            }
        }
        return found
    }
}
