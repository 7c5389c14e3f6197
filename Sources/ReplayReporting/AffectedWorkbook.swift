import ReplayIncident

/// affected.xlsx (SPEC §4): the rows of affected.csv and of possibly-affected.csv as a
/// workbook, a sheet each, as legal opens the list. Ids and every text are text cells (a
/// spreadsheet reading affected.csv turns a 17-digit id into a rounded number), times are date
/// cells (UTC, to the millisecond), counts are numbers; the header is frozen and filtered. A
/// list longer than a sheet holds goes on in sheets named with a number (`affected 2`).
package struct AffectedWorkbook {
    package var affected: [AffectedSubject]
    package var possiblyAffected: [AffectedSubject]
    package var directory: Directory?
    package var rows: [String: [String]]
    /// The document's date (seconds since 1970): the run's window end, so that the same run
    /// gives the same bytes.
    package var created: Int64
    package var title: String

    package static let file = "affected.xlsx"

    package init(affected: [AffectedSubject], possiblyAffected: [AffectedSubject], directory: Directory?,
                 rows: [String: [String]], created: Int64, title: String) {
        self.affected = affected
        self.possiblyAffected = possiblyAffected
        self.directory = directory
        self.rows = rows
        self.created = created
        self.title = title
    }

    /// Writes affected.xlsx into the set.
    package func write(into set: ResultSet) throws {
        let file = try set.create(Self.file)
        do {
            let workbook = try Workbook(file: file, created: created, title: title)
            try sheets(of: affected, named: "affected", in: workbook)
            try sheets(of: possiblyAffected, named: "possibly affected", in: workbook)
            try workbook.close()
        } catch let failure as Workbook.Failure {
            throw ResultSet.WriteFailure(file: Self.file, reason: failure.description)
        }
    }

    private var header: [String] {
        ["subject", "exposures", "viewers", "first_exposed", "last_exposed", "rules", "fields"] + (directory?.columns ?? [])
    }

    private func sheets(of list: [AffectedSubject], named name: String, in workbook: Workbook) throws {
        let perSheet = Workbook.rowsPerSheet - 1
        var start = 0
        var part = 1
        repeat {
            let slice = list[start..<min(list.count, start + perSheet)]
            let sheet = try workbook.addSheet(part == 1 ? name : "\(name) \(part)")
            fill(sheet, with: slice)
            start += perSheet
            part += 1
        } while start < list.count
    }

    private func fill(_ sheet: Worksheet, with slice: ArraySlice<AffectedSubject>) {
        let header = self.header
        sheet.widths([22, 10, 8, 24, 24, 24, 18] + Array(repeating: 18, count: header.count - 7))
        sheet.header(columns: header.count, rows: slice.count + 1)
        for (c, name) in header.enumerated() { sheet.text(0, c, name, bold: true) }
        for (i, a) in slice.enumerated() {
            let r = i + 1
            sheet.text(r, 0, a.subject)
            sheet.number(r, 1, a.exposures)
            sheet.number(r, 2, a.viewers)
            sheet.time(r, 3, milliseconds: a.firstExposed)
            sheet.time(r, 4, milliseconds: a.lastExposed)
            sheet.text(r, 5, a.rules.joined(separator: ";"))
            sheet.text(r, 6, a.fields.joined(separator: ";"))
            if directory != nil, let values = rows[a.subject] {
                for (k, value) in values.enumerated() where !value.isEmpty { sheet.text(r, 7 + k, value) }
            }
        }
    }
}
