import XCTest
@testable import ReplayCache

/// A node's histories by key, in pages that never move as the table grows.
final class KeyHistoryTableTests: XCTestCase {
    func testHistoriesStayWhereTheyAreAsTheTableGrows() {
        let table = KeyHistoryTable()
        XCTAssertEqual(table.count, 0)
        table.include(5)
        XCTAssertGreaterThan(table.count, 5)
        let first = table[5]
        first.pointee.undo.stamp = 7
        table.include(100_000)
        XCTAssertGreaterThan(table.count, 100_000)
        XCTAssertEqual(table[5], first, "the history did not move")
        XCTAssertEqual(table[5].pointee.undo.stamp, 7)
        table[100_000].pointee.undo.stamp = 9
        var stamped = 0
        table.forEach { if $0.pointee.undo.stamp != 0 { stamped += 1 } }
        XCTAssertEqual(stamped, 2, "every other history is empty")
        XCTAssertTrue(table[99_999].pointee.events.isEmpty)
    }
}
