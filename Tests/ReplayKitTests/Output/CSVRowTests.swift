import XCTest
@testable import ReplayKit

final class CSVRowTests: XCTestCase {
    func testQuotingAndFormulaSafety() {
        XCTAssertEqual(CSVRow.line(["a", "b c", "d,e", "say \"hi\"", "x\ny"]), "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"x\ny\"\r\n")
        XCTAssertEqual(CSVRow.cell("=1+1"), "'=1+1")
        XCTAssertEqual(CSVRow.cell("+49 30"), "'+49 30")
        XCTAssertEqual(CSVRow.cell("-2"), "'-2")
        XCTAssertEqual(CSVRow.cell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVRow.cell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
        XCTAssertEqual(CSVRow.cell("anon:1.2.3.4"), "anon:1.2.3.4")
    }

    func testJSONEscaping() {
        XCTAssertEqual(JSONValue.string("a\"b\\c\n\u{1}ä").serialized(), "\"a\\\"b\\\\c\\n\\u0001ä\"")
        XCTAssertEqual(JSONValue.object([("b", .int(1)), ("a", .array([]))]).serialized(), "{\n  \"b\": 1,\n  \"a\": []\n}")
    }
}
