import Foundation

/// Where the built-in rules' pages are, for a diagnostic's `codeDescription`: the folder
/// `scripts/install.sh` puts them in beside the binary (`PREFIX/share/doc/stratlint/rules`
/// for `PREFIX/bin/stratlint`), as a `file:` URL; nil when they are not there.
public enum RulePages {
    public static func installed(besides executable: String) -> String? {
        let bin = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let pages = bin.deletingLastPathComponent().appendingPathComponent("share/doc/stratlint/rules", isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: pages.path, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.fileExists(atPath: pages.appendingPathComponent("README.md").path) else { return nil }
        return pages.absoluteString
    }

    /// The running binary (Linux: `/proc/self/exe`).
    public static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
