import Foundation
import Testing
import TestSupport

@Suite("graph command")
struct GraphCLITests {
    @Test(arguments: [("dot", "dot"), ("mermaid", "mmd")])
    func golden(_ format: String, _ ext: String) throws {
        let r = try CLI.run(["graph", "fixtures/acme-retail", today, "--format", format])
        #expect(r.status == 0)
        expectGolden(r.stdout, at: Repository.fixture("graph/acme-retail.\(ext)"))
    }

    /// The built-in layout: well-formed SVG with a title, the same bytes every time.
    @Test func builtinSVG() throws {
        let r = try CLI.run(["graph", "fixtures/acme-retail", today, "--format", "svg", "--layout", "builtin"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("<title id=\"map-t\">Alignment map"))
        expectGolden(r.stdout, at: Repository.fixture("graph/acme-retail.svg"))
    }

    @Test(Needs.xmllint)
    func builtinSVGIsWellFormed() throws {
        let r = try CLI.run(["graph", "fixtures/acme-retail", today, "--format", "svg", "--layout", "builtin"])
        #expect(ExternalValidator.wellFormedXML(r.stdout) == nil)
    }

    /// With Graphviz installed, its SVG (well-formed); without, a clear error for
    /// `--layout graphviz`.
    @Test(Needs.xmllint)
    func graphvizLayout() throws {
        let r = try CLI.run(["graph", "fixtures/acme-retail", today, "--format", "svg", "--layout", "graphviz"])
        let hasDot = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
        if hasDot {
            #expect(r.status == 0)
            #expect(ExternalValidator.wellFormedXML(r.stdout) == nil)
            #expect(r.stdout.contains("intranet"))
        } else {
            #expect(r.status == 2)
            #expect(r.stderr.contains("--layout graphviz needs Graphviz's `dot`"))
        }
    }
}
