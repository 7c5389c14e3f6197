import XCTest
@testable import ReplayReporting

final class ReportPageTests: XCTestCase {
    func testCountryGroups() {
        XCTAssertEqual(CountryGroup(country: "DE"), .euEEA)
        XCTAssertEqual(CountryGroup(country: " no "), .euEEA, "Norway is in the EEA; codes in any case")
        XCTAssertEqual(CountryGroup(country: "EL"), .euEEA, "Greece as the EU writes it")
        XCTAssertEqual(CountryGroup(country: "GB"), .uk)
        XCTAssertEqual(CountryGroup(country: "UK"), .uk)
        XCTAssertEqual(CountryGroup(country: "US"), .us)
        XCTAssertEqual(CountryGroup(country: "CH"), .other, "Switzerland is neither EU nor EEA")
        XCTAssertEqual(CountryGroup(country: "Germany"), .other, "names are not codes")
        XCTAssertEqual(CountryGroup(country: ""), .unknown)
        XCTAssertEqual(CountryGroup(country: "unknown"), .unknown)
        let grouped = CountryGroup.grouped(["DE": 3, "FR": 2, "GB": 1, "IN": 4, "unknown": 5])
        XCTAssertEqual(grouped.map(\.group), CountryGroup.allCases)
        XCTAssertEqual(grouped.map(\.count), [5, 1, 0, 4, 5])
    }

    func testJSONPointer() {
        let v = JSONValue.object([("by_rule", .object([("a/b", .object([("n", .int(3))])), ("c~d", .int(4))])),
                                  ("list", .array([.string("x"), .int(7)]))])
        XCTAssertEqual(v[pointer: "/by_rule/a~1b/n"], .int(3))
        XCTAssertEqual(v[pointer: "/by_rule/c~0d"], .int(4))
        XCTAssertEqual(v[pointer: "/list/1"], .int(7))
        XCTAssertNil(v[pointer: "/list/2"])
        XCTAssertNil(v[pointer: "/missing"])
        XCTAssertEqual(JSONValue.pointerToken("a/b~c"), "a~1b~0c")
    }

    func testNumbersTimesAndEscaping() {
        XCTAssertEqual(ReportPage.grouped(0), "0")
        XCTAssertEqual(ReportPage.grouped(999), "999")
        XCTAssertEqual(ReportPage.grouped(34_123), "34,123")
        XCTAssertEqual(ReportPage.grouped(1_234_567), "1,234,567")
        XCTAssertEqual(ReportPage.milliseconds("2015-12-25T19:50:00.250Z"), 1_451_073_000_250)
        XCTAssertEqual(ReportPage.milliseconds("1970-01-01T00:00:00.000Z"), 0)
        XCTAssertNil(ReportPage.milliseconds("2015-12-25 19:50:00.250Z"))
        XCTAssertEqual(ReportPage.escape(#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }

    /// A page's name from the incident file is text, never markup.
    func testTextFromTheIncidentIsEscaped() {
        let summary = JSONValue.object([
            ("incident", .object([("name", .string("<script>alert(1)</script>"))])),
            ("by_rule", .object([("<b>page</b>", .object([("exposures", .int(1)), ("subjects", .int(1)), ("fields", .array([]))]))])),
            ("window", .object([("start", .string("2015-12-25T19:50:00.000Z")), ("end", .string("2015-12-25T20:50:00.000Z"))])),
            ("timeline", .array([])),
        ])
        let html = ReportPage(summary: summary).html()
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<b>page</b>"))
        XCTAssertTrue(html.contains("&lt;b&gt;page&lt;/b&gt;"))
    }

    /// A rule name in the chart's attributes (`data-json-sum`, its JSON Pointers) is escaped too.
    func testARuleNameInTheChartIsEscaped() {
        let name = "\"><img src=x onerror=alert(1)>"
        let summary = JSONValue.object([
            ("incident", .object([("name", .string("x"))])),
            ("by_rule", .object([(name, .object([("exposures", .int(1)), ("subjects", .int(1)), ("fields", .array([]))]))])),
            ("window", .object([("start", .string("2015-12-25T19:50:00.000Z")), ("end", .string("2015-12-25T20:50:00.000Z"))])),
            ("timeline", .array([.object([("minute", .string("2015-12-25T19:55:00.000Z")), ("confirmed", .object([(name, .int(1))])),
                                          ("possible", .object([]))])])),
        ])
        let html = ReportPage(summary: summary).html()
        XCTAssertTrue(html.contains("data-json-sum=\"/timeline/0/confirmed/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""), html)
        XCTAssertFalse(html.contains("<img"), "no markup from a rule name")
    }

    func testCellTextForTheWorkbook() {
        XCTAssertEqual(Worksheet.cellText("76561198000000097"), "76561198000000097")
        XCTAssertEqual(Worksheet.cellText("a\u{1}b\tc\u{202E}d"), "a\\x01b\\x09c\\x{202E}d", "controls as in every output")
        let long = String(repeating: "x", count: 40_000)
        let cut = Worksheet.cellText(long)
        XCTAssertEqual(cut.count, Workbook.longestText)
        XCTAssertTrue(cut.hasSuffix("…"))
    }
}
