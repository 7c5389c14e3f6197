import Foundation

/// A small CSV file of the incident (RFC 4180, with a header row), read whole.
package struct CSVTable {
    package var header: [String]
    package var rows: [[String]]

    package struct ParseError: Error, CustomStringConvertible {
        package var line: Int
        package var message: String
        package var description: String { "line \(line): \(message)" }
    }

    package init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        try self.init(bytes: [UInt8](data))
    }

    package init(bytes: [UInt8]) throws {
        var records: [[String]] = []
        try bytes.withUnsafeBytes { raw in
            try CSVTable.forEachRecord(in: raw) { record, _ in records.append(record) }
        }
        guard let first = records.first else { throw ParseError(line: 1, message: "no header row") }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
    }

    /// Calls `body` with every record (the header first) and the line it starts on, keeping
    /// none: a large file is read in the memory of one record.
    package static func forEachRecord(in raw: UnsafeRawBufferPointer, _ body: ([String], Int) throws -> Void) throws {
        try forEachRecord(in: raw) { (record: CSVRecord, line: Int) in try body(record.strings, line) }
    }

    /// The same, each record as bytes.
    package static func forEachRecord(in raw: UnsafeRawBufferPointer, _ body: (CSVRecord, Int) throws -> Void) throws {
        let b = raw.bindMemory(to: UInt8.self)
        let n = b.count
        var i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var line = 1
        var cells: [UInt8] = []
        var ends: [Int] = []
        var recordLine = 1
        while i <= n {
            // One cell: quoted (quotes doubled, may hold commas and newlines) or plain.
            if i < n && b[i] == 0x22 {
                i += 1
                while true {
                    guard i < n else { throw ParseError(line: line, message: "a quoted cell is not closed") }
                    let c = b[i]
                    if c == 0x22 {
                        if i + 1 < n && b[i + 1] == 0x22 { cells.append(0x22); i += 2; continue }
                        i += 1
                        break
                    }
                    if c == 0x0A { line += 1 }
                    cells.append(c)
                    i += 1
                }
                guard i >= n || b[i] == 0x2C || b[i] == 0x0A || b[i] == 0x0D else {
                    throw ParseError(line: line, message: "text after a closing quote")
                }
            } else {
                let start = i
                while i < n && b[i] != 0x2C && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
                // Safe because `start` ≤ `i` ≤ the buffer's count (the scan never passes its end).
                cells.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
            }
            ends.append(cells.count)
            if i < n && b[i] == 0x2C { i += 1; continue }
            // The end of a record (CRLF, LF, or the end of the file).
            if i < n && b[i] == 0x0D { i += 1 }
            if i < n && b[i] == 0x0A { i += 1 }
            if !(ends.count == 1 && ends[0] == 0) {
                try cells.withUnsafeBytes { bytes in
                    try ends.withUnsafeBufferPointer { try body(CSVRecord(bytes: bytes, ends: $0), recordLine) }
                }
            }
            cells.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            line += 1
            recordLine = line
            if i >= n { break }
        }
    }
}
