import ArgumentParser
import Audit
import Engine
import Reporters

/// The formats of one subject in the registry (``ReportFormats``).
protocol FormatList {
    associatedtype Subject
    static var all: [any Reporter<Subject>.Type] { get }
}

enum CheckFormats: FormatList { static var all: [any Reporter<Report>.Type] { ReportFormats.check } }
enum AuditFormats: FormatList { static var all: [any Reporter<Audit>.Type] { ReportFormats.audit } }
enum GraphFormats: FormatList { static var all: [any Reporter<AlignmentMap>.Type] { ReportFormats.graph } }

/// A `--format` value, taken from the one registry of formats: a new format there is a
/// new value here, in the help and in the shell completions.
struct Format<List: FormatList>: ExpressibleByArgument {
    let reporter: any Reporter<List.Subject>.Type

    init(_ reporter: any Reporter<List.Subject>.Type) { self.reporter = reporter }

    init?(argument: String) {
        guard let reporter = List.all.first(where: { $0.name == argument }) else { return nil }
        self.reporter = reporter
    }

    /// The command's default: the registry's first format.
    static var first: Format { Format(List.all[0]) }
    static var allValueStrings: [String] { List.all.map { $0.name } }
    var name: String { reporter.name }
    var defaultValueDescription: String { reporter.name }
}

typealias CheckFormat = Format<CheckFormats>
typealias AuditFormat = Format<AuditFormats>
typealias GraphFormat = Format<GraphFormats>
