import Foundation
import XCTest
@testable import ReplayReporting

/// The workbook's own writing: a ZIP package any reader opens (Python's `zipfile` checks every
/// CRC), cells as SpreadsheetML writes them, and the failures it reports instead of a broken
/// file. (EndToEndTests' WorkbookTests read a whole run's workbook back with LibreOffice.)
final class WorkbookWriterTests: XCTestCase {
    private var folders: [URL] = []

    override func tearDown() {
        for f in folders { try? FileManager.default.removeItem(at: f) }
    }

    /// A result set in a folder of its own, and the path its files end in once committed.
    private func set() throws -> (ResultSet, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        folders.append(folder)
        let out = folder.appendingPathComponent("out")
        return (try ResultSet(out: out.path), out)
    }

    /// Each entry of a ZIP file, by name, read by Python's zipfile (which checks the CRCs).
    private func entries(_ zip: URL) throws -> [String: Data] {
        let script = """
        import sys, zipfile, base64, json
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None
        print(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, zip.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "zipfile could not read \(zip.lastPathComponent)")
        let decoded = try JSONSerialization.jsonObject(with: output) as? [String: String] ?? [:]
        return decoded.mapValues { Data(base64Encoded: $0)! }
    }

    func testAnArchiveOfSmallEmptyAndLargeEntriesReadsBack() throws {
        let (set, out) = try set()
        let file = try set.create("affected.xlsx")
        let zip = try ZipArchive(into: file)
        // Larger than the bytes held before deflating and than deflate's output buffer, and
        // hardly compressible: every loop of the writing runs.
        var generator = SystemRandomNumberGenerator()
        let large = (0..<1_500_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try zip.begin("a.txt")
        try zip.write("hello")
        try zip.begin("empty")
        try zip.begin("dir/large.bin")
        for piece in stride(from: 0, to: large.count, by: 7_000) { try zip.write(Array(large[piece..<min(large.count, piece + 7_000)])) }
        try zip.finish()
        try file.close()
        try set.commit()
        let read = try entries(out.appendingPathComponent("affected.xlsx"))
        XCTAssertEqual(read["a.txt"], Data("hello".utf8))
        XCTAssertEqual(read["empty"], Data())
        XCTAssertEqual(read["dir/large.bin"], Data(large))
        XCTAssertEqual(read.count, 3)
    }

    /// Past 4 GiB, a clear refusal, never a trap on a 32-bit conversion.
    func testAnArchivePastFourGiBIsRefused() throws {
        let (set, _) = try set()
        for when in ["begin", "finish"] {
            let zip = try ZipArchive(into: try set.create(when == "begin" ? "affected.xlsx" : "report.html"))
            try zip.begin("a.txt")
            try zip.write("hello")
            zip.pretendWritten(UInt64(UInt32.max))
            XCTAssertThrowsError(try (when == "begin" ? zip.begin("b.txt") : zip.finish())) { error in
                XCTAssertEqual((error as? ZipArchive.Failure)?.description, "the workbook is larger than 4 GiB", when)
            }
        }
        set.discard()
    }

    /// A workbook of one sheet with the cells the writer must get right, read back as XML.
    private func sheetXML(_ fill: (Worksheet) -> Void) throws -> (sheet: String, workbook: String) {
        let (set, out) = try set()
        let workbook = try Workbook(file: try set.create("affected.xlsx"), created: 1_451_073_600, title: "t & <t>")
        let sheet = try workbook.addSheet("it's")
        sheet.widths([22, 10])
        sheet.header(columns: 2, rows: 3)
        fill(sheet)
        try workbook.close()
        try set.commit()
        let read = try entries(out.appendingPathComponent("affected.xlsx"))
        XCTAssertEqual(Set(read.keys), ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
                                        "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
        XCTAssertTrue(String(decoding: read["docProps/core.xml"]!, as: UTF8.self).contains("<dc:title>t &amp; &lt;t&gt;</dc:title>"))
        XCTAssertTrue(String(decoding: read["docProps/core.xml"]!, as: UTF8.self).contains(">2015-12-25T20:00:00Z<"))
        return (String(decoding: read["xl/worksheets/sheet1.xml"]!, as: UTF8.self), String(decoding: read["xl/workbook.xml"]!, as: UTF8.self))
    }

    func testCellsAreWrittenAsSpreadsheetMLHasThem() throws {
        let (sheet, workbook) = try sheetXML { s in
            s.text(0, 0, "subject", bold: true)
            s.text(0, 1, "a & b < c > d\re")
            s.text(1, 0, " padded ")
            s.text(1, 1, "bell\u{07} and \u{FFFE}")
            s.number(2, 0, -42)
            s.time(2, 1, milliseconds: 1)
            s.time(2, 27, milliseconds: -1)
            s.time(2, 28, milliseconds: 86_400_000)
        }
        XCTAssertTrue(sheet.contains(#"<dimension ref="A1:B3"/>"#))
        XCTAssertTrue(sheet.contains(#"state="frozen""#))
        XCTAssertTrue(sheet.contains(#"<col min="1" max="1" width="22.7109375" customWidth="1"/>"#), "Excel's width for 22 characters")
        XCTAssertTrue(sheet.contains(#"<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>subject</t></is></c>"#))
        XCTAssertTrue(sheet.contains(#"<c r="B1" t="inlineStr"><is><t>a &amp; b &lt; c &gt; d\x0De</t></is></c></row>"#),
                      "a carriage return, as every control, is written \\x0D as in the CSV")
        XCTAssertTrue(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c>"#))
        XCTAssertTrue(sheet.contains(#"<t>bell\x07 and \uFFFE</t>"#))
        XCTAssertTrue(sheet.contains(#"<c r="A3"><v>-42</v></c>"#))
        // 1 ms after 1970: day 25569 and 1/86,400,000 of a day, to eleven decimals.
        XCTAssertTrue(sheet.contains(#"<c r="B3" s="2"><v>25569.00000001157</v></c>"#))
        XCTAssertTrue(sheet.contains(#"<c r="AB3" s="2"><v>25568.99999998843</v></c>"#), "a time before 1970 is in the day before")
        XCTAssertTrue(sheet.contains(#"<c r="AC3" s="2"><v>25570</v></c></row></sheetData><autoFilter ref="A1:B3"/>"#))
        XCTAssertTrue(workbook.contains(#"<sheet name="it&#39;s" sheetId="1" r:id="rId1"/>"#))
        XCTAssertTrue(workbook.contains(#"hidden="1">&#39;it&#39;&#39;s&#39;!$A$1:$B$3</definedName>"#), "'it''s'!$A$1:$B$3")
    }

    func testNamesExcelRefusesAndCellsOutOfOrderFailTheWorkbook() throws {
        let (set, _) = try set()
        let workbook = try Workbook(file: try set.create("affected.xlsx"), created: 0, title: "t")
        for name in ["", String(repeating: "x", count: 32), "a/b", "'quoted'", "what?"] {
            XCTAssertThrowsError(try workbook.addSheet(name), "\(name)")
        }
        _ = try workbook.addSheet("Sheet")
        XCTAssertThrowsError(try workbook.addSheet("sheet"), "names differ in more than case")
        let sheet = try workbook.addSheet("other")
        sheet.text(1, 1, "b")
        sheet.text(1, 0, "a")
        XCTAssertThrowsError(try workbook.close()) { error in
            XCTAssertTrue("\(error)".contains("cell 2,1 written after cell 2,2"), "\(error)")
        }
        set.discard()
    }
}
