import ReplayCSV

/// A table of the incident file: a key (first column) to the subjects listed under it
/// (second column); a key may repeat, one row per subject.
package struct SubjectTable: Sendable {
    package var subjects: [String: [String]]

    package init(table: CSVTable) {
        var subjects: [String: [String]] = [:]
        for row in table.rows where row.count >= 2 && !row[1].isEmpty {
            if !(subjects[row[0]]?.contains(row[1]) ?? false) { subjects[row[0], default: []].append(row[1]) }
        }
        self.subjects = subjects
    }
}
