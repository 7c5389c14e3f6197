import Foundation
import ReplayCSV
import ReplayThreads
import ReplaySupport
import ReplayIncident
import ReplayPipeline
import ReplayCache

/// Writes a run's files into its result set: affected.csv, exposures.csv, the possible lists,
/// summary.json, affected.xlsx and report.html.
package struct ResultWriter {

    /// Threads that format exposures.csv, beside those that make the other files.
    package var jobs: Int

    package init(jobs: Int = 2) {
        self.jobs = max(1, jobs)
    }

    /// Exposures per piece of exposures.csv formatted at once (a few megabytes).
    static let piece = 1 << 15

    /// Writes the files into `set` (not yet committed): exposures.csv in pieces formatted on
    /// some threads and appended in order, the other files on threads of their own.
    /// Returns the run's warnings (as summary.json has them).
    @discardableResult
    package func write(_ result: ReplayResult, into set: ResultSet) throws -> [String] {
        let exposuresFile = try set.create("exposures.csv")
        let cells = ExposureCells(result)
        let pieces = (result.exposures.count + Self.piece - 1) / Self.piece
        // exposures.csv: the formatting threads each take a free buffer with the next piece's
        // number, format the piece and hand it on; one thread appends the pieces in order and
        // another takes each into the file's digest while the next is appended. The buffers
        // are few, so memory stays bounded.
        let formatters = min(jobs, max(1, pieces))
        let formatted = HandOff(items: (0..<formatters + 2).map { _ in CSVWriter(capacity: Self.piece * 180 + 256) },
                                producers: formatters)
        let written = HandOff<CSVWriter>()
        let summaryWarnings = Locked<[String]>([])
        try Parallel.together(3 + formatters) { part in
            switch part {
            case 0:
                // possible-exposures.csv needs nothing but the result: on a thread of its own.
                let possibleWritten = Parallel.aside { Result { try set.write(possibleExposuresCSV(result, cells: cells), to: "possible-exposures.csv") } }
                let othersWritten = Result { try writeSubjectFiles(result, into: set, warnings: summaryWarnings) }
                // Every thread is done before the set is committed or discarded.
                let possibleResult = possibleWritten.wait()
                try othersWritten.get()
                try possibleResult.get()
            case 1:
                while let (_, csv) = formatted.takeNext() {
                    csv.withBytes { exposuresFile.write($0) }
                    written.put(csv)
                }
                written.producerDone()
            case 2:
                while let (_, csv) = written.takeNext() {
                    csv.withBytes { exposuresFile.digest($0) }
                    formatted.giveBack(csv)
                }
            default:
                while true {
                    let (p, csv) = formatted.takeEmptyNumbered()
                    guard p < max(1, pieces) else {
                        formatted.giveBack(csv)
                        break
                    }
                    exposureRows(result, cells: cells, piece: p, into: csv)
                    formatted.put(csv, as: p)
                }
                formatted.producerDone()
            }
        }
        try exposuresFile.close()
        return summaryWarnings.value
    }

    /// affected.csv, possibly-affected.csv, affected.xlsx, summary.json and report.html: the
    /// workbook, and the summary with its page, each on a thread of their own beside the two
    /// lists (this part of writing the set was the longest, on one thread).
    private func writeSubjectFiles(_ result: ReplayResult, into set: ResultSet, warnings summaryWarnings: Locked<[String]>) throws {
        let affected = AffectedSubject.from(result)
        // The subjects with possible pairs and no confirmed one (SPEC §3.7, §4).
        let confirmed = Set(affected.map(\.subject))
        let possiblyAffected = AffectedSubject.from(result, result.possibleExposures).filter { !confirmed.contains($0.subject) }
        let rows = result.directoryJoin.rows
        let workbook = AffectedWorkbook(affected: affected, possiblyAffected: possiblyAffected, directory: result.incident.directory,
                                        rows: rows, created: result.window.end / 1000, title: result.incident.name)
        let workbookWritten = Parallel.aside { Result { try workbook.write(into: set) } }
        let summaryWritten = Parallel.aside {
            Result {
                let summary = SummaryReport(result: result, affected: affected, directoryRows: rows, possiblyAffected: possiblyAffected)
                summaryWarnings.set(summary.warnings)
                let json = summary.json()
                try set.write(Array((json.serialized() + "\n").utf8), to: "summary.json")
                try set.write(Array(ReportPage(summary: json).html().utf8), to: ReportPage.file)
            }
        }
        let listsWritten = Result {
            try set.write(affectedCSV(affected, directory: result.incident.directory, rows: rows), to: "affected.csv")
            try set.write(affectedCSV(possiblyAffected, directory: result.incident.directory, rows: rows), to: "possibly-affected.csv")
        }
        // Every thread is done before the set is committed or discarded.
        let results = [workbookWritten.wait(), summaryWritten.wait(), listsWritten]
        for written in results { try written.get() }
    }

    /// affected.csv; `rows` are the directory's rows of the affected subjects.
    package func affectedCSV(_ affected: [AffectedSubject], directory: Directory?, rows: [String: [String]]) -> [UInt8] {
        let csv = CSVWriter(capacity: affected.count * 100 + 256)
        csv.row(["subject", "exposures", "viewers", "first_exposed", "last_exposed", "rules", "fields"] + (directory?.columns ?? []))
        for a in affected {
            csv.cell(a.subject)
            csv.cell(a.exposures)
            csv.cell(a.viewers)
            csv.time(a.firstExposed)
            csv.time(a.lastExposed)
            csv.cell(a.rules.joined(separator: ";"))
            csv.cell(a.fields.joined(separator: ";"))
            if let directory {
                for value in rows[a.subject] ?? Array(repeating: "", count: directory.columns.count) { csv.cell(value) }
            }
            csv.endRow()
        }
        return csv.bytes
    }

    /// possible-exposures.csv: every possible pair, with how many renders its delivery may
    /// have served.
    func possibleExposuresCSV(_ result: ReplayResult, cells: ExposureCells) -> [UInt8] {
        let csv = CSVWriter(capacity: result.possibleExposures.count * 190 + 256)
        rows(of: result.possibleExposures, 0..<result.possibleExposures.count, header: true, candidates: true, cells: cells, into: csv)
        return csv.bytes
    }

    /// One piece of exposures.csv (the first with the header), in place of what `csv` held.
    func exposureRows(_ result: ReplayResult, cells: ExposureCells, piece p: Int, into csv: CSVWriter) {
        let range = min(p * Self.piece, result.exposures.count)..<min((p + 1) * Self.piece, result.exposures.count)
        csv.removeAll()
        rows(of: result.exposures, range, header: p == 0, candidates: false, cells: cells, into: csv)
    }

    /// Rows of exposures.csv (or of possible-exposures.csv, with `candidates`) into `csv`.
    private func rows(of list: [Exposure], _ range: Range<Int>, header: Bool, candidates: Bool, cells: ExposureCells, into csv: CSVWriter) {
        if header {
            csv.row(["time", "node", "rule", "subject", "viewer", "file", "line", "delivery", "rendered_at"] + (candidates ? ["candidates"] : []))
        }
        cells.withCells { bytes, starts in
            list.withUnsafeBufferPointer { exposures in
                func cell(_ index: Int) {
                    // Safe because `starts` holds the cells' bounds in `bytes`, one after another.
                    csv.cell(escaped: UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]]))
                }
                // Two people per row, each a cell anywhere in the table of hundreds of
                // thousands: its bounds, then its bytes, were each a cache miss, most of a row's
                // time. So each row first asks for the bounds of the row `ahead` rows on and the
                // bytes of the row half as far (whose bounds have come meanwhile): the misses
                // overlap instead of following one another.
                let ahead = 16
                for i in range {
                    if i + ahead < range.upperBound {
                        let next = exposures[i + ahead]
                        Prefetch.line(at: starts.baseAddress! + cells.people + Int(next.subject))
                        Prefetch.line(at: starts.baseAddress! + cells.people + Int(next.viewer))
                    }
                    if i + ahead / 2 < range.upperBound {
                        let next = exposures[i + ahead / 2]
                        Prefetch.line(at: bytes.baseAddress! + starts[cells.people + Int(next.subject)])
                        Prefetch.line(at: bytes.baseAddress! + starts[cells.people + Int(next.viewer)])
                    }
                    let e = exposures[i]
                    csv.time(e.time)
                    cell(cells.nodes + Int(e.node))
                    cell(cells.rules + Int(e.rule))
                    cell(cells.people + Int(e.subject))
                    cell(cells.people + Int(e.viewer))
                    cell(cells.files + Int(e.file))
                    csv.cell(e.line)
                    cell(e.fromCache ? cells.cache : cells.origin)
                    csv.time(e.renderedAt)
                    if candidates { csv.cell(Int(e.candidates)) }
                    csv.endRow()
                }
            }
        }
    }
}
