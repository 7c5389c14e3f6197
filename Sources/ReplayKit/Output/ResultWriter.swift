/// Writes affected.csv, exposures.csv and summary.json into the output folder.
public struct ResultWriter {
    public static let version = "0.1.0"

    public var folder: String

    public init(folder: String) { self.folder = folder }

    /// Writes the three files; exposures.csv is streamed on one thread while the affected
    /// list and the summary are made on another.
    public func write(_ result: ReplayResult) throws {
        try ResultFile.prepare(folder: folder)
        let exposuresFile = try ResultFile.Writer(path: folder + "/exposures.csv")
        _ = try Parallel.map(2, jobs: 2) { part in
            if part == 0 {
                _ = exposuresCSV(result, streamingTo: exposuresFile)
                try exposuresFile.commit()
            } else {
                let affected = AffectedSubject.from(result.exposures, rules: result.incident.rules)
                let rows = try result.incident.directory?.rows(for: Set(affected.map(\.subject))) ?? [:]
                try ResultFile.write(affectedCSV(affected, directory: result.incident.directory, rows: rows), to: folder + "/affected.csv")
                try ResultFile.write(SummaryReport(result: result, affected: affected, directoryRows: rows).json().serialized() + "\n",
                                     to: folder + "/summary.json")
            }
        }
    }

    /// affected.csv; `rows` are the directory's rows of the affected subjects.
    public func affectedCSV(_ affected: [AffectedSubject], directory: Directory?, rows: [String: [String]]) -> [UInt8] {
        var csv = CSVBuilder(capacity: affected.count * 100 + 256)
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

    /// exposures.csv as bytes, or streamed to `file` (then only the unflushed tail is returned).
    public func exposuresCSV(_ result: ReplayResult, streamingTo file: ResultFile.Writer? = nil) -> [UInt8] {
        var csv = CSVBuilder(capacity: result.exposures.count * 160 + 256, streamingTo: file)
        csv.row(["time", "node", "rule", "subject", "viewer", "file", "line", "delivery", "rendered_at"])
        let ruleNames = result.incident.rules.map(\.name)
        for e in result.exposures {
            csv.time(e.time)
            csv.cell(e.node)
            csv.cell(ruleNames[e.rule])
            csv.cell(e.subject)
            csv.cell(e.viewer)
            csv.cell(result.inputs[e.file].path)
            csv.cell(e.line)
            csv.cell(e.fromCache ? "cache" : "origin")
            csv.time(e.renderedAt)
            csv.endRow()
        }
        csv.flush()
        return csv.bytes
    }
}
