import ReplaySupport
import ReplayParsing

/// report.html (SPEC §4): the run for a privacy officer or a regulator, made from summary.json
/// alone, so that it says nothing the summary does not: the incident and its windows, the
/// headline, exposures over time, people and records by kind of data, page and country group,
/// each node's coverage, the inputs, how the numbers were obtained, the tool. It holds counts
/// only, never an id, an email or a name, and can be sent as it is.
///
/// One self-contained file: inline CSS and SVG, no script, no request (its Content Security
/// Policy forbids any), laid out for A4 when printed. Every number and every text taken from
/// the summary is in an element that names where (`data-json`, a JSON Pointer into
/// summary.json), so that a test can check the page against the file.
package struct ReportPage {
    package var summary: JSONValue

    package static let file = "report.html"

    package init(summary: JSONValue) {
        self.summary = summary
    }

    // MARK: Values from the summary

    private func value(_ pointer: String) -> JSONValue? { summary[pointer: pointer] }

    private func int(_ pointer: String) -> Int {
        if case .int(let i) = value(pointer) { return i }
        return 0
    }

    private func string(_ pointer: String) -> String? {
        if case .string(let s) = value(pointer) { return s }
        return nil
    }

    private func keys(_ pointer: String) -> [String] {
        if case .object(let entries) = value(pointer) { return entries.map(\.0) }
        return []
    }

    private func count(_ pointer: String) -> Int {
        if case .array(let items) = value(pointer) { return items.count }
        return 0
    }

    /// A number of the summary, grouped by thousands, marked with where it comes from.
    private func n(_ pointer: String) -> String {
        "<span class=\"n\" data-json=\"\(Self.escape(pointer))\">\(Self.grouped(int(pointer)))</span>"
    }

    /// A text of the summary, marked with where it comes from.
    private func s(_ pointer: String) -> String {
        "<span data-json=\"\(Self.escape(pointer))\">\(Self.escape(string(pointer) ?? ""))</span>"
    }

    /// A time of the summary (UTC), marked with where it comes from.
    private func t(_ pointer: String) -> String {
        guard string(pointer) != nil else { return "—" }
        return "<time data-json=\"\(Self.escape(pointer))\">\(Self.escape(string(pointer)!))</time>"
    }

    private func key(_ name: String) -> String { JSONValue.pointerToken(name) }

    /// A key of the summary (a page, a kind of data, a country), marked with the object it is in.
    private func k(_ object: String, _ name: String) -> String {
        "<span data-json-key=\"\(Self.escape(object + "/" + key(name)))\">\(Self.escape(name))</span>"
    }

    // MARK: The page

    package func html() -> String {
        var page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Exposure report: \(Self.escape(string("/incident/name") ?? ""))</title>
        <style>\(Self.style)</style>
        </head>
        <body>

        """
        page += header() + headline() + windows() + timeline() + people() + nodes() + inputs() + method() + footer()
        page += "</body>\n</html>\n"
        return page
    }

    private func header() -> String {
        let complete = value("/complete") == .bool(true)
        return """
        <header>
        <p class="kicker">Exposure report, made by replay from the web servers' access logs</p>
        <h1>\(s("/incident/name"))</h1>
        <p class="status \(complete ? "ok" : "bad")" data-json="/complete">\(complete
            ? "Complete: every log line and every cache delivery of the window was accounted for."
            : "Incomplete: the counts below are what the logs show, and more people may be concerned.")</p>
        <p class="fleet" data-json="/nodes_checked">\(value("/nodes_checked") == .bool(true)
            ? "The nodes were checked against the fleet the incident file lists (log.nodes)."
            : "The nodes were not checked against a list of the fleet (log.nodes): a node whose logs were left out would not show here.")</p>
        </header>

        """
    }

    private func headline() -> String {
        var out = "<section class=\"headline\">\n<h2>In short</h2>\n<div class=\"cards\">\n"
        out += card(n("/affected_subjects"), "people whose data was shown to someone else (confirmed)")
        out += card(n("/possible/subjects"), "more people whose data may have been shown (possible)")
        out += card(n("/exposures"), "confirmed exposures: a page showing one person's data delivered to another")
        out += card(n("/possible/exposures"), "possible exposures")
        out += card(n("/distinct_viewers_signed_in"), "signed-in accounts that were shown someone else's data")
        out += card(n("/distinct_viewers_anonymous"), "anonymous visitors (told apart by address, not people) that were shown someone else's data")
        out += "</div>\n"
        let reasons = count("/incomplete_because")
        if reasons > 0 {
            out += "<p>The run is incomplete because:</p>\n<ul class=\"reasons\">\n"
            for i in 0..<reasons { out += "<li>\(s("/incomplete_because/\(i)"))</li>\n" }
            out += "</ul>\n"
        }
        let warnings = count("/warnings")
        if warnings > 0 {
            out += "<p>Warnings:</p>\n<ul>\n"
            for i in 0..<warnings { out += "<li>\(s("/warnings/\(i)"))</li>\n" }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    private func card(_ number: String, _ text: String) -> String {
        "<div class=\"card\"><div class=\"big\">\(number)</div><div>\(text)</div></div>\n"
    }

    private func windows() -> String {
        var out = "<section>\n<h2>The incident and its window</h2>\n"
        out += "<p>The bug window is \(t("/window/start")) to \(t("/window/end")) (UTC; the end not included).</p>\n"
        let rules = keys("/by_rule")
        out += "<table>\n<thead><tr><th>Page</th><th>Data shown</th><th>Window start</th><th>Window end</th></tr></thead>\n<tbody>\n"
        let byRule = !keys("/window/by_rule").isEmpty
        for rule in rules {
            let k = key(rule)
            let fields = count("/by_rule/\(k)/fields")
            out += "<tr><td>\(self.k("/by_rule", rule))</td><td>\((0..<fields).map { s("/by_rule/\(k)/fields/\($0)") }.joined(separator: ", "))</td>"
            out += byRule ? "<td>\(t("/window/by_rule/\(k)/start"))</td><td>\(t("/window/by_rule/\(k)/end"))</td></tr>\n"
                : "<td>\(t("/window/start"))</td><td>\(t("/window/end"))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<p>The logs read cover \(t("/coverage/from")) to \(t("/coverage/to")).</p>\n"
        return out + "</section>\n"
    }

    private func timeline() -> String {
        let rules = keys("/by_rule")
        var minutes: [TimelineChart.Minute] = []
        for i in 0..<count("/timeline") {
            guard let text = string("/timeline/\(i)/minute"), let minute = Self.milliseconds(text) else { continue }
            minutes.append(TimelineChart.Minute(index: i, minute: minute,
                                                confirmed: rules.map { int("/timeline/\(i)/confirmed/\(key($0))") },
                                                possible: rules.map { int("/timeline/\(i)/possible/\(key($0))") }))
        }
        let windows: [(start: Int64, end: Int64)] = rules.compactMap { rule in
            let k = key(rule)
            let start = string("/window/by_rule/\(k)/start") ?? string("/window/start")
            let end = string("/window/by_rule/\(k)/end") ?? string("/window/end")
            guard let start, let end, let s = Self.milliseconds(start), let e = Self.milliseconds(end) else { return nil }
            return (s, e)
        }
        let chart = TimelineChart(rules: rules, minutes: minutes, windows: windows)
        var out = "<section class=\"timeline\">\n<h2>Exposures over time</h2>\n"
        out += "<p>Each bar counts the exposures of one \(chart.minutesPerBar == 1 ? "minute" : "stretch of several minutes") (UTC), "
            + "by page: solid for confirmed, hatched for possible. The shaded band is the bug window; bars after it are pages that "
            + "caches went on serving after the bug was fixed.</p>\n"
        out += chart.svg() + "\n<p class=\"legend\">"
        for (r, rule) in rules.enumerated() {
            out += "<span><i style=\"background:\(TimelineChart.colour(r))\"></i>\(k("/by_rule", rule))</span> "
        }
        out += "<span><i class=\"window\"></i>bug window</span></p>\n"
        return out + "</section>\n"
    }

    private func people() -> String {
        var out = "<section>\n<h2>People and records</h2>\n"
        out += "<p>People are counted once each; records are exposures (one page showing one person's data to another).</p>\n"
        out += "<h3>By kind of data</h3>\n<table>\n<thead><tr><th>Data</th><th>People (confirmed)</th><th>Records (confirmed)</th>"
            + "<th>People (possible)</th><th>Records (possible)</th></tr></thead>\n<tbody>\n"
        for field in keys("/by_field") {
            let k = key(field)
            out += "<tr><td>\(self.k("/by_field", field))</td><td>\(n("/by_field/\(k)"))</td><td>\(n("/exposures_by_field/\(k)"))</td>"
                + "<td>\(n("/possible/by_field/\(k)"))</td><td>\(n("/possible/exposures_by_field/\(k)"))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<h3>By page</h3>\n<table>\n<thead><tr><th>Page</th><th>People (confirmed)</th><th>Records (confirmed)</th>"
            + "<th>People (possible)</th><th>Records (possible)</th></tr></thead>\n<tbody>\n"
        for rule in keys("/by_rule") {
            let k = key(rule)
            out += "<tr><td>\(self.k("/by_rule", rule))</td><td>\(n("/by_rule/\(k)/subjects"))</td><td>\(n("/by_rule/\(k)/exposures"))</td>"
                + "<td>\(n("/possible/by_rule/\(k)/subjects"))</td><td>\(n("/possible/by_rule/\(k)/exposures"))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if value("/by_country_group") != nil {
            out += "<h3>By country</h3>\n<p>Countries as the customer directory gives them; \(n("/subjects_not_in_directory")) "
                + "confirmed people are not in the directory (counted as unknown).</p>\n"
            out += "<table>\n<thead><tr><th>Where</th><th>People (confirmed)</th><th>Records (confirmed)</th><th>People (possible)</th>"
                + "<th>Records (possible)</th><th>Countries (confirmed people)</th></tr></thead>\n<tbody>\n"
            for group in CountryGroup.allCases {
                let k = key(group.rawValue)
                let countries = keys("/by_country").filter { CountryGroup(country: $0) == group }
                    .map { "\(self.k("/by_country", $0)) \(n("/by_country/\(key($0))"))" }.joined(separator: ", ")
                out += "<tr><td>\(self.k("/by_country_group", group.rawValue))</td><td>\(n("/by_country_group/\(k)"))</td>"
                    + "<td>\(n("/exposures_by_country_group/\(k)"))</td><td>\(n("/possible/by_country_group/\(k)"))</td>"
                    + "<td>\(n("/possible/exposures_by_country_group/\(k)"))</td><td>\(countries)</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            out += "<table>\n<thead><tr><th>Country</th><th>People (confirmed)</th><th>Records (confirmed)</th></tr></thead>\n<tbody>\n"
            for country in keys("/by_country") {
                out += "<tr><td>\(self.k("/by_country", country))</td><td>\(n("/by_country/\(key(country))"))</td>"
                    + "<td>\(n("/exposures_by_country/\(key(country))"))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    private func nodes() -> String {
        var out = "<section>\n<h2>Each cache node's logs</h2>\n"
        out += "<p>A node is one server with its own cache. A node whose logs stop, or fall silent, inside the window "
            + "leaves requests unseen, and the run says it is incomplete. The longest silence allowed is measured against "
            + "each node's own traffic (fifty times its mean gap between lines, from one minute to ten) unless log.gap sets it.</p>\n"
        out += "<table>\n<thead><tr><th>Node</th><th>First line</th><th>Last line</th><th>Silence allowed (s)</th><th>Covers the window</th>"
            + "<th>Requests</th><th>Exposures</th><th>Unresolved</th></tr></thead>\n<tbody>\n"
        for i in 0..<count("/nodes") {
            let p = "/nodes/\(i)"
            let covers = value("\(p)/covers_window") == .bool(true)
            out += "<tr><td>\(s("\(p)/name"))</td><td>\(t("\(p)/first_time"))</td><td>\(t("\(p)/last_time"))</td>"
                + "<td>\(n("\(p)/gap_seconds"))</td>"
                + "<td data-json=\"\(p)/covers_window\">\(covers ? "yes" : "no")</td>"
                + "<td>\(n("\(p)/requests_matched"))</td><td>\(n("\(p)/exposures"))</td><td>\(n("\(p)/unresolved"))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func inputs() -> String {
        var out = "<section class=\"inputs\">\n<h2>The inputs</h2>\n"
        out += "<p>\(n("/lines/read")) log lines read, \(n("/lines/parsed")) parsed, \(n("/lines/rejected")) rejected, "
            + "\(n("/lines/in_window")) in the window. The incident file \(s("/incident/file")) has SHA-256 \(s("/incident/sha256")).</p>\n"
        out += "<table>\n<thead><tr><th>File</th><th>Bytes</th><th>Lines</th><th>Read whole</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
        for i in 0..<count("/inputs") {
            let p = "/inputs/\(i)"
            let complete = value("\(p)/complete") == .bool(true)
            out += "<tr><td>\(s("\(p)/path"))</td><td>\(n("\(p)/bytes"))</td><td>\(n("\(p)/lines"))</td>"
                + "<td data-json=\"\(p)/complete\">\(complete ? "yes" : "no")</td><td class=\"hash\">\(s("\(p)/sha256"))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func method() -> String {
        var out = "<section>\n<h2>How the numbers were obtained</h2>\n"
        out += """
        <p>Every line of every log file was read (the files' digests are listed above) and parsed; a line that could not be
        parsed is counted as rejected and makes the run incomplete. Each request for a page that showed personal data
        (the pages above) was replayed in time order on the cache node that served it.</p>
        <p>A <b>render</b> is a page made by the application for one logged-in person: it shows that person's data. A
        <b>delivery</b> is a response sent to a browser: either a fresh render (\(n("/renders")) in all) or a copy that a
        shared cache stored and served again (\(n("/cache_deliveries")) of the \(n("/deliveries")) deliveries). An
        <b>exposure</b> is a delivery, inside the bug window or served later from a copy made inside it, that showed one
        person's data to somebody else. A person counts once, however many times their data was shown.</p>
        <p><b>Confirmed</b> means the logs prove which copy each delivery served. <b>Possible</b> means a cache may have served
        one of several copies and the logs cannot tell which (\(n("/possible/caused_by/stores")) pairs because the logs do
        not say whether a response was stored, \(n("/possible/caused_by/time")) because requests overlapped in time,
        \(n("/possible/caused_by/lock")) because of a cache lock, \(n("/possible/caused_by/hole")) because requests may be missing
        from the logs there: a damaged file, late lines or a silence). The true list contains every confirmed person and
        lies within confirmed and possible together. \(n("/unresolved/total")) deliveries could not be traced to a render.</p>

        """
        let assumptions = count("/possible/assumptions")
        if assumptions > 0 {
            out += "<p>What the run assumed:</p>\n<ul>\n"
            for i in 0..<assumptions { out += "<li>\(s("/possible/assumptions/\(i)"))</li>\n" }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    private func footer() -> String {
        "<footer>\n<p>Made by replay \(s("/tool/version")) (commit \(s("/tool/commit"))). This report holds counts only: "
            + "the list of people is in affected.csv and affected.xlsx, the evidence in exposures.csv.</p>\n</footer>\n"
    }

    // MARK: Helpers

    /// Text as HTML text or attribute value, its controls and bidirectional controls written
    /// as in every output (`IdText.safe`).
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in IdText.safe(text).unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// 1234567 as "1,234,567".
    static func grouped(_ v: Int) -> String {
        let digits = String(v.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (v < 0 ? "-" : "") + out
    }

    /// Milliseconds since 1970 of a summary time (`2015-12-25T19:50:00.000Z`).
    package static func milliseconds(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E, b[23] == 0x5A else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<from + count {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let year = num(0, 4), let month = num(5, 2), let day = num(8, 2), let hour = num(11, 2), let minute = num(14, 2),
              let second = num(17, 2), let ms = num(20, 3) else { return nil }
        let days = Int64(CivilTime.days(year: year, month: month, day: day))
        return ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000 + Int64(ms)
    }

    static let style = """
    @page { size: A4; margin: 14mm; }
    body { font: 14px/1.45 system-ui, "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; max-width: 182mm; margin: 0 auto; padding: 12px; }
    h1 { font-size: 24px; margin: 2px 0 8px; } h2 { font-size: 18px; margin: 22px 0 6px; border-bottom: 1px solid #ccc; }
    h3 { font-size: 15px; margin: 14px 0 4px; }
    .kicker { color: #555; margin: 0; text-transform: uppercase; font-size: 11px; letter-spacing: .06em; }
    .status { padding: 6px 10px; border-radius: 4px; font-weight: 600; }
    .status.ok { background: #e3f3e6; color: #1d5e2c; } .status.bad { background: #fbe4e1; color: #8a1f11; }
    .cards { display: flex; flex-wrap: wrap; gap: 8px; }
    .card { flex: 1 1 30%; border: 1px solid #ddd; border-radius: 4px; padding: 8px; font-size: 12px; break-inside: avoid; }
    .card .big { font-size: 24px; font-weight: 700; }
    table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 4px 0; }
    th, td { text-align: left; border-bottom: 1px solid #e3e3e3; padding: 3px 5px; vertical-align: top; }
    td .n, td.n { font-variant-numeric: tabular-nums; }
    tr { break-inside: avoid; }
    .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 9px; word-break: break-all; }
    .inputs td:first-child { word-break: break-all; }
    svg.chart { width: 100%; height: auto; font-size: 10px; fill: #333; }
    .legend span { margin-right: 12px; font-size: 12px; white-space: nowrap; }
    .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
    .legend i.window { background: #fff3c4; border: 1px solid #e0d090; }
    footer { margin-top: 24px; color: #555; font-size: 11px; }
    section { break-inside: auto; }
    h2, h3 { break-after: avoid; }
    section.timeline, svg.chart, table { break-inside: avoid; }
    """
}
