import Engine
import Foundation
import RuleLanguage
import YAML

/// SARIF 2.1.0, for code scanning. Every rule that ran is in `tool.driver.rules`; each
/// finding is a result whose location is relative to the repository root
/// (`uriBaseId: %SRCROOT%`), with a `partialFingerprints` entry that survives line moves.
/// Files that could not be parsed are `toolExecutionNotifications`.
public struct SARIFReporter: Reporter {
    public static let name = "sarif"

    /// Absolute path of the repository root; result URIs are relative to it.
    public var repositoryRoot: String
    /// Absolute path of the working directory, against which finding paths are written.
    public var workingDirectory: String

    public init(context: ReportContext) {
        self.init(repositoryRoot: context.repositoryRoot, workingDirectory: context.workingDirectory)
    }

    public init(repositoryRoot: String, workingDirectory: String) {
        self.repositoryRoot = repositoryRoot
        self.workingDirectory = workingDirectory
    }

    public func render(_ report: Report) -> String {
        var out = ""
        write(report, to: &out)
        return out
    }

    /// The log as JSONEncoder would write it whole: everything but the results encoded,
    /// the results written into place (``JSONSplice``).
    public func write<Out: TextOutputStream>(_ report: Report, to out: inout Out) {
        let (log, results) = self.log(report)
        guard let text = JSONText.encode(log) else { return out.write("{}\n") }
        if JSONSplice.write(text, key: "results", count: results.count, to: &out, element: { w, i, indent in w.write(results[i], indent: indent) }) {
            return out.write("\n")
        }
        guard !results.isEmpty else { return out.write(text + "\n") }
        let runs = log.runs.map { Run(tool: $0.tool, columnKind: $0.columnKind, results: results, invocations: $0.invocations) }
        out.write((JSONText.encode(Log(runs: runs)) ?? "{}") + "\n")
    }

    /// The log with its results left out, and the results.
    func log(_ report: Report) -> (Log, [Result]) {
        let rules = report.rules
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var results: [Result] = []
        var notifications: [Notification] = []
        // A file's location is worked out once (percent-encoding is dear, files are few).
        var artifacts: [String: ArtifactLocation] = [:]
        func physical(_ file: String, _ range: SourceRange) -> PhysicalLocation {
            let location: ArtifactLocation
            if let known = artifacts[file] {
                location = known
            } else {
                location = artifact(file)
                artifacts[file] = location
            }
            return PhysicalLocation(
                artifactLocation: location,
                region: Region(startLine: Int(range.start.line), startColumn: Int(range.start.column),
                               endLine: Int(range.end.line), endColumn: Int(range.end.column)))
        }
        for f in report.findings {
            let location = f.range.map { [Location(physicalLocation: physical(f.file, $0))] }
            if f.ruleID == RuleInfo.parseError.id {
                notifications.append(Notification(
                    level: "error", message: Message(text: f.message), locations: location,
                    descriptor: Descriptor(id: f.ruleID)))
                continue
            }
            results.append(Result(
                ruleId: f.ruleID, ruleIndex: ruleIndex[f.ruleID], level: level(f.severity),
                message: Message(text: f.message), locations: location ?? [],
                relatedLocations: f.related.isEmpty ? nil : f.related.enumerated().map { i, r in
                    RelatedLocation(id: i + 1, physicalLocation: physical(report.sources[r.file]?.path ?? "", r))
                },
                partialFingerprints: ["stratlint/v1": f.fingerprint],
                properties: ResultProperties(pitfall: f.pitfall.rawValue, logicalPath: f.logicalPath)))
        }
        let driver = Driver(
            name: "stratlint", version: stratlintVersion, semanticVersion: stratlintVersion,
            rules: rules.map { r in
                Rule(
                    id: r.id, name: pascalCase(r.id),
                    shortDescription: Message(text: r.title),
                    fullDescription: Message(text: firstParagraph(r.docs) ?? r.title),
                    help: Help(text: r.fix ?? r.title, markdown: helpMarkdown(r)),
                    defaultConfiguration: Configuration(level: level(r.severity)),
                    properties: RuleProperties(tags: [r.pitfall.rawValue]))
            })
        let log = Log(runs: [Run(
            tool: Tool(driver: driver), columnKind: "unicodeCodePoints", results: [],
            invocations: [Invocation(executionSuccessful: true, toolExecutionNotifications: notifications)])])
        return (log, results)
    }

    func artifact(_ file: String) -> ArtifactLocation {
        let absolute = file.hasPrefix("/") ? file : workingDirectory + "/" + file
        if absolute.hasPrefix(repositoryRoot + "/") {
            return ArtifactLocation(uri: percentEncoded(String(absolute.dropFirst(repositoryRoot.count + 1))), uriBaseId: "%SRCROOT%")
        }
        return ArtifactLocation(uri: "file://" + percentEncoded(absolute), uriBaseId: nil)
    }

    func percentEncoded(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#[]@!$&'()*+,;=:")
        allowed.insert("/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func firstParagraph(_ docs: String?) -> String? {
        guard let docs else { return nil }
        let paragraph = docs.components(separatedBy: "\n\n").first ?? docs
        return paragraph.split(separator: "\n").joined(separator: " ")
    }

    func helpMarkdown(_ r: RuleInfo) -> String {
        var md = "**\(r.title)** (pitfall: `\(r.pitfall.rawValue)`)\n\n"
        if let docs = r.docs { md += docs.trimmingTrailingWhitespace() + "\n\n" }
        if let fix = r.fix { md += "**How to fix:** " + fix + "\n" }
        return md
    }

    // MARK: The SARIF subset stratlint writes

    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        let tool: Tool
        let columnKind: String
        let results: [Result]
        let invocations: [Invocation]
    }

    struct Tool: Encodable { let driver: Driver }

    struct Driver: Encodable {
        let name: String
        let version: String
        let semanticVersion: String
        let rules: [Rule]
    }

    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Message
        let fullDescription: Message
        let help: Help
        let defaultConfiguration: Configuration
        let properties: RuleProperties
    }

    struct Message: Encodable { let text: String }
    struct Help: Encodable { let text: String; let markdown: String }
    struct Configuration: Encodable { let level: String }
    struct RuleProperties: Encodable { let tags: [String] }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Message
        let locations: [Location]
        let relatedLocations: [RelatedLocation]?
        let partialFingerprints: [String: String]
        let properties: ResultProperties
    }

    struct ResultProperties: Encodable {
        let pitfall: String
        let logicalPath: String?
    }

    struct Location: Encodable { let physicalLocation: PhysicalLocation }
    struct RelatedLocation: Encodable {
        let id: Int
        let physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Encodable {
        let uri: String
        let uriBaseId: String?
    }

    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
        let endLine: Int
        let endColumn: Int
    }

    struct Invocation: Encodable {
        let executionSuccessful: Bool
        let toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        let level: String
        let message: Message
        let locations: [Location]?
        let descriptor: Descriptor
    }

    struct Descriptor: Encodable { let id: String }
}
