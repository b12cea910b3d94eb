// swift-tools-version:6.0
import PackageDescription

// scripts/fuzz.sh builds with STRATLINT_FUZZ=1 (into its own build folder): the libraries
// and the fuzz entry point get libFuzzer's coverage and AddressSanitizer, and the entry
// point links libFuzzer. The build tool EmbedRules is left alone: it has its own main.
let fuzzing = Context.environment["STRATLINT_FUZZ"] == "1"
let fuzzFlags: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("FUZZING")] : []

let package = Package(
    name: "stratlint",
    products: [
        .executable(name: "stratlint", targets: ["stratlint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libyaml, the system library (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // SQLite, the system library (Debian: libsqlite3-dev), for the audit history.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Source files, positions, diagnostics, the node tree and the libyaml loader.
        .target(name: "YAML", dependencies: ["CYAML"], swiftSettings: fuzzFlags),
        // Rule files and the CEL-style expression language: lexer, parser, templates.
        .target(name: "RuleLanguage", dependencies: ["YAML"], swiftSettings: fuzzFlags),
        // Values, functions, and the compiler from checked expressions to closures.
        .target(name: "RuleCompiler", dependencies: ["YAML", "RuleLanguage"], swiftSettings: fuzzFlags),
        // Workspace, rule packs (the built-in one embedded), evaluation, the report.
        .target(
            name: "Engine",
            dependencies: ["YAML", "RuleLanguage", "RuleCompiler"],
            swiftSettings: fuzzFlags,
            plugins: ["EmbedRulesPlugin"]
        ),
        // The governance audit: the score, metrics, breakdowns, the alignment map, evidence.
        .target(name: "Audit", dependencies: ["YAML", "RuleLanguage", "RuleCompiler", "Engine"], swiftSettings: fuzzFlags),
        // Report -> bytes: every format of check, audit and graph.
        .target(name: "Reporters", dependencies: ["YAML", "Engine", "Audit"], swiftSettings: fuzzFlags),
        // The audit history: recorded audits in a versioned SQLite database.
        .target(name: "History", dependencies: ["CSQLite", "Engine", "Audit"]),
        // `stratlint lsp`: the language server (framing, JSON-RPC, diagnostics).
        .target(name: "LanguageServer", dependencies: ["Engine", "YAML", "RuleLanguage", "RuleCompiler"]),
        // The command line; nothing else lives here.
        .executableTarget(
            name: "stratlint",
            dependencies: [
                "Engine", "Audit", "Reporters", "YAML", "History", "LanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets (scripts/fuzz.sh) and their replay/libFuzzer entry point.
        .target(name: "FuzzTargets", dependencies: ["YAML", "RuleLanguage", "RuleCompiler", "Engine", "Audit", "Reporters"], swiftSettings: fuzzFlags),
        .executableTarget(
            name: "stratlint-fuzz", dependencies: ["FuzzTargets"],
            // The entry point is a function (`stratlint_fuzz_main`) in both builds, which
            // returns the exit status: no file of it is a main file.
            swiftSettings: fuzzFlags + [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []),
        // Build tool: turns rules/*.yaml into Swift string literals so that the
        // built-in pack travels inside the binary.
        .executableTarget(name: "EmbedRules", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .plugin(
            name: "EmbedRulesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedRules"]
        ),
        // Fixture paths and golden files for the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "TestSupport"]),
        .testTarget(name: "RuleLanguageTests", dependencies: ["RuleLanguage", "YAML", "TestSupport"]),
        .testTarget(name: "RuleCompilerTests", dependencies: ["RuleCompiler", "RuleLanguage", "YAML", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Audit", "RuleCompiler", "RuleLanguage", "YAML", "TestSupport"]),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "Engine", "Audit", "RuleLanguage", "YAML", "TestSupport"]),
        .testTarget(name: "stratlintTests", dependencies: ["stratlint", "YAML", "LanguageServer", "TestSupport"]),
        .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets", "TestSupport"]),
        .testTarget(name: "LanguageServerTests", dependencies: ["LanguageServer", "TestSupport"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Engine", "Audit", "YAML", "TestSupport"]),
    ]
)
