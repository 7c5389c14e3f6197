import Foundation

/// A small CSV file read whole, with a header row: one of the incident's tables, or a run's
/// output read back (`undoingFormulaGuard`).
package struct CSVTable {
    package var header: [String]
    package var rows: [[String]]

    package init(path: String, undoingFormulaGuard: Bool = false) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        try self.init(bytes: [UInt8](data), undoingFormulaGuard: undoingFormulaGuard)
    }

    package init(bytes: [UInt8], undoingFormulaGuard: Bool = false) throws {
        var records: [[String]] = []
        try bytes.withUnsafeBytes { raw in
            try CSVReader.forEachRecord(in: raw, undoingFormulaGuard: undoingFormulaGuard) { record, _ in records.append(record.strings) }
        }
        guard let first = records.first else { throw CSVReader.Failure(line: 1, message: "no header row") }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
    }
}
