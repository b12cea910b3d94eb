import Foundation
import Testing
import TestSupport

@Suite("audit command")
struct AuditCLITests {
    @Test func markdownGolden() throws {
        let r = try CLI.run(["audit", "fixtures/acme-retail", today])
        #expect(r.status == 0)
        #expect(r.stdout.contains("## Alignment score: "))
        // The rule packs' digest changes with every edit of a built-in rule (see jsonGolden).
        expectGolden(r.stdout.replacingOccurrences(of: #"rule packs: SHA-256 `[0-9a-f]{64}`"#, with: "rule packs: SHA-256 `<sha256>`", options: .regularExpression),
                     at: Repository.fixture("audit/acme-retail.md"))
    }

    /// The JSON golden with the rule packs' digest masked: it changes with every edit of a
    /// built-in rule, and `AuditEvidenceTests` recomputes it.
    @Test func jsonGolden() throws {
        let r = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "json"])
        #expect(r.status == 0)
        let masked = r.stdout.replacingOccurrences(of: #""rulesDigest" : "[0-9a-f]{64}""#, with: #""rulesDigest" : "<sha256>""#, options: .regularExpression)
        #expect(masked != r.stdout)
        expectGolden(masked, at: Repository.fixture("audit/acme-retail.json"))
    }

    /// Two documents that would have the same row (two Strategy documents without an
    /// organization in one file, two business units naming one organization) are told
    /// apart by where they start.
    @Test func documentsOfOneNameAreToldApart() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("kind: Strategy\nreview: quarterly\n---\nkind: Strategy\nowner: ceo\n", "plans.yaml", in: dir)
        try write("kind: Strategy\norganization: Acme\n", "eu.yaml", in: dir)
        try write("kind: Strategy\norganization: Acme\n", "us.yaml", in: dir)
        try write("kind: Strategy\norganization: Other\n", "other.yaml", in: dir)
        let r = try CLI.run(["audit", ".", today], in: dir)
        for row in ["| Strategy in plans.yaml:1 |", "| Strategy in plans.yaml:4 |", "| Acme (eu.yaml:1) |", "| Acme (us.yaml:1) |", "| Other |"] {
            #expect(r.stdout.contains(row), "\(row)")
        }
    }

    /// Same inputs, same bytes.
    @Test func deterministic() throws {
        let a = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "json"])
        let b = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "json"])
        #expect(a.stdout == b.stdout)
    }
}

@Suite("audit --format html")
struct AuditHTMLTests {
    @Test func goldenAndSelfContained() throws {
        let r = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "html"])
        #expect(r.status == 0)
        let page = r.stdout
        expectGolden(page.replacingOccurrences(of: #"SHA-256 <code>[0-9a-f]{64}</code></li>\n<li>Configuration"#,
                                               with: "SHA-256 <code>&lt;sha256&gt;</code></li>\n<li>Configuration", options: .regularExpression),
                     at: Repository.fixture("audit/acme-retail.html"))
        // Nothing fetched, nothing run: no script, stylesheet link, image or frame, and
        // no URL but the SVG namespace.
        for banned in ["<script", "<link", "<img", "<iframe", "src=", "@import"] {
            #expect(!page.contains(banned), "\(banned)")
        }
        // `url(#id)` names a marker in the page; any other url( would fetch.
        #expect(page.matches(of: /url\([^#]/).isEmpty)
        let urls = page.matches(of: /https?:\/\/[^"\s<]+/).map { String($0.output) }
        #expect(Set(urls) == ["http://www.w3.org/2000/svg"])
        // Accessibility basics: one h1, section headings, a title on every chart.
        #expect(page.components(separatedBy: "<h1>").count == 2)
        #expect(page.components(separatedBy: "<h2 ").count >= 6)
        let charts = page.components(separatedBy: "<svg ").count - 1
        #expect(charts == 4)
        #expect(page.components(separatedBy: "role=\"img\" aria-labelledby=").count - 1 == charts)
    }

    /// Each inline SVG is well-formed XML (xmllint, as for the JUnit report).
    @Test(Needs.xmllint)
    func chartsAreWellFormed() throws {
        let r = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "html"])
        let svgs = r.stdout.matches(of: /<svg [\s\S]*?<\/svg>/).map { String($0.output) }
        #expect(svgs.count == 4)
        for svg in svgs {
            #expect(ExternalValidator.wellFormedXML(svg) == nil, "\(svg.prefix(120))")
        }
    }

    /// The page loads in headless Chromium with no console message (errors included).
    /// Skipped, with the reason, where no Chromium is installed.
    @Test(Needs.chromium)
    func loadsInChromiumWithoutConsoleMessages() throws {
        guard let browser = Needs.Tools.chromium else { throw MissingRequirement(description: "no chromium to load the HTML audit in") }
        let dir = try temporaryFolder()
        let page = dir.appendingPathComponent("audit.html")
        let r = try CLI.run(["audit", "fixtures/acme-retail", today, "--format", "html", "--output", page.path])
        #expect(r.status == 0)
        let log = dir.appendingPathComponent("console.log"), dom = dir.appendingPathComponent("dom.html")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        _ = FileManager.default.createFile(atPath: dom.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--dump-dom", page.absoluteString]
        process.standardOutput = try FileHandle(forWritingTo: dom)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        process.waitUntilExit()
        let console = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(console)")
        #expect(try String(contentsOf: dom, encoding: .utf8).contains("<h1>Governance audit</h1>"))
    }
}

