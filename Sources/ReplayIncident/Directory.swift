import Foundation
import ReplayCSV
import ReplaySupport

/// The optional user directory joined onto affected.csv: an id, then any columns. It is read
/// through once when the incident file is loaded (to check it) and again for the affected
/// subjects only, so that a directory of millions of users is never held in memory.
package struct Directory: Sendable {
    package var path: String
    /// The column names after the id, in the file's order.
    package var columns: [String]
    /// The index in `columns` of a column named `country`, if any.
    package var countryColumn: Int?

    package init(path: String) throws {
        self.path = path
        var header: [String]?
        try Directory.forEachRow(path) { row in
            if header == nil { header = row.strings.map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        guard let header, !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else {
            throw CSVReader.Failure(line: 1, message: "no header row")
        }
        columns = Array(header.dropFirst())
        countryColumn = columns.firstIndex { $0.lowercased() == "country" }
    }

    /// The rows of `ids` (the first row of a repeated id wins), cells after the id, padded or
    /// cut to the columns. Only a row's id is made a String, and the rest of the rows it wants.
    package func rows(for ids: Set<String>) throws -> [String: [String]] {
        var rows: [String: [String]] = [:]
        var first = true
        // The ids looked up by their bytes, without a String per row of the directory. A row
        // whose id is not valid UTF-8 is looked up as text, as before: its text may still be an
        // id (the bytes it cannot decode read as U+FFFD).
        let wanted = ByteInterner(capacity: ids.count)
        for id in ids { _ = wanted.intern(id) }
        try Directory.forEachRow(path) { row in
            if first { first = false; return }
            let cell = row[0]
            guard wanted.number(of: cell) != nil || (cell.contains { $0 >= 0x80 } && String(validating: cell, as: UTF8.self) == nil) else {
                return
            }
            let id = row.string(0)
            guard ids.contains(id), rows[id] == nil else { return }
            var values = (1..<row.count).map(row.string)
            if values.count < columns.count { values += Array(repeating: "", count: columns.count - values.count) }
            if values.count > columns.count { values = Array(values.prefix(columns.count)) }
            rows[id] = values
        }
        return rows
    }

    private static func forEachRow(_ path: String, _ body: (CSVRecord) -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        try data.withUnsafeBytes { raw in
            try CSVReader.forEachRecord(in: raw) { record, _ in body(record) }
        }
    }
}
