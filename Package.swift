// swift-tools-version:6.0
import PackageDescription

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
        // Source files, positions, diagnostics, the node tree and the libyaml loader.
        .target(name: "YAML", dependencies: ["CYAML"]),
        // Rule files and the CEL-style expression language: lexer, parser, templates.
        .target(name: "RuleLanguage", dependencies: ["YAML"]),
        // Values, functions, and the compiler from checked expressions to closures.
        .target(name: "RuleCompiler", dependencies: ["YAML", "RuleLanguage"]),
        // Workspace, rule packs (the built-in one embedded), evaluation, the report.
        .target(
            name: "Engine",
            dependencies: ["YAML", "RuleLanguage", "RuleCompiler"],
            plugins: ["EmbedRulesPlugin"]
        ),
        // Report -> bytes: text and JSON.
        .target(name: "Reporters", dependencies: ["YAML", "Engine"]),
        // The command line; nothing else lives here.
        .executableTarget(
            name: "stratlint",
            dependencies: [
                "Engine", "Reporters", "YAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Build tool: turns rules/*.yaml into Swift string literals so that the
        // built-in pack travels inside the binary.
        .executableTarget(name: "EmbedRules"),
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
        .testTarget(name: "EngineTests", dependencies: ["Engine", "RuleCompiler", "RuleLanguage", "YAML", "TestSupport"]),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "Engine", "RuleLanguage", "YAML", "TestSupport"]),
        .testTarget(name: "stratlintTests", dependencies: ["stratlint", "YAML", "TestSupport"]),
    ]
)
