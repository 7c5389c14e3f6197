/// RFC 4180 rows read back from a run's CSV files, fed in pieces: a row may span pieces, and a
/// quoted cell may hold commas and line ends.
struct CSVRows {
    private var cell: [UInt8] = []
    private var row: [[UInt8]] = []
    private var quoted = false
    /// A quote seen inside a quoted cell: either the cell's end or the first of a doubled one.
    private var quoteSeen = false
    private var cellStarted = false

    /// The rows completed by `bytes`; with `last`, the row left open too.
    mutating func take(_ bytes: [UInt8], last: Bool) -> [[[UInt8]]] {
        var rows: [[[UInt8]]] = []
        for b in bytes {
            if quoted {
                if quoteSeen {
                    quoteSeen = false
                    if b == 0x22 { cell.append(0x22); continue }
                    quoted = false
                } else if b == 0x22 {
                    quoteSeen = true
                    continue
                } else {
                    cell.append(b)
                    continue
                }
            }
            switch b {
            case 0x22 where !cellStarted:
                quoted = true
                cellStarted = true
            case 0x2C:
                row.append(cell)
                cell = []
                cellStarted = false
            case 0x0D:
                continue
            case 0x0A:
                row.append(cell)
                rows.append(row)
                row = []
                cell = []
                cellStarted = false
            default:
                cell.append(b)
                cellStarted = true
            }
        }
        if last && (cellStarted || !row.isEmpty) {
            row.append(cell)
            rows.append(row)
            row = []
            cell = []
            cellStarted = false
        }
        return rows
    }

    /// A cell's value: a formula-safe cell (`'` before `=`, `+`, `-`, `@`, a tab or a carriage
    /// return, SPEC §4) without its `'`.
    static func value(_ cell: [UInt8]) -> [UInt8] {
        if cell.count >= 2, cell[0] == 0x27, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(cell[1]) { return Array(cell.dropFirst()) }
        return cell
    }
}
