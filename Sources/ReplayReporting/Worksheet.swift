import CXlsxWriter

/// One sheet of a `Workbook`: cells written row by row, in order.
package struct Worksheet {
    private let sheet: UnsafeMutablePointer<lxw_worksheet>
    private let owner: Workbook

    init(_ sheet: UnsafeMutablePointer<lxw_worksheet>, owner: Workbook) {
        self.sheet = sheet
        self.owner = owner
    }

    /// A text cell: always text, whatever it looks like (an id of 17 digits, `=1+1`). Bytes
    /// XML cannot carry (control characters) are written `\xHH`, as ids are; a text longer than
    /// a cell holds is cut, and ends with `…`.
    package func text(_ row: Int, _ column: Int, _ value: String, bold: Bool = false) {
        let safe = Self.cellText(value)
        let error = worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), safe, bold ? owner.format(nil, bold: true) : nil)
        owner.note(error, "cell \(row + 1),\(column + 1)")
    }

    /// A number cell.
    package func number(_ row: Int, _ column: Int, _ value: Int) {
        owner.note(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), Double(value), nil), "cell \(row + 1),\(column + 1)")
    }

    /// A date cell (UTC, to the millisecond) from milliseconds since 1970.
    package func time(_ row: Int, _ column: Int, milliseconds: Int64) {
        // Excel's day count: 1970-01-01 is day 25569.
        let serial = Double(milliseconds) / 86_400_000 + 25_569
        let format = owner.format("yyyy-mm-dd hh:mm:ss.000")
        owner.note(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), serial, format), "cell \(row + 1),\(column + 1)")
    }

    /// Column widths, in characters.
    package func widths(_ widths: [Double]) {
        for (i, w) in widths.enumerated() {
            owner.note(worksheet_set_column(sheet, lxw_col_t(i), lxw_col_t(i), w, nil), "column \(i + 1)")
        }
    }

    /// Freezes the header row and puts filters on the columns of `rows` rows (header included).
    package func header(columns: Int, rows: Int) {
        worksheet_freeze_panes(sheet, 1, 0)
        guard columns > 0 else { return }
        owner.note(worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(0, rows - 1)), lxw_col_t(columns - 1)), "filters")
    }

    /// `value` as a cell can hold it.
    static func cellText(_ value: String) -> String {
        var value = value
        // Most cells are short and clean: one pass over their bytes.
        let clean = value.withUTF8 { bytes in
            bytes.count <= Workbook.longestText && !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }
        }
        guard !clean else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F {
                out += "\\x" + (v < 0x10 ? "0" : "") + String(v, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if out.count > Workbook.longestText { out = String(out.prefix(Workbook.longestText - 1)) + "…" }
        return out
    }
}
