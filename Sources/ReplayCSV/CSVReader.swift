/// RFC 4180 records read from bytes fed in pieces of any size: the one reader of replay's CSV
/// files, for the incident's tables and directory and for a run's outputs read back (`explain`,
/// `verify`, the tests). A quoted cell may hold commas, quotes (doubled) and line ends, and may
/// span pieces; a record is never scanned twice, so an unclosed quote in a large file costs one
/// pass, and a record is bounded (`longest`), so it costs bounded memory.
///
/// Lines end with LF, CRLF or a lone CR; a leading UTF-8 byte-order mark is skipped; an empty
/// line is no record. Reading back an output (`undoingFormulaGuard`) removes the guard
/// `FormulaGuard` put in front of a cell.
package struct CSVReader {
    package struct Failure: Error, CustomStringConvertible {
        package var line: Int
        package var message: String
        package init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
        package var description: String { "line \(line): \(message)" }
    }

    private enum State { case cellStart, plain, quoted, quoteInQuoted, afterCR }

    /// The longest record read, in bytes of its cells.
    package let longest: Int
    private let undoingFormulaGuard: Bool
    private var state = State.cellStart
    /// The cells of the record being read (quotes undone), and each one's end in `cells`.
    private var cells: [UInt8] = []
    private var ends: [Int] = []
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    /// How many bytes of a leading byte-order mark were matched (3: done, or none there).
    private var bomMatched = 0
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    package init(undoingFormulaGuard: Bool = false, longest: Int = 16 << 20) {
        self.undoingFormulaGuard = undoingFormulaGuard
        self.longest = longest
    }

    /// Calls `body` with each record that `piece` completes and the line it starts on.
    package mutating func read(_ piece: UnsafeRawBufferPointer, _ body: (CSVRecord, Int) throws -> Void) throws {
        let b = piece.bindMemory(to: UInt8.self)
        let n = b.count
        var i = 0
        // A byte-order mark, which may be split between pieces; bytes that began like one but
        // were not are the first cell's.
        while bomMatched < 3 && i < n {
            if b[i] == Self.bom[bomMatched] {
                bomMatched += 1
                i += 1
            } else {
                cells.append(contentsOf: Self.bom[..<bomMatched])
                if bomMatched > 0 { state = .plain }
                bomMatched = 3
            }
        }
        while i < n {
            switch state {
            case .cellStart:
                if b[i] == 0x22 {
                    state = .quoted
                    quoteLine = line
                    i += 1
                } else {
                    state = .plain
                }
            case .plain:
                let start = i
                while i < n, b[i] != 0x2C, b[i] != 0x0A, b[i] != 0x0D { i += 1 }
                try append(b, start..<i)
                if i < n { try delimit(b[i], body); i += 1 }
            case .quoted:
                let start = i
                while i < n, b[i] != 0x22 {
                    if b[i] == 0x0A { line += 1 }
                    i += 1
                }
                try append(b, start..<i)
                if i < n { state = .quoteInQuoted; i += 1 }
            case .quoteInQuoted:
                let c = b[i]
                if c == 0x22 {
                    cells.append(0x22)
                    try checkSize()
                    state = .quoted
                } else if c == 0x2C || c == 0x0A || c == 0x0D {
                    try delimit(c, body)
                } else {
                    throw Failure(line: line, message: "text after a closing quote")
                }
                i += 1
            case .afterCR:
                if b[i] == 0x0A { i += 1 }
                state = .cellStart
            }
        }
    }

    /// Ends the input: the record left open, if any, is handed over.
    package mutating func finish(_ body: (CSVRecord, Int) throws -> Void) throws {
        if bomMatched < 3 {
            cells.append(contentsOf: Self.bom[..<bomMatched])
            if bomMatched > 0 { state = .plain }
            bomMatched = 3
        }
        switch state {
        case .quoted:
            throw Failure(line: quoteLine, message: "a quoted cell is not closed")
        case .plain, .quoteInQuoted:
            endCell()
            try endRecord(body)
        case .cellStart where !ends.isEmpty:
            endCell()
            try endRecord(body)
        case .cellStart, .afterCR:
            break
        }
        state = .cellStart
    }

    /// Every record of `bytes`, read whole.
    package static func forEachRecord(in bytes: UnsafeRawBufferPointer, undoingFormulaGuard: Bool = false,
                                      _ body: (CSVRecord, Int) throws -> Void) throws {
        var reader = CSVReader(undoingFormulaGuard: undoingFormulaGuard)
        try reader.read(bytes, body)
        try reader.finish(body)
    }

    // MARK: Cells and records

    @inline(__always)
    private mutating func append(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws {
        guard !range.isEmpty else { return }
        // Safe because `range` lies within `b` (the scans above stop at its count).
        cells.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
        try checkSize()
    }

    /// A record's bytes and its cells' ends (8 bytes each: a line of commas) within `longest`.
    @inline(__always)
    private func checkSize() throws {
        if cells.count + ends.count * 8 > longest {
            throw Failure(line: recordLine, message: "a record longer than \(longest >> 20) MiB (a quote left open?)")
        }
    }

    @inline(__always)
    private mutating func delimit(_ c: UInt8, _ body: (CSVRecord, Int) throws -> Void) throws {
        endCell()
        // Each cell's end counts too (a line of commas): checked every 1,024 cells.
        if ends.count & 1023 == 0 { try checkSize() }
        switch c {
        case 0x2C:
            state = .cellStart
        case 0x0D:
            try endRecord(body)
            state = .afterCR
        default:
            try endRecord(body)
            state = .cellStart
        }
    }

    @inline(__always)
    private mutating func endCell() {
        let start = ends.last ?? 0
        if undoingFormulaGuard && cells.count - start >= 2 && FormulaGuard.isGuarded(cells[start], cells[start + 1]) {
            cells.remove(at: start)
        }
        ends.append(cells.count)
    }

    private mutating func endRecord(_ body: (CSVRecord, Int) throws -> Void) throws {
        line += 1
        defer {
            cells.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            recordLine = line
        }
        if ends.count == 1 && ends[0] == 0 { return }
        try cells.withUnsafeBytes { bytes in
            try ends.withUnsafeBufferPointer { try body(CSVRecord(bytes: bytes, ends: $0), recordLine) }
        }
    }
}
