import XCTest
@testable import ReplayKit

final class CSVRowsTests: XCTestCase {
    /// Rows and cell values as explain reads them back, the bytes fed in pieces of `size`.
    func rows(_ text: String, pieces size: Int) -> [[String]] {
        var reader = CSVRows()
        var out: [[String]] = []
        let bytes = Array(text.utf8)
        var start = 0
        repeat {
            let piece = Array(bytes[start..<min(bytes.count, start + size)])
            start += size
            reader.scan(piece, last: false) { b, cells in out.append(cells.map { String(decoding: CSVRows.value(b[$0]), as: UTF8.self) }) }
        } while start < bytes.count
        reader.scan([], last: true) { b, cells in out.append(cells.map { String(decoding: CSVRows.value(b[$0]), as: UTF8.self) }) }
        return out
    }

    func testQuotedCellsFormulaCellsAndLineEndsInAnyPieces() {
        let text = "subject,file,line\r\n'=1+1,\"logs/a,b.gz\",1\r\n\"say \"\"hi\"\"\",\"two\nlines\",2\r\nplain,,3"
        let expected = [["subject", "file", "line"], ["=1+1", "logs/a,b.gz", "1"], ["say \"hi\"", "two\nlines", "2"], ["plain", "", "3"]]
        for size in [1, 2, 3, 5, 7, 64, 1 << 20] {
            XCTAssertEqual(rows(text, pieces: size), expected, "pieces of \(size)")
        }
    }

    func testACellIsComparedWithoutACopyWhenPlain() {
        let bytes: [UInt8] = Array("u1,'@x,\"a\"\"b\"".utf8)
        bytes.withUnsafeBufferPointer { b in
            XCTAssertTrue(CSVRows.cell(b[0..<2], is: Array("u1".utf8)))
            XCTAssertFalse(CSVRows.cell(b[0..<2], is: Array("u10".utf8)))
            XCTAssertTrue(CSVRows.cell(b[3..<6], is: Array("@x".utf8)), "a formula-safe cell is its value without the '")
            XCTAssertTrue(CSVRows.cell(b[7..<13], is: Array("a\"b".utf8)))
        }
    }
}
