import XCTest
import ReplayCSV

final class CSVReaderTests: XCTestCase {
    /// Records and cell values as a run's outputs are read back, the bytes fed in pieces of `size`.
    func records(_ text: String, pieces size: Int, undoingFormulaGuard: Bool = true) throws -> [[String]] {
        var reader = CSVReader(undoingFormulaGuard: undoingFormulaGuard)
        var out: [[String]] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let piece = Array(bytes[start..<min(bytes.count, start + size)])
            start += size
            try piece.withUnsafeBytes { try reader.read($0) { record, _ in out.append(record.strings) } }
        }
        try reader.finish { record, _ in out.append(record.strings) }
        return out
    }

    func testQuotedCellsFormulaCellsAndLineEndsInAnyPieces() throws {
        let text = "\u{FEFF}subject,file,line\r\n'=1+1,\"logs/a,b.gz\",1\r\n\"say \"\"hi\"\"\",\"two\r\nlines\",2\r\n\r\nplain,,3\rlone,cr,4\nlast,,"
        let expected = [["subject", "file", "line"], ["=1+1", "logs/a,b.gz", "1"], ["say \"hi\"", "two\r\nlines", "2"],
                        ["plain", "", "3"], ["lone", "cr", "4"], ["last", "", ""]]
        for size in [1, 2, 3, 5, 7, 64, 1 << 20] {
            XCTAssertEqual(try records(text, pieces: size), expected, "pieces of \(size)")
        }
    }

    /// What the writer writes, the reader reads back: ids that differ only by the guard stay apart.
    func testTheGuardIsUndoneExactlyOnce() throws {
        // Ids as the writer gets them (`IdText`: controls already written as \xHH).
        let ids = ["=x", "'=x", "''=x", "'x", "x'", "-", "'", "\\x091", "a,\"b\"", "line\\x0Aend", "", "+\\x0A"]
        let csv = CSVWriter()
        csv.row(ids)
        let back = try records(String(decoding: csv.bytes, as: UTF8.self), pieces: 3)
        XCTAssertEqual(back, [ids])
        XCTAssertEqual(try records("'=x,x\r\n", pieces: 64, undoingFormulaGuard: false), [["'=x", "x"]], "an incident's table is read as written")
    }

    func testLinesOfRecordsAndErrors() throws {
        var lines: [Int] = []
        try Array("a,b\n\"c\nd\",e\n\nf,g\n".utf8).withUnsafeBytes { raw in
            try CSVReader.forEachRecord(in: raw) { _, line in lines.append(line) }
        }
        XCTAssertEqual(lines, [1, 2, 5])
        var reader = CSVReader()
        var cells: [[UInt8]] = []
        for byte: UInt8 in [0xEF, 0xBB, 0x41] { try [byte].withUnsafeBytes { try reader.read($0) { r, _ in cells.append(Array(r[0])) } } }
        try reader.finish { r, _ in cells.append(Array(r[0])) }
        XCTAssertEqual(cells, [[0xEF, 0xBB, 0x41]], "bytes that began like a mark but were not are the cell's")
        XCTAssertEqual(try records("\u{FEFF}", pieces: 1), [], "a mark alone is an empty file")
        XCTAssertThrowsError(try records("a,b\n\"open,c\nd\n", pieces: 2)) { error in
            XCTAssertEqual("\(error)", "line 2: a quoted cell is not closed")
        }
        XCTAssertThrowsError(try records("a,\"b\"c\n", pieces: 1)) { error in
            XCTAssertEqual("\(error)", "line 1: text after a closing quote")
        }
    }

    /// An unclosed quote in a large file: one pass, and a bounded record, not a quadratic rescan.
    func testARecordIsBounded() throws {
        var reader = CSVReader(longest: 1 << 20)
        let piece = [UInt8](repeating: 0x61, count: 1 << 16)
        var failure: Error?
        do {
            try [UInt8]([0x22]).withUnsafeBytes { try reader.read($0) { _, _ in } }
            for _ in 0..<64 { try piece.withUnsafeBytes { try reader.read($0) { _, _ in } } }
        } catch {
            failure = error
        }
        XCTAssertEqual(failure.map { "\($0)" }, "line 1: a record longer than 1 MiB (a quote left open?)")
        // A line of commas (each cell's end kept) and doubled quotes are counted too.
        for text in [String(repeating: ",", count: 200_000), "\"" + String(repeating: "\"\"", count: 1_100_000)] {
            var reader = CSVReader(longest: 1 << 20)
            XCTAssertThrowsError(try Array(text.utf8).withUnsafeBytes { try reader.read($0) { _, _ in } }, String(text.prefix(2)))
        }
    }

    func testACellIsComparedByItsValue() throws {
        var matched: [Bool] = []
        try Array("u1,'@x,\"a\"\"b\"\r\n".utf8).withUnsafeBytes { raw in
            try CSVReader.forEachRecord(in: raw, undoingFormulaGuard: true) { record, _ in
                matched = [record.cell(0, is: Array("u1".utf8)), record.cell(0, is: Array("u10".utf8)),
                           record.cell(1, is: Array("@x".utf8)), record.cell(2, is: Array("a\"b".utf8)), record.cell(3, is: [])]
            }
        }
        XCTAssertEqual(matched, [true, false, true, true, false])
    }
}
