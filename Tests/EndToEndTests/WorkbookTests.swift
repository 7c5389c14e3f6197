import Foundation
import XCTest

/// affected.xlsx (SPEC §4, issue 13), read back by a real spreadsheet: LibreOffice Calc,
/// headless, converts each sheet to CSV, and every id and cell of affected.csv and
/// possibly-affected.csv is there as written; the 17-digit id is text, not a rounded number.
final class WorkbookTests: XCTestCase {
    func soffice() throws -> String {
        if let found = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("CI installs libreoffice-calc-nogui") }
        throw XCTSkip("LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui)")
    }

    /// Each sheet of the workbook as CSV rows of cells, by sheet name.
    func sheets(_ workbook: URL, soffice: String) throws -> [String: [[String]]] {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        // Comma, double quote, UTF-8, from line 1, every sheet to a file of its own (-1).
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
        let converted = TestRun.run(soffice, ["--headless", "-env:UserInstallation=file://\(target.path)/profile",
                                              "--convert-to", filter, "--outdir", target.path, workbook.path])
        XCTAssertEqual(converted.status, 0, converted.stderr)
        var out: [String: [[String]]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: target.path) where name.hasSuffix(".csv") {
            let sheet = String(name.dropFirst("affected-".count).dropLast(4))
            out[sheet] = Self.parse(ReplayBinary.read(target.appendingPathComponent(name)))
        }
        return out
    }

    /// RFC 4180 cells.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { cell.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(cell); cell = ""
            case "\r": continue
            case "\n", "\r\n": row.append(cell); rows.append(row); row = []; cell = ""
            default: cell.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    /// affected.csv's cells as a spreadsheet shows them: a formula-safe cell without its `'`,
    /// a time as `YYYY-MM-DD HH:MM:SS.sss`.
    static func asShown(_ cell: String) -> String {
        var cell = cell
        if cell.count >= 2, cell.first == "'", let second = cell.dropFirst().first, "=+-@".contains(second) { cell.removeFirst() }
        if cell.count == 24, cell.hasSuffix("Z"), cell.dropFirst(10).first == "T" {
            cell = cell.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        }
        return cell
    }

    func testTheWorkbookReadsBackWithEveryIdAndCellIntact() throws {
        let soffice = try soffice()
        let folder = try NotificationFolder.make()
        let out = folder.appendingPathComponent("out")
        let sheets = try sheets(out.appendingPathComponent("affected.xlsx"), soffice: soffice)
        XCTAssertEqual(Set(sheets.keys), ["affected", "possibly affected"])
        for (sheet, csv) in [("affected", "affected.csv"), ("possibly affected", "possibly-affected.csv")] {
            let expected = Self.parse(ReplayBinary.read(out.appendingPathComponent(csv))).map { $0.map(Self.asShown) }
            XCTAssertGreaterThan(expected.count, 1, csv)
            XCTAssertEqual(sheets[sheet], expected, sheet)
        }
        let ids = sheets["affected"]!.map { $0[0] }
        XCTAssertTrue(ids.contains("76561198000000097"), "the 17-digit id is text: \(ids)")
        XCTAssertTrue(ids.contains("@SUM(1+1)"), "a formula-like id stays inert text: \(ids)")
        XCTAssertTrue(sheets["affected"]!.contains { $0.contains("=1+2") }, "a formula-like name stays text")
    }

    /// The cells' kinds, in the workbook itself: ids and texts are strings, times are numbers
    /// with a date format, the header is frozen and filtered.
    func testCellKinds() throws {
        let folder = try NotificationFolder.make()
        let script = """
        import sys, zipfile, re
        z = zipfile.ZipFile(sys.argv[1])
        sheet = z.read('xl/worksheets/sheet1.xml').decode()
        styles = z.read('xl/styles.xml').decode()
        cells = dict(re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*)', sheet))
        print('A2', 't="inlineStr"' in cells['A2'] or 't="s"' in cells['A2'])
        print('B2', 't=' not in cells['B2'])
        print('D2', 't=' not in cells['D2'] and 's=' in cells['D2'])
        print('date', 'yyyy-mm-dd hh:mm:ss.000' in styles)
        print('frozen', 'state="frozen"' in sheet)
        print('filter', '<autoFilter' in sheet)
        """
        let output = TestRun.run("/usr/bin/env", ["python3", "-c", script, folder.appendingPathComponent("out/affected.xlsx").path])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(output.stdout, "A2 True\nB2 True\nD2 True\ndate True\nfrozen True\nfilter True\n")
    }
}
