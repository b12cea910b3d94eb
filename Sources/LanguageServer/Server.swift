import Engine
import Foundation
import YAML

/// `stratlint lsp`: a language server over standard input and output (JSON-RPC 2.0 with
/// the base protocol's framing, LSP 3.17). It checks the workspace as `check` does, with
/// the text of every open document in place of the file on disk, and publishes each
/// open document's findings as diagnostics. It never writes a file.
public final class Server {
    /// JSON-RPC's and the protocol's error codes.
    enum ErrorCode: Int {
        case parseError = -32700, invalidRequest = -32600, methodNotFound = -32601
        case serverNotInitialized = -32002
    }

    struct OpenDocument {
        let uri: String
        let text: String
        /// The text's lines, to place positions: made once for each version of it.
        let lines: LineIndex

        init(uri: String, text: String) {
            self.uri = uri
            self.text = text
            lines = LineIndex(text)
        }
    }

    let today: CivilDate
    /// Where the built-in rules' pages are published (`--docs-url`), for `codeDescription`.
    let docsURL: String?
    let writer: MessageWriter
    var initialized = false
    var shuttingDown = false
    /// The open documents by absolute path.
    var documents: [String: OpenDocument] = [:]
    /// What the last check said outside the open documents: said again only when it changes.
    var lastElsewhere: [String] = []
    /// The last check that finished, for hover, navigation, completion and code actions.
    var snapshot: WorkspaceCheck?
    let events = EventQueue()
    /// Counts the edits (and opens, saves, closes): a check is current if none came after it.
    var generation = 0
    var checking = false
    /// Whether the client shows progress the server starts (`window.workDoneProgress`),
    /// and the token of the progress shown for the first check, until it ends.
    var clientShowsProgress = false
    var progress: String?
    /// Called once the workspace folder is known (the process changes into it, as a
    /// user runs `check` there); false if it cannot.
    let enter: (String) -> Bool

    public init(today: CivilDate, docsURL: String? = nil, writer: MessageWriter,
                enter: @escaping (String) -> Bool = { FileManager.default.changeCurrentDirectoryPath($0) }) {
        self.today = today
        self.docsURL = docsURL
        self.writer = writer
        self.enter = enter
    }

    /// Serves until `exit` or the end of input; returns the exit status: 0 after
    /// `shutdown` then `exit`, else 1 (the protocol's rule).
    ///
    /// Messages are read on a thread of their own and handled here in order; a check runs
    /// on a worker, so a request is answered from the last finished check while the next
    /// one runs, and edits that arrive meanwhile are checked together once it ends.
    public func run(_ reader: MessageReader) -> Int32 {
        let box = ReaderBox(reader)
        Thread.detachNewThread { [events] in
            while true {
                let message = box.reader.next()
                events.post(.message(message))
                if message == nil { return }
            }
        }
        while true {
            switch events.next() {
            case .message(nil):
                return shuttingDown ? 0 : 1
            case .message(.unreadable(let why)?):
                respond(id: .null, error: .parseError, "stratlint lsp could not read \(why)")
            case .message(.body(let bytes)?):
                guard let json = JSONValue.parse(bytes) else {
                    respond(id: .null, error: .parseError, "the message is not JSON")
                    continue
                }
                if handle(json) == .exit { return shuttingDown ? 0 : 1 }
            case .checked(let generation, let outcome):
                checking = false
                if let token = progress {
                    send(notification: "$/progress", params: .object(["token": .string(token), "value": .object(["kind": .string("end")])]))
                    progress = nil
                }
                // Edits came in while it ran: its positions are stale; check again.
                if generation != self.generation {
                    startCheck()
                } else {
                    publish(outcome)
                }
            }
        }
    }

    /// The reader, handed to its thread.
    private final class ReaderBox: @unchecked Sendable {
        var reader: MessageReader
        init(_ reader: MessageReader) { self.reader = reader }
    }

    enum Next { case serve, exit }

