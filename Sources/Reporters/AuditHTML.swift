import Audit
import Engine
import RuleLanguage

/// The audit as one self-contained HTML page: inline CSS and SVG, nothing fetched, no
/// script, and a print style. Headings structure it, every chart has a title and a
/// text equivalent, and severities are told by words and numbers as well as colour.
public struct AuditHTMLReporter: Reporter {
    public static let name = "html"

    public init() {}
    public init(context: ReportContext) {}

    public func write<Out: TextOutputStream>(_ subject: Audit, to out: inout Out) {
        out.write(render(subject))
    }

    public func render(_ audit: Audit) -> String {
        let e = { (s: String) in XML.escape(s) }
        let s = audit.score
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Governance audit, \(audit.today) (stratlint)</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <main>
        <h1>Governance audit</h1>
        <p class="meta">stratlint \(e(audit.version)), as of \(audit.today); \(audit.fileCount) file\(audit.fileCount == 1 ? "" : "s"), \(audit.findings.count) finding\(audit.findings.count == 1 ? "" : "s").</p>

        <section aria-labelledby="score">
        <h2 id="score">Alignment score</h2>
        <div class="score">
        \(SVGChart.gauge(s.value, title: "Alignment score"))<table>
        <caption>How the score is made (docs/audit.md)</caption>
        <tr><th scope="row">Metrics (M)</th><td>\(s.metricPart.map(AuditMarkdownReporter.percent) ?? "n/a")</td><td>mean share of the metrics that have items</td></tr>
        <tr><th scope="row">Findings (F)</th><td>\(AuditMarkdownReporter.percent(s.findingPart))</td><td>\(s.items) items / (\(s.items) items + \(s.weightedFindings) weighted findings: 3 per error, 1 per warning)</td></tr>
        <tr><th scope="row">Score</th><td><strong>\(s.value)</strong></td><td>\(s.metricPart == nil ? "100 × F" : "100 × (M + F) / 2"), rounded</td></tr>
        </table>
        </div>
        </section>

        \(trend(audit))<section aria-labelledby="pitfalls">
        <h2 id="pitfalls">Findings by pitfall</h2>
        <p class="legend"><span class="key error"></span> error <span class="key warning"></span> warning <span class="key info"></span> info</p>

        """
        let worst = audit.pitfalls.map(\.counts.total).max() ?? 0
        out += SVGChart.bars(audit.pitfalls.map { p, c in
            SVGChart.Bar(label: p.rawValue,
                         segments: [(Double(c.errors), "error", "\(c.errors) errors"), (Double(c.warnings), "warning", "\(c.warnings) warnings"),
                                    (Double(c.infos), "info", "\(c.infos) info")],
                         caption: c.total == 0 ? "none" : "\(c.errors) E · \(c.warnings) W · \(c.infos) I")
        }, scale: Double(max(worst, 1)), title: "Findings by pitfall",
        description: audit.pitfalls.map { "\($0.pitfall.rawValue): \($0.counts.errors) errors, \($0.counts.warnings) warnings, \($0.counts.infos) info" }.joined(separator: "; "))
        out += "</section>\n\n<section aria-labelledby=\"metrics\">\n<h2 id=\"metrics\">Metrics</h2>\n"
        out += SVGChart.bars(audit.metrics.map { m in
            let share = m.value.share ?? 0
            return SVGChart.Bar(label: m.id, segments: [(share, share >= 0.75 ? "good" : share >= 0.5 ? "fair" : "poor", m.title)],
                                caption: m.value.share.map { "\(AuditMarkdownReporter.percent($0)) (\(m.value.holds) of \(m.value.total))" } ?? "n/a (no items)")
        }, scale: 1, title: "Metrics", description: audit.metrics.map { "\($0.title): \($0.value.holds) of \($0.value.total)" }.joined(separator: "; "))
        out += "<ul class=\"metric-titles\">\n"
        for m in audit.metrics { out += "<li><code>\(e(m.id))</code>: \(e(m.title))</li>\n" }
        out += "</ul>\n</section>\n\n"
        out += "<section aria-labelledby=\"map\">\n<h2 id=\"map\">Alignment map</h2>\n"
        out += "<p>Goals → the initiatives that support them → the systems they use; dashed blue arcs are integrations. "
        out += "A thick red border marks a goal nothing supports, an initiative that supports no existing goal, or an active system "
        out += "that supports no goal and that no initiative lists; a dashed red box is an id referred to but not defined. Each says so in words.</p>\n"
        out += "<div class=\"map-frame\">\n" + GraphSVGReporter().render(audit.map) + "</div>\n</section>\n\n"
        for (id, title, column, groups) in [("owners", "By owner", "Owner", audit.owners), ("documents", "By document", "Document", audit.documents)] {
            out += "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(title)</h2>\n<table>\n"
            out += "<tr><th scope=\"col\">\(column)</th><th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Info</th></tr>\n"
            for g in groups {
                out += "<tr><td>\(e(g.name))</td><td class=\"n\">\(g.counts.errors)</td><td class=\"n\">\(g.counts.warnings)</td><td class=\"n\">\(g.counts.infos)</td></tr>\n"
            }
            out += "</table>\n</section>\n\n"
        }
        out += "<section aria-labelledby=\"findings\">\n<h2 id=\"findings\">Findings</h2>\n"
        if audit.findings.isEmpty {
            out += "<p>None.</p>\n"
        } else {
            out += "<table class=\"findings\">\n<tr><th scope=\"col\">Severity</th><th scope=\"col\">Where</th><th scope=\"col\">Rule</th><th scope=\"col\">Finding</th></tr>\n"
            for f in audit.findings {
                let place = f.range.map { "\(f.file):\($0.start.line)" } ?? f.file
                out += "<tr><td><span class=\"sev \(f.severity.rawValue)\">\(f.severity.rawValue)</span></td><td><code>\(e(place))</code></td>"
                out += "<td><code>\(e(f.ruleID))</code></td><td>\(e(f.message))\(f.fix.map { "<br><em>Fix:</em> \(e($0))" } ?? "")</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "</section>\n\n<section aria-labelledby=\"evidence\">\n<h2 id=\"evidence\">Evidence</h2>\n<ul>\n"
        out += "<li>Rule packs: SHA-256 <code>\(audit.rulesDigest)</code></li>\n"
        out += "<li>Configuration: \(audit.configurationDigest.map { "SHA-256 <code>\($0)</code>" } ?? "none")</li>\n</ul>\n"
        out += "<table class=\"inputs\">\n<tr><th scope=\"col\">Input</th><th scope=\"col\">SHA-256</th></tr>\n"
        for input in audit.inputs { out += "<tr><td><code>\(e(input.path))</code></td><td><code>\(input.sha256)</code></td></tr>\n" }
        out += "</table>\n</section>\n</main>\n</body>\n</html>\n"
        return out
    }

    /// The score over the recorded audits (`--history`), with a table of the series.
    private func trend(_ audit: Audit) -> String {
        guard !audit.history.isEmpty else { return "" }
        let e = { (s: String) in XML.escape(s) }
        var out = "<section aria-labelledby=\"trend\">\n<h2 id=\"trend\">Trend</h2>\n"
        out += SVGChart.line(audit.history.map { ($0.date.description, $0.score) }, title: "Alignment score over the recorded audits",
                             description: audit.history.map { "\($0.date): \($0.score)" }.joined(separator: "; "))
        out += "<table>\n<tr><th scope=\"col\">Date</th><th scope=\"col\">Commit</th><th scope=\"col\">Score</th><th scope=\"col\">Findings</th></tr>\n"
        for r in audit.history {
            out += "<tr><td>\(r.date)</td><td><code>\(e(String((r.commit ?? "").prefix(10))))</code></td><td class=\"n\">\(r.score)</td><td class=\"n\">\(r.findings)</td></tr>\n"
        }
        return out + "</table>\n</section>\n\n"
    }

    static let style = """

    body { font: 15px/1.45 system-ui, sans-serif; color: #1b1f24; margin: 0; background: #fff; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
    h1 { margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
    .meta { color: #57606a; margin-top: 0; }
    table { border-collapse: collapse; margin: .5rem 0; } caption { text-align: left; color: #57606a; padding-bottom: .3rem; }
    th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .score { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
    svg text { font: 13px system-ui, sans-serif; fill: #1b1f24; } svg .value { font-size: 40px; font-weight: 700; }
    svg .track { fill: #eaeef2; stroke: #eaeef2; } .gauge path { fill: none; }
    .error { fill: #cf222e; background: #cf222e; } .warning { fill: #bf8700; background: #bf8700; } .info { fill: #0969da; background: #0969da; }
    .good { fill: #1a7f37; stroke: #1a7f37; } .fair { fill: #bf8700; stroke: #bf8700; } .poor { fill: #cf222e; stroke: #cf222e; }
    .key { display: inline-block; width: .9rem; height: .9rem; vertical-align: -2px; margin-left: .6rem; }
    .sev { font-weight: 600; } .sev.error { color: #cf222e; background: none; } .sev.warning { color: #9a6700; background: none; } .sev.info { color: #0969da; background: none; }
    .trend .grid { stroke: #d0d7de; } .trend .series { fill: none; stroke: #0969da; stroke-width: 2.5; } .trend .point { fill: #0969da; }
    .trend .pv { font-weight: 700; } .trend .axis { fill: #57606a; }
    .map-frame { overflow-x: auto; } .map-frame svg { max-width: 100%; height: auto; }
    .findings td { font-size: 14px; } code { font-size: 13px; word-break: break-all; }
    @media print { body { font-size: 11pt; } main { max-width: none; padding: 0; } section { break-inside: avoid-page; } .findings tr { break-inside: avoid; }
      .error, .warning, .info, .good, .fair, .poor, .track { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }

    """
}
