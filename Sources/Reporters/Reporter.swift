import Foundation

/// What a reporter may need besides its subject: whether to colour text (standard output
/// is a terminal and `NO_COLOR` is unset) and where the run is (SARIF writes URIs
/// relative to the repository).
public struct ReportContext: Sendable {
    public var colour: Bool
    public var workingDirectory: String
    public var repositoryRoot: String

    public init(colour: Bool = false, workingDirectory: String = "/", repositoryRoot: String = "/") {
        self.colour = colour
        self.workingDirectory = workingDirectory
        self.repositoryRoot = repositoryRoot
    }
}

/// A report format: one kind of subject (a check's ``Report``, an ``Audit``, an
/// ``AlignmentMap``) written as text, to a string or streamed to a file. Adding a format
/// is one file with a type that conforms, and its line in ``ReportFormats``:
///
/// ```swift
/// public struct CSVReporter: Reporter {
///     public static let name = "csv"
///     public init(context: ReportContext) {}
///     public func write<Out: TextOutputStream>(_ report: Report, to out: inout Out) {
///         for f in report.findings { out.write("\(f.file),\(f.ruleID)\n") }
///     }
/// }
/// ```
public protocol Reporter<Subject>: Sendable {
    associatedtype Subject
    /// The name `--format` takes.
    static var name: String { get }
    /// Whether the report shows lines of the checked files (the text report's
    /// snippets). A check whose reports show none lets go of the files' bytes once
    /// they are loaded (``CheckRequest/keepsSourceBytes``).
    static var quotesSourceLines: Bool { get }
    init(context: ReportContext)
    func write<Out: TextOutputStream>(_ subject: Subject, to out: inout Out)
}

extension Reporter {
    public static var quotesSourceLines: Bool { false }
}
