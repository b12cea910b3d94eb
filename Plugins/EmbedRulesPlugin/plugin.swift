import Foundation
import PackagePlugin

/// Embeds every `rules/**/*.yaml` file of the package into the target as Swift string
/// literals (`BuiltinRules.files`), so the built-in pack works from a copied binary.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appendingPathComponent("rules")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) built-in rule files",
                executable: try context.tool(named: "EmbedRules").url,
                arguments: [rules.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
