extension Server {
    /// Where the id at the position is declared (a goal's `id:` for a `supports` entry).
    func definition(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let index = snapshot?.index, let symbol = index.symbol(at: place.position, in: place.file) else { return .null }
        return locations(index.declarations(of: symbol.id, targets: symbol.targets).map(\.range))
    }

    /// Every place that names the id at the position, and its declaration when asked.
    func references(_ params: JSONValue) -> JSONValue {
        guard let place = place(params), let index = snapshot?.index, let symbol = index.symbol(at: place.position, in: place.file) else { return .null }
        var ranges = index.uses(of: symbol.id, targets: symbol.targets).map(\.range)
        if params["context"]?["includeDeclaration"] == .bool(true) {
            ranges = index.declarations(of: symbol.id, targets: symbol.targets).map(\.range) + ranges
        }
        return locations(ranges)
    }
}
