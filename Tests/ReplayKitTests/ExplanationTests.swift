import XCTest
@testable import ReplayKit

final class ExplanationTests: XCTestCase {
    func sighting(_ time: String, _ rule: String, _ viewer: String, confirmed: Bool = true) -> Explanation.Sighting {
        .init(time: time, node: "edge1", rule: rule, file: "a.log", line: "1", delivery: "HIT", confirmed: confirmed, viewer: viewer)
    }

    /// Pages in the order they first showed the data, each with its own fields, times and
    /// counts; a viewer confirmed on a page is not counted again among its possible ones.
    func testPagesKeepTheirOwnTimesAndCounts() {
        let pages = Explanation.pages([
            sighting("T3", "billing", "bob"),
            sighting("T1", "account", "erin"),
            sighting("T2", "account", "frank"),
            sighting("T4", "account", "erin", confirmed: false),
            sighting("T5", "account", "gina", confirmed: false),
        ], fieldsByRule: ["account": ["name", "email"], "billing": ["billing_address"]])
        XCTAssertEqual(pages.map(\.rule), ["account", "billing"])
        XCTAssertEqual(pages.map(\.fields), [["email", "name"], ["billing_address"]])
        XCTAssertEqual(pages.map(\.first), ["T1", "T3"])
        XCTAssertEqual(pages.map(\.last), ["T5", "T3"])
        XCTAssertEqual(pages.map(\.confirmed), [2, 1])
        XCTAssertEqual(pages.map(\.confirmedViewers), [2, 1])
        XCTAssertEqual(pages.map(\.possible), [2, 0])
        XCTAssertEqual(pages.map(\.possibleViewers), [1, 0], "erin is confirmed on the page already")
    }
}
