import Foundation
@testable import RuleCompiler
import TestSupport
import Testing

/// Rules are data (issue 6): nothing a rule can call reads files, runs commands or
/// reaches the network, whatever a rule pack in a pull request says.
@Suite("Rules are data")
struct RulesAreDataTests {
    /// Every function a rule may call, each reviewed to read only its arguments (and
    /// `today()`, the run's fixed date). A new function must be added here, after the
    /// same review.
    static let reviewed: Set<String> = [
        "bool", "bytes", "charAt", "closest", "contains", "counts", "date", "daysSince", "daysUntil", "double", "dyn",
        "endsWith", "entityRef", "firstMatch", "flatten", "hasNumber", "indexOf", "int", "join", "lastIndexOf", "lowerAscii",
        "matches", "orElse", "replace", "size", "split", "startsWith", "string", "substring", "sum", "today", "trim",
        "typeOf", "uint", "upperAscii", "words",
    ]

    @Test func everyFunctionIsReviewed() {
        #expect(Set(FunctionTable.all.keys) == Self.reviewed)
    }

    /// The modules that parse and evaluate rules use no API that reaches outside the
    /// process: rules cannot, since the evaluator cannot.
    @Test(arguments: ["RuleLanguage", "RuleCompiler"])
    func evaluatorDoesNoInputOrOutput(_ module: String) throws {
        let forbidden = [
            "FileManager", "FileHandle", "contentsOf:", "contentsOfFile", "Process(", "posix_spawn", "popen", "system(",
            "fopen", "open(", "URLSession", "URLRequest", "socket(", "getenv", "ProcessInfo", "Date()", "dlopen",
        ]
        let folder = Repository.root.appendingPathComponent("Sources").appendingPathComponent(module)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for name in files {
            let text = try #require(Repository.read(folder.appendingPathComponent(name)))
            // `append(contentsOf:)` is an array's, not a file's.
            let code = text.replacingOccurrences(of: "append(contentsOf:", with: "")
            for api in forbidden {
                #expect(!code.contains(api), "\(module)/\(name) uses \(api)")
            }
        }
    }

    /// A rule that names a function that would reach outside is refused when compiled.
    @Test(arguments: ["readFile('/etc/passwd')", "exec('ls')", "http('https://example.com')", "env('HOME')"])
    func outsideFunctionsDoNotExist(_ source: String) {
        guard case .failure(let error) = CompiledExpression.compile(source) else {
            Issue.record("\(source) compiled")
            return
        }
        #expect(error.diagnostics.contains { $0.message.contains("unknown function") })
    }
}
