extension Server {
    /// For each diagnostic the client asks about: a certain fix where the check knows
    /// one (``WorkspaceCheck/Item/replacement``), and a suppression on the line before it
    /// with a reason to fill in. Edits go through the client; the server writes nothing.
    func codeActions(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let path = Self.path(ofURI: uri), let doc = documents[path] else { return .array([]) }
        var actions: [JSONValue] = []
        for diagnostic in params["context"]?["diagnostics"]?.array ?? [] {
            guard diagnostic["source"]?.string == "stratlint", let rule = diagnostic["code"]?.string, let range = diagnostic["range"] else { continue }
            if let replacement = diagnostic["data"]?["replacement"]?.string {
                actions.append(action("Replace with '\(replacement)'", uri: uri, diagnostic: diagnostic, preferred: true,
                                      edit: .object(["range": range, "newText": .string(replacement)])))
            }
            let line = range["start"]?["line"]?.int ?? 0
            let indent = String(doc.lines.text(ofLine: line).prefix { $0 == " " || $0 == "\t" })
            let at: JSONValue = .object(["line": .int(line), "character": .int(0)])
            actions.append(action("Disable \(rule) for this line", uri: uri, diagnostic: diagnostic, preferred: false,
                                  edit: .object(["range": .object(["start": at, "end": at]),
                                                 "newText": .string("\(indent)# stratlint-disable-next-line \(rule) -- reason\n")])))
        }
        return .array(actions)
    }

    private func action(_ title: String, uri: String, diagnostic: JSONValue, preferred: Bool, edit: JSONValue) -> JSONValue {
        .object([
            "title": .string(title),
            "kind": .string("quickfix"),
            "diagnostics": .array([diagnostic]),
            "isPreferred": .bool(preferred),
            "edit": .object(["changes": .object([uri: .array([edit])])]),
        ])
    }
}
