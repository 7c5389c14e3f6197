import Foundation
import ReplayThreads
import ReplayIncident
import ReplayPipeline

/// Writes a run's files into its result set: affected.csv, exposures.csv and summary.json.
package struct ResultWriter {

    /// Threads that format exposures.csv, beside the one that makes the other two files.
    package var jobs: Int

    package init(jobs: Int = 2) {
        self.jobs = max(1, jobs)
    }

    /// Exposures per piece of exposures.csv formatted at once (a few megabytes).
    static let piece = 1 << 15

    /// Writes the files into `set` (not yet committed): the affected list and the summary on
    /// one thread, exposures.csv in pieces formatted on the others and appended in order.
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
        let formatted = HandOff(items: (0..<formatters + 2).map { _ in CSVBuilder(capacity: Self.piece * 180 + 256) },
                                producers: formatters)
        let written = HandOff<CSVBuilder>()
        let summaryWarnings = Locked<[String]>([])
        try Parallel.together(3 + formatters) { part in
            switch part {
            case 0:
                let affected = AffectedSubject.from(result)
                let rows = try result.incident.directory?.rows(for: Set(affected.map(\.subject))) ?? [:]
                try set.write(affectedCSV(affected, directory: result.incident.directory, rows: rows), to: "affected.csv")
                let summary = SummaryReport(result: result, affected: affected, directoryRows: rows)
                summaryWarnings.set(summary.warnings)
                try set.write(Array((summary.json().serialized() + "\n").utf8), to: "summary.json")
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

    /// affected.csv; `rows` are the directory's rows of the affected subjects.
    package func affectedCSV(_ affected: [AffectedSubject], directory: Directory?, rows: [String: [String]]) -> [UInt8] {
        let csv = CSVBuilder(capacity: affected.count * 100 + 256)
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

    /// One piece of exposures.csv (the first with the header), in place of what `csv` held.
    func exposureRows(_ result: ReplayResult, cells: ExposureCells, piece p: Int, into csv: CSVBuilder) {
        let range = min(p * Self.piece, result.exposures.count)..<min((p + 1) * Self.piece, result.exposures.count)
        csv.removeAll()
        if p == 0 { csv.row(["time", "node", "rule", "subject", "viewer", "file", "line", "delivery", "rendered_at"]) }
        cells.withCells { bytes, starts in
            result.exposures.withUnsafeBufferPointer { exposures in
                func cell(_ index: Int) {
                    // Safe because `starts` holds the cells' bounds in `bytes`, one after another.
                    csv.cell(escaped: UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]]))
                }
                for i in range {
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
                    csv.endRow()
                }
            }
        }
    }
}
