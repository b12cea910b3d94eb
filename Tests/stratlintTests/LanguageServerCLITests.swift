import Foundation
import LanguageServer
import Testing
import TestSupport

typealias LSPValue = LanguageServer.JSONValue

/// A language client over real pipes to `stratlint lsp`, as an editor would drive it.
final class LSPClient: @unchecked Sendable {
    let process = Process()
    private let toServer = Pipe(), fromServer = Pipe(), errors = Pipe()
    private let lock = NSLock()
    private var received: [LSPValue] = []
    private let arrived = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(in directory: URL, arguments: [String] = ["lsp", "--today", "2026-11-22"]) throws {
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = errors
        try process.run()
        let fd = fromServer.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in
            var reader = MessageReader(fd: fd)
            while let message = reader.next() {
                guard case .body(let bytes) = message, let json = LSPValue.parse(bytes) else { continue }
                lock.withLock { received.append(json) }
                arrived.signal()
            }
            finished.signal()
        }
        DispatchQueue.global().async { [errors] in _ = errors.fileHandleForReading.readDataToEndOfFile() }
    }

    func send(_ message: LSPValue) {
        MessageWriter(fd: toServer.fileHandleForWriting.fileDescriptor).send(message)
    }

    func sendRaw(_ bytes: [UInt8]) {
        toServer.fileHandleForWriting.write(Data(bytes))
    }

    func notify(_ method: String, _ params: LSPValue) {
        send(.object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
    }

    func request(_ id: Int, _ method: String, _ params: LSPValue = .null) throws -> LSPValue {
        send(.object(["jsonrpc": .string("2.0"), "id": .int(id), "method": .string(method), "params": params]))
        return try wait(for: "the response to \(method)") { $0["id"] == .int(id) }
    }

    /// The first message since the last one taken that `matches`, waiting up to three minutes (the test machine may be busy).
    func wait(for what: String, _ matches: (LSPValue) -> Bool) throws -> LSPValue {
        let deadline = Date().addingTimeInterval(180)
        while true {
            if let found = lock.withLock({ () -> LSPValue? in
                guard let i = received.firstIndex(where: matches) else { return nil }
                return received.remove(at: i)
            }) { return found }
            guard arrived.wait(timeout: .now() + max(deadline.timeIntervalSinceNow, 0)) == .success else {
                throw LSPTimeout(description: "no \(what) within three minutes")
            }
        }
    }

    func diagnostics(for uri: String) throws -> [LSPValue] {
        let note = try wait(for: "diagnostics for \(uri)") {
            $0["method"]?.string == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri
        }
        return note["params"]?["diagnostics"]?.array ?? []
    }

    /// Closes the server's input and waits for it to end; its exit status.
    func end() -> Int32 {
        try? toServer.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct LSPTimeout: Error, CustomStringConvertible { var description: String }

@Suite("Language server")
struct LanguageServerCLITests {
    let folder = Repository.fixture("acme-retail")
    func uri(_ name: String) -> String { folder.appendingPathComponent(name).absoluteString }
    func text(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }

    func open(_ client: LSPClient, _ name: String, text: String? = nil) throws {
        try open(client, folder.appendingPathComponent(name), text: text)
    }

    /// Opens the file at `url` with `text`, else its text on disk.
    func open(_ client: LSPClient, _ url: URL, text: String? = nil) throws {
        client.notify("textDocument/didOpen", .object(["textDocument": .object([
            "uri": .string(url.absoluteString), "languageId": .string("yaml"), "version": .int(1),
            "text": .string(try text ?? String(contentsOf: url, encoding: .utf8)),
        ])]))
    }

    /// A server started in `root` (the example by default) and initialized there.
    func started(in root: URL? = nil, arguments: [String] = ["lsp", "--today", "2026-11-22"]) throws -> LSPClient {
        let root = root ?? folder
        let client = try LSPClient(in: root, arguments: arguments)
        let reply = try client.request(1, "initialize", .object(["processId": .null, "rootUri": .string(root.absoluteString), "capabilities": .object([:])]))
        #expect(reply["result"]?["capabilities"]?["textDocumentSync"]?["change"] == .int(1))
        client.notify("initialized", .object([:]))
        return client
    }

    /// `shutdown` then `exit`, as an editor ends the server: status 0.
    func shutDown(_ client: LSPClient, id: Int) throws {
        _ = try client.request(id, "shutdown")
        client.notify("exit", .null)
        #expect(client.end() == 0)
    }

    /// (rule, message, line, character) of each diagnostic, as the protocol counts.
    func summary(_ diagnostics: [LSPValue]) -> [String] {
        diagnostics.map { d in
            let start = d["range"]?["start"]
            return "\(d["code"]?.string ?? "-") \(start?["line"]?.int ?? -1):\(start?["character"]?.int ?? -1) \(d["message"]?.string ?? "")"
        }.sorted()
    }

    @Test func diagnosticsAreChecksFindings() throws {
        let client = try started()
        try open(client, "strategy.yaml")
        let diagnostics = try client.diagnostics(for: uri("strategy.yaml"))
        let check = try CLI.spawn(["check", "--format", "json", "--today", "2026-11-22"], in: folder)
        #expect(check.status == 1)
        let findings = LSPValue.parse(Array(check.stdout.utf8))?["findings"]?.array ?? []
        // The fixture is ASCII: code points and UTF-16 units count alike.
        let expected = findings.filter { $0["file"]?.string == "strategy.yaml" }.map { f in
            "\(f["ruleId"]?.string ?? "") \((f["line"]?.int ?? 0) - 1):\((f["column"]?.int ?? 0) - 1) \(f["message"]?.string ?? "")"
        }.sorted()
        #expect(!expected.isEmpty)
        #expect(summary(diagnostics) == expected)
        #expect(diagnostics.allSatisfy { $0["source"]?.string == "stratlint" && $0["severity"]?.int != nil })
        try shutDown(client, id: 2)
    }

    @Test func anEditReachesTheDocumentsThatReferenceIt() throws {
        let client = try started()
        try open(client, "loyalty.yaml")
        let before = try client.diagnostics(for: uri("loyalty.yaml"))
        #expect(!summary(before).contains { $0.contains("raise-repeat-purchases") })
        try open(client, "strategy.yaml")
        _ = try client.diagnostics(for: uri("strategy.yaml"))
        _ = try client.diagnostics(for: uri("loyalty.yaml"))
        // Rename the goal in the editor, unsaved: the loyalty initiative now names nothing.
        let renamed = try text("strategy.yaml").replacingOccurrences(of: "- id: raise-repeat-purchases", with: "- id: more-repeat-purchases")
        client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(uri("strategy.yaml")), "version": .int(2)]),
            "contentChanges": .array([.object(["text": .string(renamed)])]),
        ]))
        _ = try client.diagnostics(for: uri("strategy.yaml"))
        let after = summary(try client.diagnostics(for: uri("loyalty.yaml")))
        #expect(after.contains { $0.hasPrefix("dangling-goal-reference 8:") && $0.contains("'raise-repeat-purchases'") }, "\(after)")
        // The file on disk is untouched.
        #expect(try text("strategy.yaml").contains("- id: raise-repeat-purchases"))
        try shutDown(client, id: 2)
    }

    @Test func aMalformedMessageIsAnsweredAndTheServerStaysUp() throws {
        let client = try started()
        client.sendRaw(Array("Content-Length: 9\r\n\r\n{not json".utf8))
        let error = try client.wait(for: "a parse error") { $0["error"]?["code"] == .int(-32700) }
        #expect(error["id"] == .null)
        let unknown = try client.request(7, "workspace/frobnicate")
        #expect(unknown["error"]?["code"] == .int(-32601))
        _ = try client.request(8, "shutdown")
        let late = try client.request(9, "textDocument/hover", .object([:]))
        #expect(late["error"]?["code"] == .int(-32600))
        client.notify("exit", .null)
        #expect(client.end() == 0)
    }

    @Test func exitWithoutShutdownIsStatusOne() throws {
        let client = try started()
        client.notify("exit", .null)
        #expect(client.end() == 1)
    }

    func at(_ name: String, _ line: Int, _ character: Int) -> LSPValue {
        .object(["textDocument": .object(["uri": .string(uri(name))]), "position": .object(["line": .int(line), "character": .int(character)])])
    }

    /// "file:line:character" of each location, the file by name.
    func places(_ locations: LSPValue) -> [String] {
        (locations.array ?? []).map { l in
            let start = l["range"]?["start"]
            return "\(l["uri"]?.string?.split(separator: "/").last ?? "?"):\(start?["line"]?.int ?? -1):\(start?["character"]?.int ?? -1)"
        }.sorted()
    }

    @Test func hoverDefinitionReferencesAndCompletionOnIds() throws {
        let client = try started()
        try open(client, "strategy.yaml")
        _ = try client.diagnostics(for: uri("strategy.yaml"))
        // Line 68: `    supports: [grow-online-sales, omnichannel-growth]`.
        let hover = try client.request(2, "textDocument/hover", at("strategy.yaml", 67, 17))
        let shown = hover["result"]?["contents"]?["value"]?.string ?? ""
        #expect(shown.contains("Grow online revenue from 1\\.2M"), "\(shown)")
        #expect(shown.contains("head\\-of\\-sales"), "\(shown)")
        let definition = try client.request(3, "textDocument/definition", at("strategy.yaml", 67, 17))
        #expect(places(definition["result"] ?? .null) == ["strategy.yaml:10:8"])
        var params = at("strategy.yaml", 67, 17)
        if case .object(var o) = params { o["context"] = .object(["includeDeclaration": .bool(true)]); params = .object(o) }
        let references = try client.request(4, "textDocument/references", params)
        #expect(places(references["result"] ?? .null) == [
            "strategy.yaml:10:8", "strategy.yaml:52:15", "strategy.yaml:67:15",
            "systems.yaml:23:15", "systems.yaml:36:15", "systems.yaml:86:15",
        ])
        // A finding: the rule's title and fix.
        let onFinding = try client.request(5, "textDocument/hover", at("strategy.yaml", 67, 40))
        #expect(onFinding["result"]?["contents"]?["value"]?.string?.contains("`dangling-goal-reference`") == true)
        let completion = try client.request(6, "textDocument/completion", at("strategy.yaml", 67, 15))
        let labels = Set((completion["result"]?["items"]?.array ?? []).compactMap { $0["label"]?.string })
        #expect(labels.isSuperset(of: ["grow-online-sales", "cut-stock-outs", "raise-repeat-purchases", "keep-store-staff"]))
        #expect(!labels.contains("crm"), "system ids are not goals")
        // Field names where a key is typed: a goal's, then the document's own.
        let goalFields = try client.request(20, "textDocument/completion", at("strategy.yaml", 12, 4))
        let goalLabels = Set((goalFields["result"]?["items"]?.array ?? []).compactMap { $0["label"]?.string })
        #expect(goalLabels.isSuperset(of: ["id", "title", "owner", "metric", "deadline"]), "\(goalLabels)")
        #expect(!goalLabels.contains("initiatives"))
        let topFields = try client.request(21, "textDocument/completion", at("strategy.yaml", 9, 0))
        let topLabels = Set((topFields["result"]?["items"]?.array ?? []).compactMap { $0["label"]?.string })
        #expect(topLabels.isSuperset(of: ["goals", "initiatives", "owner"]), "\(topLabels)")
        try shutDown(client, id: 7)
    }

    @Test func codeActionsSuppressAndFixWhatIsCertain() throws {
        let client = try started()
        // `owner` misspelt on a goal: one edit from the field.
        let edited = try text("strategy.yaml").replacingOccurrences(of: "    owner: head-of-sales", with: "    ownr: head-of-sales")
        try open(client, "strategy.yaml", text: edited)
        let diagnostics = try client.diagnostics(for: uri("strategy.yaml"))
        let misspelt = try #require(diagnostics.first { $0["code"]?.string == "misspelt-field" })
        #expect(misspelt["range"]?["start"]?["line"]?.int == 12)
        let reply = try client.request(2, "textDocument/codeAction", .object([
            "textDocument": .object(["uri": .string(uri("strategy.yaml"))]),
            "range": misspelt["range"] ?? .null,
            "context": .object(["diagnostics": .array([misspelt])]),
        ]))
        let actions = reply["result"]?.array ?? []
        let fix = try #require(actions.first { $0["title"]?.string == "Replace with 'owner'" })
        let edit = fix["edit"]?["changes"]?[uri("strategy.yaml")]?.array?.first
        #expect(edit?["newText"]?.string == "owner")
        #expect(edit?["range"]?["start"]?["character"]?.int == 4 && edit?["range"]?["end"]?["character"]?.int == 8)
        let suppress = try #require(actions.first { $0["title"]?.string == "Disable misspelt-field for this line" })
        #expect(suppress["edit"]?["changes"]?[uri("strategy.yaml")]?.array?.first?["newText"]?.string == "    # stratlint-disable-next-line misspelt-field -- reason\n")
        // A dangling id one edit from a goal: the goal is the fix.
        let typo = try text("loyalty.yaml").replacingOccurrences(of: "supports: [raise-repeat-purchases]", with: "supports: [raise-repeat-purchase]")
        try open(client, "loyalty.yaml", text: typo)
        let dangling = try #require(try client.diagnostics(for: uri("loyalty.yaml")).first { $0["code"]?.string == "dangling-goal-reference" })
        #expect(dangling["range"]?["start"]?["line"]?.int == 8)
        #expect(dangling["data"]?["replacement"]?.string == "raise-repeat-purchases")
        // A title typed with a colon in it: the value, put in quotes, is the fix.
        let colon = try text("loyalty.yaml").replacingOccurrences(of: "supports: [raise-repeat-purchases]",
                                                                    with: "supports: [raise-repeat-purchases]\n    notes: Phase 2: stores")
        try open(client, "loyalty.yaml", text: colon)
        let parse = try #require(try client.diagnostics(for: uri("loyalty.yaml")).first { $0["code"]?.string == "parse-error" })
        #expect(parse["message"]?.string?.contains("the value of `notes` holds ': '") == true, "\(parse)")
        #expect(parse["range"]?["start"]?["line"]?.int == 9 && parse["range"]?["start"]?["character"]?.int == 11
                    && parse["range"]?["end"]?["character"]?.int == 26, "\(parse)")
        #expect(parse["data"]?["replacement"]?.string == "\"Phase 2: stores\"")
        try shutDown(client, id: 3)
    }

    @Test func editsDuringACheckAreCheckedTogetherAndTheFirstLoadShowsProgress() throws {
        let client = try LSPClient(in: folder)
        _ = try client.request(1, "initialize", .object([
            "processId": .null, "rootUri": .string(folder.absoluteString),
            "capabilities": .object(["window": .object(["workDoneProgress": .bool(true)])]),
        ]))
        client.notify("initialized", .object([:]))
        let original = try text("strategy.yaml")
        try open(client, "strategy.yaml", text: original)
        let create = try client.wait(for: "a progress token") { $0["method"]?.string == "window/workDoneProgress/create" }
        let token = try #require(create["params"]?["token"])
        client.send(.object(["jsonrpc": .string("2.0"), "id": create["id"] ?? .null, "result": .null]))
        _ = try client.wait(for: "progress begins") { $0["method"]?.string == "$/progress" && $0["params"]?["value"]?["kind"] == .string("begin") }
        // Twenty edits in a burst, each renaming the goal the loyalty initiative needs.
        for n in 1...20 {
            client.notify("textDocument/didChange", .object([
                "textDocument": .object(["uri": .string(uri("strategy.yaml")), "version": .int(n + 1)]),
                "contentChanges": .array([.object(["text": .string(original.replacingOccurrences(of: "- id: cut-stock-outs", with: "- id: cut-stock-outs-\(n)"))])]),
            ]))
        }
        let end = try client.wait(for: "progress ends") { $0["method"]?.string == "$/progress" && $0["params"]?["value"]?["kind"] == .string("end") }
        #expect(end["params"]?["token"] == token)
        // The last text is what is finally checked; the burst took fewer checks than edits.
        var publishes = 0, id = 10
        while publishes < 20 {
            _ = try client.diagnostics(for: uri("strategy.yaml"))
            publishes += 1
            id += 1
            // Line 19, `  - id: cut-stock-outs-N`: the goal as the last finished check read it.
            let hover = try client.request(id, "textDocument/hover", at("strategy.yaml", 18, 10))
            if hover["result"]?["contents"]?["value"]?.string?.contains("cut\\-stock\\-outs\\-20**") == true { break }
        }
        #expect(publishes < 20, "every edit was checked on its own")
        try shutDown(client, id: 3)
    }

    @Test func aRuleFileBeingEditedShowsItsErrors() throws {
        let kinds = Repository.fixture("kinds")
        let rules = kinds.appendingPathComponent("rules/vendors.yaml")
        let client = try started(in: kinds)
        let original = try String(contentsOf: rules, encoding: .utf8)
        let broken = original.replacingOccurrences(of: #"when: "!has(vendor.contract)""#, with: #"when: "!has(vendor.contract""#)
        #expect(broken != original)
        try open(client, rules, text: broken)
        let errors = try client.diagnostics(for: rules.absoluteString)
        #expect(errors.count == 1 && errors.first?["severity"]?.int == 1, "\(errors)")
        #expect(errors.first?["range"]?["start"]?["line"]?.int == 6, "\(errors)")
        client.notify("textDocument/didChange", .object([
            "textDocument": .object(["uri": .string(rules.absoluteString), "version": .int(2)]),
            "contentChanges": .array([.object(["text": .string(original)])]),
        ]))
        #expect(try client.diagnostics(for: rules.absoluteString).isEmpty)
        #expect(try String(contentsOf: rules, encoding: .utf8) == original)
        try shutDown(client, id: 2)
    }

    @Test func diagnosticsLinkToTheRulePagesWhereTheyArePublished() throws {
        let client = try started(arguments: ["lsp", "--today", "2026-11-22", "--docs-url", "https://docs.example/stratlint/rules/"])
        try open(client, "strategy.yaml")
        let diagnostics = try client.diagnostics(for: uri("strategy.yaml"))
        #expect(!diagnostics.isEmpty)
        for d in diagnostics {
            let code = d["code"]?.string ?? ""
            #expect(d["codeDescription"]?["href"]?.string == "https://docs.example/stratlint/rules/\(code).md")
            // The page the link names is one docs/rules/ holds.
            #expect(FileManager.default.fileExists(atPath: Repository.root.appendingPathComponent("docs/rules/\(code).md").path), "\(code)")
        }
        try shutDown(client, id: 2)
    }

    @Test func backstageEntityReferencesNavigate() throws {
        let catalog = Repository.fixture("backstage/clean")
        let client = try started(in: catalog)
        let components = catalog.appendingPathComponent("components.yaml")
        try open(client, components)
        _ = try client.diagnostics(for: components.absoluteString)
        func at(_ line: Int, _ character: Int) -> LSPValue {
            .object(["textDocument": .object(["uri": .string(components.absoluteString)]), "position": .object(["line": .int(line), "character": .int(character)])])
        }
        // `owner: team-shop` (a Group by default), `owner: user:jane.doe`, `dependsOn: [resource:orders-db]`.
        #expect(places(try client.request(2, "textDocument/definition", at(10, 11))["result"] ?? .null) == ["teams.yaml:2:18"])
        #expect(places(try client.request(3, "textDocument/definition", at(24, 14))["result"] ?? .null) == ["teams.yaml:7:18"])
        #expect(places(try client.request(4, "textDocument/definition", at(13, 20))["result"] ?? .null) == ["components.yaml:36:8"])
        var params = at(10, 11)
        if case .object(var o) = params { o["context"] = .object(["includeDeclaration": .bool(true)]); params = .object(o) }
        #expect(places(try client.request(5, "textDocument/references", params)["result"] ?? .null) == [
            "components.yaml:10:9", "components.yaml:31:53", "components.yaml:40:54", "teams.yaml:13:15", "teams.yaml:18:15", "teams.yaml:2:18",
        ])
        let owners = try client.request(6, "textDocument/completion", at(10, 9))
        let labels = Set((owners["result"]?["items"]?.array ?? []).compactMap { $0["label"]?.string })
        #expect(labels == ["team-shop", "user:jane.doe"], "\(labels)")
        try shutDown(client, id: 7)
    }

    @Test func aFolderThatCannotBeOpenedIsSaidAndInitializeIsAnsweredOnce() throws {
        let client = try LSPClient(in: folder)
        let missing = folder.appendingPathComponent("no-such-folder")
        _ = try client.request(1, "initialize", .object(["processId": .null, "rootUri": .string(missing.absoluteString), "capabilities": .object([:])]))
        let said = try client.wait(for: "a message about the folder") { $0["method"]?.string == "window/showMessage" }
        #expect(said["params"]?["message"]?.string?.contains("cannot open the workspace folder") == true)
        let again = try client.request(2, "initialize", .object(["processId": .null, "capabilities": .object([:])]))
        #expect(again["error"]?["code"] == .int(-32600))
        try shutDown(client, id: 3)
    }

    @Test func whatTheDocumentsWriteIsShownNotObeyed() throws {
        let forged = Repository.fixture("hostile/forged-output")
        let strategy = forged.appendingPathComponent("strategy.yaml")
        let client = try started(in: forged)
        try open(client, strategy)
        let messages = try client.diagnostics(for: strategy.absoluteString).compactMap { $0["message"]?.string }
        #expect(messages.contains { $0.contains("\\u{1b}") }, "the fixture's escape sequence is shown as its code point")
        for message in messages {
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }, "\(message)")
        }
        try shutDown(client, id: 2)
    }

    /// Beyond the example: catalogs with Kubernetes manifests beside them, custom kinds
    /// and rules, schemas, suppressions, a configuration; every file with findings, opened
    /// one after another in one server, shows exactly `check`'s findings.
    @Test(arguments: ["acme-retail", "backstage/wild", "backstage/catalog", "schema/firm", "kinds", "suppressions/org", "config/org"])
    func everyFileOfAFixtureShowsChecksFindings(_ name: String) throws {
        let root = Repository.fixture(name)
        let check = try CLI.spawn(["check", "--format", "json", "--today", "2026-11-22"], in: root)
        #expect(check.status == 1, "\(check.stderr)")
        let findings = LSPValue.parse(Array(check.stdout.utf8))?["findings"]?.array ?? []
        let files = Set(findings.compactMap { $0["file"]?.string }.filter { !$0.isEmpty }).sorted()
        #expect(!files.isEmpty)
        let client = try started(in: root)
        for file in files {
            let url = root.appendingPathComponent(file).standardizedFileURL
            try open(client, url)
            let shown = summary(try client.diagnostics(for: url.absoluteString))
            let expected = findings.filter { $0["file"]?.string == file }.map { f in
                "\(f["ruleId"]?.string ?? "") \((f["line"]?.int ?? 1) - 1):\((f["column"]?.int ?? 1) - 1) \(f["message"]?.string ?? "")"
            }.sorted()
            #expect(shown == expected, "\(name)/\(file)")
        }
        try shutDown(client, id: 2)
    }
}
