import Foundation
import RuleCompiler
import YAML

/// `--new-since REF`: the findings of the same workspace read at a git revision, so that
/// a check can report only the ones a change brought in.
///
/// The workspace at REF is the YAML files under the same roots at REF, admitted by the
/// same configuration; a file missing at REF has no findings there, so all of its
/// findings now are new. Findings are compared by `Finding.identity` (rule, logical
/// path, value), as a multiset, so a finding whose line moved is not new.
enum NewSince {
    static func findings(at revision: String, cwd: String, roots: [String], excluded: [String],
                         configuration: Configuration, program: Program, today: CivilDate) -> Result<[Finding], CheckFailure> {
        func failure(_ message: String, _ hint: String) -> Result<[Finding], CheckFailure> {
            .failure(CheckFailure(diagnostics: [.error(message, at: nil, hint: hint)], inRules: false))
        }
        guard let top = Git.topLevel(of: cwd) else {
            return failure("--new-since needs a git repository, and \(cwd) is not inside one",
                           "run stratlint from a clone, or drop --new-since")
        }
        guard let commit = Git.commit(revision, in: top) else {
            return failure("--new-since: '\(revision)' names no commit in \(top)",
                           "give a branch, tag or commit, such as origin/main; in a shallow CI clone fetch it first (git fetch --depth=1 origin main)")
        }
        // The working tree's paths, as git names them (relative to the top, links resolved).
        let resolvedCwd = URL(fileURLWithPath: cwd).resolvingSymlinksInPath().path
        func relative(_ absolute: String) -> String? {
            let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
            if real == top { return "" }
            return real.hasPrefix(top + "/") ? String(real.dropFirst(top.count + 1)) : nil
        }
        let absoluteRoots = roots.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path }
        let folders = absoluteRoots.compactMap(relative).map { $0.isEmpty ? "." : $0 }
        guard !folders.isEmpty else {
            return failure("--new-since: the paths checked are outside the git repository at \(top)", "check paths inside the repository")
        }
        let excludedPaths = excluded.compactMap { relative(URL(fileURLWithPath: $0).standardizedFileURL.path) }
        do {
            let listed = try Git.files(at: commit, under: folders, in: top)
            let candidates = listed.filter { path in
                guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return false }
                if excludedPaths.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { return false }
                // As the folder walk does: no hidden entries, no build or package folders.
                let components = path.split(separator: "/")
                return !components.contains { $0.hasPrefix(".") || $0 == "node_modules" }
                    && configuration.admits(top + "/" + path)
            }
            let contents = try Git.contents(of: candidates, at: commit, in: top)
            // Present the old files under the paths the user sees for the current ones.
            let base = resolvedCwd == top ? top : URL(fileURLWithPath: cwd).standardizedFileURL.path
            let prefix = resolvedCwd.hasPrefix(top + "/") ? String(resolvedCwd.dropFirst(top.count + 1)) + "/" : ""
            let files: [(path: String, contents: FileContents)] = candidates.compactMap { path in
                guard let bytes = contents[path] else { return nil }
                let shown = path.hasPrefix(prefix) ? base + "/" + path.dropFirst(prefix.count) : top + "/" + path
                return (shown, .bytes(bytes))
            }
            let sources = SourceTable()
            let workspace = Workspace.load(contents: files, into: sources, limits: configuration.limits.load, defaultKind: { configuration.kind(for: $0) })
            return .success(Checker.run(program, on: workspace, today: today, sources: sources, configuration: configuration).findings)
        } catch let e as Git.Failure {
            return failure("--new-since: \(e.message)", "check that git can read \(revision) in \(top)")
        } catch {
            return failure("--new-since: cannot run git: \(error.localizedDescription)", "install git, or drop --new-since")
        }
    }
}