    func handle(_ message: JSONValue) -> Next {
        guard case .object = message, let method = message["method"]?.string else {
            // A response to us (we send no requests), or not a message at all.
            if message["id"] != nil, message["result"] == nil, message["error"] == nil {
                respond(id: message["id"] ?? .null, error: .invalidRequest, "a request needs a method")
            } else if message["id"] == nil {
                respond(id: .null, error: .invalidRequest, "not a JSON-RPC message")
            }
            return .serve
        }
        let id = message["id"]
        let params = message["params"] ?? .null
        if method == "exit" { return .exit }
        guard initialized || method == "initialize" else {
            if let id { respond(id: id, error: .serverNotInitialized, "the server is not initialized; send initialize first") }
            return .serve
        }
        if shuttingDown, let id {
            respond(id: id, error: .invalidRequest, "the server is shutting down; send exit")
            return .serve
        }
        switch method {
        case "initialize":
            guard let id else { return .serve }
            guard !initialized else {
                respond(id: id, error: .invalidRequest, "the server is already initialized")
                return .serve
            }
            initialize(id: id, params: params)
        case "initialized":
            break
        case "shutdown":
            shuttingDown = true
            if let id { respond(id: id, result: .null) }
        case "textDocument/didOpen":
            guard let doc = params["textDocument"], let uri = doc["uri"]?.string, let text = doc["text"]?.string,
                  let path = Self.path(ofURI: uri) else { return .serve }
            documents[path] = OpenDocument(uri: uri, text: text)
            changed()
        case "textDocument/didChange":
            // Full sync: the last change holds the whole text.
            guard let uri = params["textDocument"]?["uri"]?.string, let path = Self.path(ofURI: uri),
                  let text = params["contentChanges"]?.array?.last?["text"]?.string else { return .serve }
            documents[path] = OpenDocument(uri: uri, text: text)
            changed()
        case "textDocument/didSave":
            changed()
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.string, let path = Self.path(ofURI: uri) else { return .serve }
            documents[path] = nil
            changed()
            send(notification: "textDocument/publishDiagnostics", params: .object(["uri": .string(uri), "diagnostics": .array([])]))
        case "textDocument/hover":
            if let id { respond(id: id, result: hover(params)) }
        case "textDocument/definition":
            if let id { respond(id: id, result: definition(params)) }
        case "textDocument/references":
            if let id { respond(id: id, result: references(params)) }
        case "textDocument/completion":
            if let id { respond(id: id, result: completion(params)) }
        case "textDocument/codeAction":
            if let id { respond(id: id, result: codeActions(params)) }
        default:
            if let id { respond(id: id, error: .methodNotFound, "stratlint lsp does not answer '\(method)'") }
        }
        return .serve
    }

    func initialize(id: JSONValue, params: JSONValue) {
        let folder = params["workspaceFolders"]?.array?.first?["uri"]?.string ?? params["rootUri"]?.string
        let root = folder.flatMap(Self.path(ofURI:)) ?? params["rootPath"]?.string
        initialized = true
        clientShowsProgress = params["capabilities"]?["window"]?["workDoneProgress"] == .bool(true)
        let capabilities: JSONValue = .object([
            "positionEncoding": .string("utf-16"),
            "textDocumentSync": .object(["openClose": .bool(true), "change": .int(1), "save": .object(["includeText": .bool(false)])]),
            "hoverProvider": .bool(true),
            "definitionProvider": .bool(true),
            "referencesProvider": .bool(true),
            "completionProvider": .object(["triggerCharacters": .array([.string("["), .string(","), .string(" ")])]),
            "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
        ])
        respond(id: id, result: .object([
            "capabilities": capabilities,
            "serverInfo": .object(["name": .string("stratlint"), "version": .string(stratlintVersion)]),
        ]))
        if let root, !enter(root) {
            let here = FileManager.default.currentDirectoryPath
            send(notification: "window/showMessage", params: .object(["type": .int(1), "message": .string(
                "stratlint: cannot open the workspace folder \(root); checking \(here), where the server was started, instead")]))
        }
    }

    /// Something changed: check again, now if no check is running, else when it ends.
    func changed() {
        generation += 1
        if !checking { startCheck() }
    }

    /// Checks the workspace with the open documents' text, on the worker.
    func startCheck() {
        checking = true
        // The first check reads the whole workspace: say so where the client can show it.
        if snapshot == nil, clientShowsProgress, progress == nil {
            let token = "stratlint-check-\(generation)"
            writer.send(.object(["jsonrpc": .string("2.0"), "id": .string(token), "method": .string("window/workDoneProgress/create"),
                                 "params": .object(["token": .string(token)])]))
            send(notification: "$/progress", params: .object(["token": .string(token), "value": .object([
                "kind": .string("begin"), "title": .string("stratlint"), "message": .string("checking the workspace"),
            ])]))
            progress = token
        }
        let generation = self.generation, today = self.today, events = self.events, docsURL = self.docsURL
        let texts = documents.mapValues { Array($0.text.utf8) }
        Thread.detachNewThread {
            events.post(.checked(generation: generation, WorkspaceCheck.run(today: today, documents: texts, docsURL: docsURL)))
        }
    }

    /// Publishes every open document's diagnostics (an empty list clears them).
    func publish(_ outcome: WorkspaceCheck) {
        if outcome.result != nil { snapshot = outcome }
        for (path, doc) in documents.sorted(by: { $0.key < $1.key }) {
            let diagnostics = outcome.diagnostics[path, default: []].map { $0.json(doc.lines) }
            send(notification: "textDocument/publishDiagnostics", params: .object(["uri": .string(doc.uri), "diagnostics": .array(diagnostics)]))
        }
        if outcome.elsewhere != lastElsewhere {
            for message in outcome.elsewhere {
                send(notification: "window/showMessage", params: .object(["type": .int(1), "message": .string(message)]))
            }
            lastElsewhere = outcome.elsewhere
        }
    }

    /// The absolute path a `file:` URI names; nil for other schemes.
    static func path(ofURI uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.standardizedFileURL.path
    }

    func respond(id: JSONValue, result: JSONValue) {
        writer.send(.object(["jsonrpc": .string("2.0"), "id": id, "result": result]))
    }

    func respond(id: JSONValue, error: ErrorCode, _ message: String) {
        writer.send(.object(["jsonrpc": .string("2.0"), "id": id,
                             "error": .object(["code": .int(error.rawValue), "message": .string(message)])]))
    }

    func send(notification method: String, params: JSONValue) {
        writer.send(.object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
    }
}
