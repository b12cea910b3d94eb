/// How serious a finding is. Ordered: `info < warning < error`.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// A severity as people write one: its name in any case, or `warn` (ESLint's and
    /// Spectral's word).
    public init?(written text: String) {
        let lowered = text.lowercased()
        if let s = Severity(rawValue: lowered) { self = s } else if lowered == "warn" { self = .warning } else { return nil }
    }
}

/// The pitfalls of aligning technology with business strategy; every rule names one.
public enum Pitfall: String, Sendable, Hashable, CaseIterable, Codable {
    case technologyFirst = "technology-first"
    case vagueGoals = "vague-goals"
    case integrationGaps = "integration-gaps"
    case missingSecurity = "missing-security"
    case ignoredEmployeeInput = "ignored-employee-input"
    case oneTimeImplementation = "one-time-implementation"
    case noBusinessCase = "no-business-case"
    case weakGovernance = "weak-governance"
    case itDigitalMisalignment = "it-digital-misalignment"
    case modelIntegrity = "model-integrity"

    /// One line on what the pitfall is.
    public var summary: String {
        switch self {
        case .technologyFirst: return "technology chosen before, or without, the business goal it serves"
        case .vagueGoals: return "goals that are not specific, measurable, owned and time-bound"
        case .integrationGaps: return "systems that do not talk to each other: silos, dangling links, manual hand-offs"
        case .missingSecurity: return "sensitive data or systems without the controls they need"
        case .ignoredEmployeeInput: return "changes made to people's work without asking or training them"
        case .oneTimeImplementation: return "no review cadence, no KPIs, alignment treated as a project that ends"
        case .noBusinessCase: return "money spent without a stated, measurable benefit; budgets that do not add up"
        case .weakGovernance: return "nobody owns it; no steering body"
        case .itDigitalMisalignment: return "IT and digital work measured on the wrong things"
        case .modelIntegrity: return "the documents themselves: parse errors, duplicate ids, wrong types, no kind"
        }
    }
}