@Suite("audit --history")
struct AuditHistoryCLITests {
    /// Three audits recorded on three dates: the JSON holds the series, the Markdown and
    /// HTML audits show the trend.
    @Test func recordsAndShowsTheTrend() throws {
        let dir = try temporaryFolder()
        let history = dir.appendingPathComponent("audits.sqlite").path
        for date in ["2026-03-31", "2026-07-15"] {
            let r = try CLI.run(["audit", "fixtures/acme-retail", "--today", date, "--history", history, "--output", dir.appendingPathComponent("\(date).md").path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let json = try CLI.run(["audit", "fixtures/acme-retail", today, "--history", history, "--format", "json"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let series = try #require(document["history"] as? [[String: Any]])
        #expect(series.map { $0["date"] as? String } == ["2026-03-31", "2026-07-15", "2026-11-22"])
        #expect(series.allSatisfy { ($0["score"] as? Int).map { (0...100).contains($0) } ?? false })
        #expect((series.last?["metrics"] as? [String: Any])?.count == 7)
        // Recorded again on the same day and commit: replaced, not added.
        let again = try CLI.run(["audit", "fixtures/acme-retail", today, "--history", history, "--format", "html"])
        #expect(again.stdout.contains("<h2 id=\"trend\">Trend</h2>"))
        #expect(again.stdout.components(separatedBy: "<circle class=\"point\"").count - 1 == 3)
        let markdown = try CLI.run(["audit", "fixtures/acme-retail", today, "--history", history])
        #expect(markdown.stdout.contains("## Trend"))
    }

    /// The trend chart is well-formed XML.
    @Test(Needs.xmllint)
    func trendChartIsWellFormed() throws {
        let history = try temporaryFolder().appendingPathComponent("audits.sqlite").path
        #expect(try CLI.run(["audit", "fixtures/acme-retail", "--today", "2026-03-31", "--history", history]).status == 0)
        let html = try CLI.run(["audit", "fixtures/acme-retail", today, "--history", history, "--format", "html"])
        let chart = try #require(html.stdout.matches(of: /<svg class="chart trend"[\s\S]*?<\/svg>/).first?.output)
        #expect(ExternalValidator.wellFormedXML(String(chart)) == nil)
    }

    /// A rule stopped by a limit: the audit is written (exit 2) but not recorded.
    @Test func stoppedRuleIsNotRecorded() throws {
        let dir = try temporaryFolder()
        let history = dir.appendingPathComponent("audits.sqlite").path
        let r = try CLI.run(["audit", today, "--no-builtin", "--history", history], in: Repository.fixture("limits/steps"))
        #expect(r.status == 2)
        #expect(r.stdout.contains("# Governance audit"))
        #expect(r.stderr.contains("was stopped"))
        #expect(!FileManager.default.fileExists(atPath: history))
    }

    @Test func unreadableHistoryIsAClearError() throws {
        let dir = try temporaryFolder()
        let notes = dir.appendingPathComponent("notes.txt")
        try "not a database\n".write(to: notes, atomically: true, encoding: .utf8)
        let r = try CLI.run(["audit", "fixtures/acme-retail", today, "--history", notes.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(notes.path) is not a stratlint history"))
        #expect(try String(contentsOf: notes, encoding: .utf8) == "not a database\n")
        // A linted file is never opened as the history.
        let input = try CLI.run(["audit", "fixtures/acme-retail", today, "--history", "fixtures/acme-retail/strategy.yaml"])
        #expect(input.status == 2)
        #expect(input.stderr.contains("refusing to write fixtures/acme-retail/strategy.yaml"))
    }
}
