import ArgumentParser
import Audit
import Engine
import Reporters

/// `--format` values, taken from the one registry of formats (``ReportFormats``): a new
/// format there is a new value here, in the help and the shell completions.
struct CheckFormat: ExpressibleByArgument {
    let reporter: any Reporter<Report>.Type
    init(_ reporter: any Reporter<Report>.Type) { self.reporter = reporter }
    init?(argument: String) {
        guard let reporter = ReportFormats.check.first(where: { $0.name == argument }) else { return nil }
        self.reporter = reporter
    }
    static var allValueStrings: [String] { ReportFormats.check.map { $0.name } }
    var name: String { reporter.name }
}

struct AuditFormat: ExpressibleByArgument {
    let reporter: any Reporter<Audit>.Type
    init(_ reporter: any Reporter<Audit>.Type) { self.reporter = reporter }
    init?(argument: String) {
        guard let reporter = ReportFormats.audit.first(where: { $0.name == argument }) else { return nil }
        self.reporter = reporter
    }
    static var allValueStrings: [String] { ReportFormats.audit.map { $0.name } }
    var defaultValueDescription: String { reporter.name }
}

struct GraphFormat: ExpressibleByArgument {
    let reporter: any Reporter<AlignmentMap>.Type
    init(_ reporter: any Reporter<AlignmentMap>.Type) { self.reporter = reporter }
    init?(argument: String) {
        guard let reporter = ReportFormats.graph.first(where: { $0.name == argument }) else { return nil }
        self.reporter = reporter
    }
    static var allValueStrings: [String] { ReportFormats.graph.map { $0.name } }
    var defaultValueDescription: String { reporter.name }
}
