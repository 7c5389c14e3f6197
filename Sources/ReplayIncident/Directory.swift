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
        try Directory.forEachRow(path) { row, _ in
            if header == nil { header = row.strings.map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        guard let header, !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else {
            throw CSVReader.Failure(line: 1, message: "no header row")
        }
        columns = Array(header.dropFirst())
        countryColumn = columns.firstIndex { $0.lowercased() == "country" }
    }

    /// The rows of some ids, and the ids the directory gives two different rows.
    package struct Join: Sendable {
        /// Per id (as the outputs write it), its cells after the id, padded or cut to the columns.
        package var rows: [String: [String]] = [:]
        /// A wanted id with two different rows: the lines of its first row and of one that
        /// differs (no id, no value: they are personal data).
        package var duplicates: [(first: Int, other: Int)] = []

        package init() {}
    }

    /// The rows of `ids` (as the outputs write them: `IdText`), compared with the directory's
    /// ids as raw bytes, so that `CORP\alice` or an id that is not UTF-8 finds its row. Only a
    /// wanted row is made Strings. A wanted id with two rows that differ is a duplicate: the
    /// join cannot tell which is the person's, and the caller says so.
    package func join(_ ids: Set<String>) throws -> Join {
        var join = Join()
        var firstLine: [Int32: Int] = [:]
        var reported = Set<Int32>()
        var first = true
        let wanted = ByteInterner(capacity: ids.count)
        for id in ids { IdText.unescaped(id).withUnsafeBytes { _ = wanted.intern($0) } }
        try Directory.forEachRow(path) { row, line in
            if first { first = false; return }
            guard let number = wanted.number(of: row[0]) else { return }
            let id = wanted.string(number)
            var values = (1..<row.count).map(row.string)
            if values.count < columns.count { values += Array(repeating: "", count: columns.count - values.count) }
            if values.count > columns.count { values = Array(values.prefix(columns.count)) }
            if let known = join.rows[id] {
                if known != values && reported.insert(number).inserted { join.duplicates.append((firstLine[number]!, line)) }
                return
            }
            join.rows[id] = values
            firstLine[number] = line
        }
        return join
    }

    /// The rows of `ids` (`join` without its duplicates).
    package func rows(for ids: Set<String>) throws -> [String: [String]] {
        try join(ids).rows
    }

    private static func forEachRow(_ path: String, _ body: (CSVRecord, Int) -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        try data.withUnsafeBytes { raw in
            try CSVReader.forEachRecord(in: raw) { record, line in body(record, line) }
        }
    }
}
