import RuleLanguage

/// Whether `e` reads any of `names` as a free variable.
func references(_ e: Expr, anyOf names: [String]) -> Bool {
    guard !names.isEmpty else { return false }
    var found = false
    walk(e) { node, bound in
        if case .ident(let n) = node.kind, names.contains(n), !bound.contains(n) { found = true }
    }
    return found
}

/// Visits every node with the comprehension variables bound around it.
func walk(_ e: Expr, _ bound: [String] = [], _ visit: (Expr, [String]) -> Void) {
    visit(e, bound)
    switch e.kind {
    case .select(let o, _), .has(let o, _), .unary(_, let o): walk(o, bound, visit)
    case .index(let a, let b), .binary(_, let a, let b): walk(a, bound, visit); walk(b, bound, visit)
    case .conditional(let a, let b, let c): walk(a, bound, visit); walk(b, bound, visit); walk(c, bound, visit)
    case .call(_, let t, let args):
        if let t { walk(t, bound, visit) }
        for a in args { walk(a, bound, visit) }
    case .list(let items): for i in items { walk(i, bound, visit) }
    case .map(let entries): for en in entries { walk(en.key, bound, visit); walk(en.value, bound, visit) }
    case .comprehension(_, let t, let v, let args):
        walk(t, bound, visit)
        for a in args { walk(a, bound + [v], visit) }
    default: break
    }
}
