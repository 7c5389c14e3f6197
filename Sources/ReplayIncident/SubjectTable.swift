import Foundation
import ReplayCSV
import ReplaySupport

/// A table of the incident file: a key (first column) to the subjects listed under it (second
/// column); a key may repeat, one row per subject, and a repeated (key, subject) row counts
/// once. Keys and subjects are kept as raw bytes, as the logs' values and the people's ids are
/// compared. Indexed by key as it is read: a key listing a million subjects loads in one pass.
package struct SubjectTable: Sendable {
    /// Per key, its subjects in the file's order.
    package private(set) var subjects: [ByteKey: [[UInt8]]] = [:]
    /// The columns of the header row.
    package private(set) var columns = 0

    /// Reads the table at `path` (its first row a header).
    package init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        self = try data.withUnsafeBytes { try SubjectTable(bytes: $0) }
    }

    package init(bytes: UnsafeRawBufferPointer) throws {
        var header = true
        // One set of (key, subject) pairs, each as the key's bytes, its length, then the subject's.
        var seen = Set<ByteKey>()
        var subjects: [ByteKey: [[UInt8]]] = [:]
        var columns = 0
        try CSVReader.forEachRecord(in: bytes) { row, _ in
            if header {
                header = false
                columns = row.count
                return
            }
            guard row.count >= 2, !row[1].isEmpty else { return }
            let key = Array(row[0]), subject = Array(row[1])
            var pair = key
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: key.count).littleEndian) { pair.append(contentsOf: $0) }
            pair += subject
            if seen.insert(ByteKey(pair)).inserted { subjects[ByteKey(key), default: []].append(subject) }
        }
        guard !header else { throw CSVReader.Failure(line: 1, message: "no header row") }
        self.subjects = subjects
        self.columns = columns
    }
}
