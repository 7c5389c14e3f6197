/// The optional user directory joined onto affected.csv: an id, then any columns.
public struct Directory: Sendable {
    /// The column names after the id, in the file's order.
    public var columns: [String]
    public var rows: [String: [String]]
    /// The index in `columns` of a column named `country`, if any.
    public var countryColumn: Int?

    public init(table: CSVTable) {
        columns = Array(table.header.dropFirst())
        var rows: [String: [String]] = [:]
        rows.reserveCapacity(table.rows.count)
        for row in table.rows where !row.isEmpty {
            var values = Array(row.dropFirst())
            if values.count < columns.count { values += Array(repeating: "", count: columns.count - values.count) }
            if values.count > columns.count { values = Array(values.prefix(columns.count)) }
            if rows[row[0]] == nil { rows[row[0]] = values }
        }
        self.rows = rows
        countryColumn = columns.firstIndex { $0.lowercased() == "country" }
    }
}
