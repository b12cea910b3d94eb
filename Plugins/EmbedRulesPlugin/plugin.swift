import Foundation
import PackagePlugin

/// Embeds every `rules/**/*.yaml` file of the package, and the rule fixtures in
/// `fixtures/rules/` (the examples `rules explain` shows), into the target as Swift
/// string literals (`BuiltinRules.files`), so a copied binary has them.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in ["rules", "fixtures/rules"] {
            guard let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) built-in rule and fixture files",
                executable: try context.tool(named: "EmbedRules").url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
