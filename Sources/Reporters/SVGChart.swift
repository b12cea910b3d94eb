import Foundation

/// Small inline SVG charts for the HTML audit: no script, no fonts or images fetched,
/// every figure also written as text (colour is never the only signal), and a `<title>`
/// and `<desc>` for screen readers.
enum SVGChart {
    /// One bar of a horizontal chart: a label and its segments (value, CSS class, name).
    struct Bar {
        var label: String
        var segments: [(value: Double, style: String, name: String)]
        /// Written after the bar, e.g. "3 errors, 2 warnings" or "62.5 %".
        var caption: String
    }

    /// A horizontal bar chart; `scale` is the value of a full-width bar.
    static func bars(_ bars: [Bar], scale: Double, title: String, description: String) -> String {
        let labelWidth = 230.0, barWidth = 360.0, captionWidth = 190.0, rowHeight = 26.0
        let width = labelWidth + barWidth + captionWidth
        let height = rowHeight * Double(bars.count) + 8
        let id = anchor(title)
        var out = """
        <svg class="chart" role="img" aria-labelledby="\(id)-t \(id)-d" viewBox="0 0 \(fmt(width)) \(fmt(height))" width="\(fmt(width))" height="\(fmt(height))" xmlns="http://www.w3.org/2000/svg">
        <title id="\(id)-t">\(XML.escape(title))</title><desc id="\(id)-d">\(XML.escape(description))</desc>

        """
        for (i, bar) in bars.enumerated() {
            let y = 4 + rowHeight * Double(i)
            out += "<text class=\"label\" x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + 17))\" text-anchor=\"end\">\(XML.escape(bar.label))</text>\n"
            out += "<rect class=\"track\" x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(barWidth))\" height=\"18\"/>\n"
            var x = labelWidth
            for segment in bar.segments where segment.value > 0 {
                let w = scale > 0 ? barWidth * min(segment.value, scale) / scale : 0
                out += "<rect class=\"\(segment.style)\" x=\"\(fmt(x))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(w))\" height=\"18\"><title>\(XML.escape(segment.name))</title></rect>\n"
                x += w
            }
            out += "<text class=\"caption\" x=\"\(fmt(labelWidth + barWidth + 8))\" y=\"\(fmt(y + 17))\">\(XML.escape(bar.caption))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// A half-circle gauge from 0 to 100 with the value written in its middle.
    static func gauge(_ value: Int, title: String) -> String {
        let clamped = Double(max(0, min(100, value)))
        let angle = Double.pi * (1 - clamped / 100)
        let (cx, cy, r) = (110.0, 110.0, 90.0)
        let end = (cx + r * cos(angle), cy - r * sin(angle))
        let id = anchor(title)
        return """
        <svg class="gauge" role="img" aria-labelledby="\(id)-t" viewBox="0 0 220 130" width="220" height="130" xmlns="http://www.w3.org/2000/svg">
        <title id="\(id)-t">\(XML.escape(title)): \(value) out of 100</title>
        <path class="track" d="M 20 110 A 90 90 0 0 1 200 110" fill="none" stroke-width="18"/>
        <path class="\(value >= 75 ? "good" : value >= 50 ? "fair" : "poor")" d="M 20 110 A 90 90 0 0 1 \(fmt(end.0)) \(fmt(end.1))" fill="none" stroke-width="18"/>
        <text class="value" x="110" y="100" text-anchor="middle">\(value)</text>
        <text class="caption" x="110" y="124" text-anchor="middle">out of 100</text>
        </svg>

        """
    }

    /// A line chart of values from 0 to 100, one point per label, evenly spaced, each
    /// point written with its value.
    static func line(_ points: [(label: String, value: Int)], title: String, description: String) -> String {
        let (left, right, top, bottom) = (60.0, 60.0, 24.0, 40.0)
        let plotWidth = max(120.0, min(640.0, 110.0 * Double(points.count))), plotHeight = 180.0
        let width = left + plotWidth + right, height = top + plotHeight + bottom
        let id = anchor(title)
        // Points keep clear of the axis labels on the left.
        func x(_ i: Int) -> Double { points.count == 1 ? left + plotWidth / 2 : left + 30 + (plotWidth - 60) * Double(i) / Double(points.count - 1) }
        func y(_ v: Int) -> Double { top + plotHeight * (1 - Double(max(0, min(100, v))) / 100) }
        var out = """
        <svg class="chart trend" role="img" aria-labelledby="\(id)-t \(id)-d" viewBox="0 0 \(fmt(width)) \(fmt(height))" width="\(fmt(width))" height="\(fmt(height))" xmlns="http://www.w3.org/2000/svg">
        <title id="\(id)-t">\(XML.escape(title))</title><desc id="\(id)-d">\(XML.escape(description))</desc>

        """
        for v in [0, 50, 100] {
            out += "<line class=\"grid\" x1=\"\(fmt(left))\" y1=\"\(fmt(y(v)))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(y(v)))\"/>"
            out += "<text class=\"axis\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\">\(v)</text>\n"
        }
        if points.count > 1 {
            out += "<polyline class=\"series\" points=\"\(points.indices.map { "\(fmt(x($0))),\(fmt(y(points[$0].value)))" }.joined(separator: " "))\"/>\n"
        }
        for (i, p) in points.enumerated() {
            out += "<circle class=\"point\" cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(p.value)))\" r=\"4\"/>"
            out += "<text class=\"pv\" x=\"\(fmt(x(i)))\" y=\"\(fmt(y(p.value) - 9))\" text-anchor=\"middle\">\(p.value)</text>"
            out += "<text class=\"axis\" x=\"\(fmt(x(i)))\" y=\"\(fmt(top + plotHeight + 18))\" text-anchor=\"middle\">\(XML.escape(p.label))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// Numbers with at most two decimals and no trailing zeros: the same text everywhere.
    static func fmt(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// An id for `aria-labelledby`, from a title.
    static func anchor(_ title: String) -> String {
        "c-" + String(title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
