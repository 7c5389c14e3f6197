import XCTest
@testable import ReplayCache

/// What a node keeps per event of a key's history: a node holds hundreds of thousands.
final class KeyHistoryLayoutTests: XCTestCase {
    func testAnEventTakesSixtyFourBytes() {
        XCTAssertEqual(MemoryLayout<KeyHistory.Event>.stride, 64)
    }
}
