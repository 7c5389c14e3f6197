/// RFC 4180 rows read back from a run's CSV files, fed in pieces: a row may span pieces, and a
/// quoted cell may hold commas and line ends. Rows are handed over as bounds into the bytes,
/// so that a row nobody wants costs no copy (explain reads a run's 750 k exposures for one
/// person's handful).
struct CSVRows {
    /// The start of a row not yet ended by a line end, kept for the next piece.
    private var carry: [UInt8] = []
    /// Each cell's bounds in the row being scanned (reused).
    private var cells: [Range<Int>] = []

    /// Calls `row` for each row that `bytes` completes (with `last`, the row left open too),
    /// with the bytes and each cell's bounds in them, quotes included (see `value`).
    mutating func scan(_ bytes: [UInt8], last: Bool, _ row: (UnsafeBufferPointer<UInt8>, [Range<Int>]) throws -> Void) rethrows {
        let buffer = carry + bytes
        carry = []
        try buffer.withUnsafeBufferPointer { b in
            var rowStart = 0, cellStart = 0, quoted = false
            cells.removeAll(keepingCapacity: true)
            var i = 0
            while i < b.count {
                let c = b[i]
                if quoted {
                    if c == 0x22 {
                        // A doubled quote stays in the cell; the row is kept whole until it ends.
                        if i + 1 < b.count && b[i + 1] == 0x22 { i += 2; continue }
                        quoted = false
                    }
                } else if c == 0x22 && i == cellStart {
                    quoted = true
                } else if c == 0x2C {
                    cells.append(cellStart..<i)
                    cellStart = i + 1
                } else if c == 0x0A {
                    let end = i > cellStart && b[i - 1] == 0x0D ? i - 1 : i
                    cells.append(cellStart..<end)
                    try row(b, cells)
                    cells.removeAll(keepingCapacity: true)
                    rowStart = i + 1
                    cellStart = i + 1
                }
                i += 1
            }
            if rowStart < b.count {
                if last {
                    cells.append(cellStart..<b.count)
                    try row(b, cells)
                    cells.removeAll(keepingCapacity: true)
                } else {
                    carry = Array(b[rowStart...])
                }
            }
        }
    }

    /// A cell's value: without its quotes (a doubled quote as one), and a formula-safe cell
    /// (`'` before `=`, `+`, `-`, `@`, a tab, a carriage return or `'`, SPEC §4) without its `'`.
    static func value(_ cell: UnsafeBufferPointer<UInt8>.SubSequence) -> [UInt8] {
        var bytes: [UInt8]
        if cell.first == 0x22 && cell.count >= 2 && cell.last == 0x22 {
            bytes = []
            bytes.reserveCapacity(cell.count)
            var i = cell.startIndex + 1
            while i < cell.endIndex - 1 {
                bytes.append(cell[i])
                i += cell[i] == 0x22 ? 2 : 1
            }
        } else {
            bytes = Array(cell)
        }
        if bytes.count >= 2, bytes[0] == 0x27, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x27].contains(bytes[1]) { bytes.removeFirst() }
        return bytes
    }

    /// Whether a cell's value is `value`, without a copy for a plain cell.
    static func cell(_ cell: UnsafeBufferPointer<UInt8>.SubSequence, is value: [UInt8]) -> Bool {
        if let first = cell.first, first == 0x22 || first == 0x27 { return Self.value(cell) == value }
        return cell.elementsEqual(value)
    }
}
