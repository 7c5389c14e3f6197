import XCTest
@testable import ReplayReporting

final class JSONValueTests: XCTestCase {
    func testJSONEscaping() {
        XCTAssertEqual(JSONValue.string("a\"b\\c\n\u{1}ä").serialized(), "\"a\\\"b\\\\c\\n\\u0001ä\"")
        XCTAssertEqual(JSONValue.object([("b", .int(1)), ("a", .array([]))]).serialized(), "{\n  \"b\": 1,\n  \"a\": []\n}")
    }
}
