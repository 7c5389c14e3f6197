import Foundation
import XCTest

/// report.html (SPEC §4, issue 13): every number and text in it is summary.json's, it names
/// nobody, and Chromium renders it without a console error.
final class ReportTests: XCTestCase {
    /// Runs a trace into `out` and returns its folder.
    func run(_ trace: String) throws -> URL {
        let folder = ReplayBinary.copyOfTrace(trace)
        let window = ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertTrue(run.status == 0 || run.status == 2, run.stderr)
        return folder.appendingPathComponent("out")
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The value at a JSON Pointer of a parsed JSON document.
    static func lookup(_ pointer: String, in root: Any) -> Any? {
        var value: Any? = root
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let object = value as? [String: Any] { value = object[key] } else if let array = value as? [Any], let i = Int(key), array.indices.contains(i) {
                value = array[i]
            } else { return nil }
        }
        return value
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (0..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    static func removing(_ pattern: String, from text: String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
    }

    /// Checks every marked value of the page against summary.json, and that no number is left
    /// unmarked; returns how many values were checked.
    func checkAgainstSummary(_ out: URL, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let html = ReplayBinary.read(out.appendingPathComponent("report.html"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
        var checked = 0
        // Values: numbers, texts, times, yes/no.
        for m in Self.matches(#"<(\w+)[^>]*?\sdata-json="([^"]*)"[^>]*>([^<]*)</\1>"#, in: html) {
            let pointer = Self.unescape(m[2]), shown = Self.unescape(m[3])
            let value = Self.lookup(pointer, in: summary)
            if pointer.hasSuffix("/complete") || pointer.hasSuffix("/covers_window") || pointer.hasSuffix("/nodes_checked") {
                let yes = shown == "yes" || shown.hasPrefix("Complete") || shown.hasPrefix("The nodes were checked")
                XCTAssertEqual(yes, value as? Bool, "\(pointer): the page shows \(shown)", file: file, line: line)
            } else if let text = value as? String {
                XCTAssertEqual(shown, text, "\(pointer)", file: file, line: line)
            } else if let number = value as? Int {
                XCTAssertEqual(shown.replacingOccurrences(of: ",", with: ""), String(number), "\(pointer)", file: file, line: line)
            } else {
                XCTFail("\(pointer) is not a value of summary.json (the page shows \(shown))", file: file, line: line)
            }
            checked += 1
        }
        // Keys: pages, kinds of data, countries.
        for m in Self.matches(#"data-json-key="([^"]*)">([^<]*)<"#, in: html) {
            let pointer = Self.unescape(m[1])
            XCTAssertNotNil(Self.lookup(pointer, in: summary), "\(pointer) is not in summary.json", file: file, line: line)
            XCTAssertEqual(Self.unescape(String(pointer.split(separator: "/").last ?? "")).replacingOccurrences(of: "~1", with: "/"),
                           Self.unescape(m[2]), file: file, line: line)
            checked += 1
        }
        // The chart's bars: each is the sum of the timeline's counts it names.
        var bars = 0, drawn = 0
        for m in Self.matches(#"data-json-sum="([^"]*)" data-value="(\d+)""#, in: html) {
            let sum = m[1].split(separator: " ").reduce(0) { $0 + ((Self.lookup(String($1), in: summary) as? Int) ?? -1_000_000) }
            XCTAssertEqual(sum, Int(m[2]), m[1], file: file, line: line)
            bars += 1
            drawn += sum
        }
        let timeline = (Self.lookup("/timeline", in: summary) as? [[String: Any]]) ?? []
        let total = timeline.reduce(0) { t, minute in
            t + ["confirmed", "possible"].reduce(0) { $0 + ((minute[$1] as? [String: Int])?.values.reduce(0, +) ?? 0) }
        }
        XCTAssertEqual(drawn, total, "the chart draws every exposure of the timeline", file: file, line: line)
        let exposures = (Self.lookup("/exposures", in: summary) as? Int ?? 0) + (Self.lookup("/possible/exposures", in: summary) as? Int ?? 0)
        XCTAssertEqual(total, exposures, "the timeline counts every exposure, confirmed and possible", file: file, line: line)
        XCTAssertGreaterThan(bars, 0, file: file, line: line)
        // Nothing else on the page is a number: take out the marked values, the chart (its
        // numbers were checked above), the head, and the tags.
        var text = Self.removing(#"<head>.*?</head>"#, from: html)
        text = Self.removing(#"<svg.*?</svg>"#, from: text)
        text = Self.removing(#"<(\w+)[^>]*?\sdata-json(-key)?="[^"]*"[^>]*>[^<]*</\1>"#, from: text)
        text = Self.removing(#"<[^>]*>"#, from: text)
        // The page's own words with a digit.
        text = text.replacingOccurrences(of: "SHA-256", with: " ")
        let unmarked = Self.matches(#"[^\s]*[0-9][^\s]*"#, in: text).map { $0[0] }
        XCTAssertEqual(unmarked, [], "numbers on the page that summary.json does not give", file: file, line: line)
        return checked
    }

    func testEveryNumberOfTheReportIsSummaryJSONs() throws {
        let out = try run("qa-template-bug")
        let checked = try checkAgainstSummary(out)
        XCTAssertGreaterThan(checked, 60)
        XCTAssertEqual((ReplayBinary.summary(out)["timeline"] as? [Any])?.count, 44, "each minute of 09:10 to 09:54 with an exposure (09:23 has none)")
        let html = ReplayBinary.read(out.appendingPathComponent("report.html"))
        // The country groups Art. 33 notifications are split by, with the directory's counts.
        let summary = ReplayBinary.summary(out)
        let groups = try XCTUnwrap(summary["by_country_group"] as? [String: Int])
        XCTAssertEqual(groups.values.reduce(0, +), summary["affected_subjects"] as? Int, "every confirmed person is in one group")
        XCTAssertEqual(groups["unknown"], summary["subjects_not_in_directory"] as? Int)
        XCTAssertGreaterThan(groups["EU/EEA"] ?? 0, 0)
        XCTAssertTrue(html.contains(#"data-json="/by_country_group/EU~1EEA""#))
        // Records: every exposure is of one person, in one group, on a page that shows both fields.
        let records = try XCTUnwrap(summary["exposures_by_country_group"] as? [String: Int])
        XCTAssertEqual(records.values.reduce(0, +), summary["exposures"] as? Int)
        XCTAssertEqual((summary["exposures_by_field"] as? [String: Int])?["email"], summary["exposures"] as? Int)
        XCTAssertTrue(html.contains(#"data-json="/exposures_by_country_group/EU~1EEA""#))
    }

    func testPossiblePairsAreInTheReport() throws {
        let out = try run("nginx-possible")
        _ = try checkAgainstSummary(out)
        let html = ReplayBinary.read(out.appendingPathComponent("report.html"))
        let possible = try XCTUnwrap((ReplayBinary.summary(out)["possible"] as? [String: Any])?["exposures"] as? Int)
        XCTAssertGreaterThan(possible, 0)
        XCTAssertTrue(html.contains(#"data-json="/possible/exposures">\#(possible)<"#))
        XCTAssertTrue(html.contains("url(#hatch0)"), "possible exposures are drawn hatched")
        let byField = try XCTUnwrap((ReplayBinary.summary(out)["possible"] as? [String: Any])?["exposures_by_field"] as? [String: Int])
        XCTAssertEqual(byField["email"], possible, "the one page shows email: every possible pair is an email record")
    }

    /// No id, email or name of the inputs is in the report: it can be sent as it is.
    func testTheReportNamesNobody() throws {
        for trace in ["qa-template-bug", "rules-by-hand", "nginx-possible"] {
            let out = try run(trace)
            let html = ReplayBinary.read(out.appendingPathComponent("report.html"))
            var personal = Set<String>()
            for cells in ReplayBinary.records(out.appendingPathComponent("exposures.csv")).dropFirst() {
                personal.insert(cells[3])
                personal.insert(cells[4])
            }
            let users = out.deletingLastPathComponent().appendingPathComponent("users.csv")
            for cells in ReplayBinary.records(users).dropFirst() {
                personal.formUnion(cells.prefix(3))
            }
            XCTAssertGreaterThan(personal.count, 10, trace)
            for value in personal where value.count >= 4 {
                XCTAssertFalse(html.contains(value), "\(trace): report.html holds \(value)")
            }
        }
    }

    /// Per-rule windows are shown, each with its own start and end.
    func testTheReportShowsEachPagesWindow() throws {
        let folder = try PerRuleWindowTests.folder(accountWindow: true)
        XCTAssertEqual(ReplayBinary.run(["--quiet", "--out", "out", "logs"], in: folder).status, 0)
        let out = folder.appendingPathComponent("out")
        let html = ReplayBinary.read(out.appendingPathComponent("report.html"))
        XCTAssertTrue(html.contains(#"<time data-json="/window/by_rule/seller-profile/end">2015-12-25T19:58:00.000Z</time>"#))
        XCTAssertTrue(html.contains(#"<time data-json="/window/by_rule/account-page/end">2015-12-25T20:50:00.000Z</time>"#))
        XCTAssertEqual(Self.matches(#"<rect class="window""#, in: html).count, 2, "two windows shaded in the chart")
        _ = try checkAgainstSummary(out)
    }

    /// Debian's headless Chromium renders the page without a console error (a request the page's
    /// policy blocks would be one) and shows its numbers.
    func testChromiumRendersTheReport() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("CI installs chromium"); return }
            throw XCTSkip("chromium is not installed (apt-get install -y chromium)")
        }
        let out = try run("steam-cache-leak")
        let page = out.appendingPathComponent("report.html")
        let render = TestRun.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                                            "--dump-dom", page.absoluteString])
        XCTAssertEqual(render.status, 0, render.stderr)
        let console = render.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        XCTAssertEqual(console, [], "console messages")
        let exposures = try XCTUnwrap(ReplayBinary.summary(out)["exposures"] as? Int)
        XCTAssertTrue(render.stdout.contains(#"data-json="/exposures">\#(exposures)<"#), "the rendered page shows the exposures")
    }
}
