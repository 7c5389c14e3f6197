import XCTest
import ReplayCSV
import ReplayParsing

final class CSVWriterTests: XCTestCase {
    func row(_ cells: [String]) -> String {
        let csv = CSVWriter()
        csv.row(cells)
        return String(decoding: csv.bytes, as: UTF8.self)
    }

    func testQuotingAndFormulaSafety() {
        XCTAssertEqual(row(["a", "b c", "d,e", "say \"hi\"", "x\ny"]), "a,b c,\"d,e\",\"say \"\"hi\"\"\",x\\x0Ay\r\n", "a line end, as every control, is written \\x0A")
        XCTAssertEqual(row(["=1+1"]), "'=1+1\r\n")
        XCTAssertEqual(row(["+49 30"]), "'+49 30\r\n")
        XCTAssertEqual(row(["-2"]), "'-2\r\n")
        XCTAssertEqual(row(["@SUM(A1)"]), "'@SUM(A1)\r\n")
        XCTAssertEqual(row(["=HYPERLINK(\"x\",\"y\")"]), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n")
        XCTAssertEqual(row(["anon:1.2.3.4", ""]), "anon:1.2.3.4,\r\n")
    }

    func testNumbersAndTimes() {
        let csv = CSVWriter()
        csv.cell(0)
        csv.cell(1234567)
        for ms: Int64 in [0, 1_451_073_003_007, 951_782_399_999, -1] { csv.time(ms) }
        csv.endRow()
        XCTAssertEqual(String(decoding: csv.bytes, as: UTF8.self),
                       "0,1234567,1970-01-01T00:00:00.000Z,2015-12-25T19:50:03.007Z,2000-02-28T23:59:59.999Z,1969-12-31T23:59:59.999Z\r\n")
        for ms: Int64 in [0, 1_451_073_003_007, 951_782_399_999, -1] {
            let one = CSVWriter()
            one.time(ms)
            XCTAssertEqual(String(decoding: one.bytes, as: UTF8.self), CivilTime.format(milliseconds: ms))
        }
    }
}
