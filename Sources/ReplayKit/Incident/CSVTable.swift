import Foundation

/// A small CSV file of the incident (RFC 4180, with a header row), read whole.
public struct CSVTable {
    public var header: [String]
    public var rows: [[String]]
    /// The file line on which each row starts.
    public var rowLines: [Int]

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(bytes: [UInt8](data))
    }

    public init(bytes: [UInt8]) throws {
        var records: [[String]] = []
        var lines: [Int] = []
        var record: [String] = []
        var cell: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        var quoted = false
        var cellStarted = false
        let n = bytes.count
        func endCell() { record.append(String(decoding: cell, as: UTF8.self)); cell = []; cellStarted = false }
        func endRecord() {
            endCell()
            if !(record.count == 1 && record[0].isEmpty) { records.append(record); lines.append(recordLine) }
            record = []
        }
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < n {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < n && bytes[i + 1] == 0x22 { cell.append(0x22); i += 2; continue }
                    quoted = false
                    i += 1
                    guard i >= n || bytes[i] == 0x2C || bytes[i] == 0x0A || bytes[i] == 0x0D else {
                        throw ParseError(line: line, message: "text after a closing quote")
                    }
                    continue
                }
                if b == 0x0A { line += 1 }
                cell.append(b); i += 1
                continue
            }
            switch b {
            case 0x22 where !cellStarted && cell.isEmpty:
                quoted = true; cellStarted = true
            case 0x2C:
                endCell()
            case 0x0D:
                break
            case 0x0A:
                endRecord(); line += 1; recordLine = line
            default:
                cell.append(b); cellStarted = true
            }
            i += 1
        }
        if quoted { throw ParseError(line: line, message: "a quoted cell is not closed") }
        if !cell.isEmpty || !record.isEmpty { endRecord() }
        guard let first = records.first else { throw ParseError(line: 1, message: "no header row") }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
        rowLines = Array(lines.dropFirst())
    }
}
