import ReplaySupport
/// One sheet of a `Workbook`, written row by row and, in a row, column by column: `widths` and
/// `header` first, then the cells. Its XML goes into the workbook's package as it is written.
package final class Worksheet {
    let index: Int
    private unowned let owner: Workbook
    private var widthList: [Double] = []
    private var columns = 0
    private var rows = 0
    private var started = false
    /// The row open in the XML (0-based), -1 before the first.
    private var row = -1
    private var column = -1
    /// Column letters by column (`A`, …, `AA`, …), made as they are needed.
    private var letters: [[UInt8]] = []
    /// The filter's range (`$A$1:$J$9`), for the workbook's defined names.
    private(set) var filter: String?

    init(index: Int, owner: Workbook) {
        self.index = index
        self.owner = owner
    }

    /// A text cell: always text, whatever it looks like (an id of 17 digits, `=1+1`). Bytes
    /// XML cannot carry (control characters) are written `\xHH`, as ids are; a text longer than
    /// a cell holds is cut, and ends with `…`.
    package func text(_ row: Int, _ column: Int, _ value: String, bold: Bool = false) {
        var safe = Self.cellText(value)
        safe.withUTF8 { text in
            let spaced = text.first.map(Self.isSpace) == true || text.last.map(Self.isSpace) == true
            cell(row, column, open: bold ? #" s="1" t="inlineStr"><is><t"# : #" t="inlineStr"><is><t"#) { xml in
                if spaced { xml.append(contentsOf: #" xml:space="preserve">"#.utf8) } else { xml.append(UInt8(ascii: ">")) }
                Self.appendEscaped(text, to: &xml)
                xml.append(contentsOf: "</t></is></c>".utf8)
            }
        }
    }

    /// A number cell.
    package func number(_ row: Int, _ column: Int, _ value: Int) {
        cell(row, column, open: "><v") { xml in
            xml.append(UInt8(ascii: ">"))
            Self.appendDecimal(value, to: &xml)
            xml.append(contentsOf: "</v></c>".utf8)
        }
    }

    /// A date cell (UTC, to the millisecond) from milliseconds since 1970: Excel's day count
    /// (1970-01-01 is day 25569) with eleven decimals of the day, written from whole numbers.
    package func time(_ row: Int, _ column: Int, milliseconds: Int64) {
        let day: Int64 = 86_400_000
        let (days, rest) = (milliseconds.floorDivided(by: day), milliseconds - milliseconds.floorDivided(by: day) * day)
        // rest < 86.4 M, so rest * 10^11 < 8.64 * 10^18 fits.
        var fraction = (rest * 100_000_000_000 + day / 2) / day
        cell(row, column, open: #" s="2"><v"#) { xml in
            xml.append(UInt8(ascii: ">"))
            Self.appendDecimal(Int(days + 25_569), to: &xml)
            if fraction > 0 {
                var digits = 11
                while fraction % 10 == 0 {
                    fraction /= 10
                    digits -= 1
                }
                xml.append(UInt8(ascii: "."))
                Self.appendDecimal(Int(fraction), width: digits, to: &xml)
            }
            xml.append(contentsOf: "</v></c>".utf8)
        }
    }

    /// Column widths, in characters.
    package func widths(_ widths: [Double]) {
        widthList = widths
    }

    /// Freezes the header row and puts filters on the columns of `rows` rows (header included).
    package func header(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        if columns > 0 {
            let last = String(decoding: letter(columns - 1), as: UTF8.self)
            filter = "$A$1:$\(last)$\(max(1, rows))"
        }
    }

    /// A cell at (`row`, `column`): its row opened (and the one before closed) as needed, then
    /// `<c r="B7"` + `open` + what `body` adds.
    private func cell(_ row: Int, _ column: Int, open: String, _ body: (inout [UInt8]) -> Void) {
        guard row > self.row || (row == self.row && column > self.column) else {
            return owner.note("cell \(row + 1),\(column + 1) written after cell \(self.row + 1),\(self.column + 1)")
        }
        guard row < Workbook.rowsPerSheet else { return owner.note("row \(row + 1) is past the last row of a sheet") }
        do {
            if !started { try start() }
            let letters = letter(column)
            try owner.zip.withPending { xml in
                if row != self.row {
                    if self.row >= 0 { xml.append(contentsOf: "</row>".utf8) }
                    xml.append(contentsOf: #"<row r=""#.utf8)
                    Self.appendDecimal(row + 1, to: &xml)
                    xml.append(contentsOf: #"">"#.utf8)
                }
                xml.append(contentsOf: #"<c r=""#.utf8)
                xml += letters
                Self.appendDecimal(row + 1, to: &xml)
                xml.append(UInt8(ascii: "\""))
                xml.append(contentsOf: open.utf8)
                body(&xml)
            }
            self.row = row
            self.column = column
        } catch {
            owner.note("\(error)")
        }
    }

    /// The sheet's XML up to its rows.
    private func start() throws {
        started = true
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        if columns > 0 && rows > 0 {
            xml += "<dimension ref=\"A1:\(String(decoding: letter(columns - 1), as: UTF8.self))\(rows)\"/>"
        }
        xml += "<sheetViews><sheetView " + (index == 0 ? "tabSelected=\"1\" " : "") + "workbookViewId=\"0\">"
        if columns > 0 {
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !widthList.isEmpty {
            xml += "<cols>"
            for (i, w) in widthList.enumerated() {
                // Excel's width of `w` characters of the default font (7 pixels, 5 of padding).
                let width = (((w * 7 + 5) / 7) * 256).rounded(.down) / 256
                xml += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        try owner.zip.write(xml + "<sheetData>")
    }

    /// Ends the sheet's XML.
    func finish() throws {
        if !started { try start() }
        var xml = row >= 0 ? "</row></sheetData>" : "</sheetData>"
        if let filter { xml += "<autoFilter ref=\"\(filter.replacingOccurrences(of: "$", with: ""))\"/>" }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        try owner.zip.write(xml)
    }

    private func letter(_ column: Int) -> [UInt8] {
        while letters.count <= column {
            var n = letters.count + 1
            var name: [UInt8] = []
            while n > 0 {
                name.insert(UInt8(ascii: "A") + UInt8((n - 1) % 26), at: 0)
                n = (n - 1) / 26
            }
            letters.append(name)
        }
        return letters[column]
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// XML character data: `&`, `<` and `>` as entities, and a carriage return as `&#13;` (an
    /// XML reader turns a raw one into a line feed).
    private static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to xml: inout [UInt8]) {
        guard text.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x0D }) else {
            xml.append(contentsOf: text)
            return
        }
        for b in text {
            switch b {
            case 0x26: xml.append(contentsOf: "&amp;".utf8)
            case 0x3C: xml.append(contentsOf: "&lt;".utf8)
            case 0x3E: xml.append(contentsOf: "&gt;".utf8)
            case 0x0D: xml.append(contentsOf: "&#13;".utf8)
            default: xml.append(b)
            }
        }
    }

    /// `value` in decimal, at least `width` digits (zeros in front).
    private static func appendDecimal(_ value: Int, width: Int = 1, to xml: inout [UInt8]) {
        if value < 0 { xml.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || digits.count - start < min(width, digits.count)
            xml.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// `value` as a cell can hold it (and XML can carry it).
    static func cellText(_ value: String) -> String {
        // Controls and bidirectional controls as every output writes them (`IdText.safe`).
        var value = IdText.safe(value)
        // Most cells are short and clean: one pass over their bytes.
        let clean = value.withUTF8 { bytes in bytes.count <= Workbook.longestText && !bytes.contains(0xEF) }
        guard !clean else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if v == 0xFFFE || v == 0xFFFF {
                // Not characters XML allows.
                out += "\\u" + String(v, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if out.count > Workbook.longestText { out = String(out.prefix(Workbook.longestText - 1)) + "…" }
        return out
    }
}

extension Int64 {
    /// Division rounding down (a time before 1970 is in the day before).
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
