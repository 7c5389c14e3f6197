/// Writes affected.csv, exposures.csv and summary.json into the output folder.
public struct ResultWriter {
    public static let version = "0.1.0"

    public var folder: String

    public init(folder: String) { self.folder = folder }

    public func write(_ result: ReplayResult) throws {
        try ResultFile.prepare(folder: folder)
        let affected = AffectedSubject.from(result.exposures, rules: result.incident.rules)
        try ResultFile.write(affectedCSV(affected, directory: result.incident.directory), to: folder + "/affected.csv")
        try ResultFile.write(exposuresCSV(result), to: folder + "/exposures.csv")
        try ResultFile.write(SummaryReport(result: result, affected: affected).json().serialized() + "\n", to: folder + "/summary.json")
    }

    public func affectedCSV(_ affected: [AffectedSubject], directory: Directory?) -> String {
        var out = CSVRow.line(["subject", "exposures", "viewers", "first_exposed", "last_exposed", "rules", "fields"] + (directory?.columns ?? []))
        for a in affected {
            var cells = [a.subject, String(a.exposures), String(a.viewers), CivilTime.format(milliseconds: a.firstExposed),
                         CivilTime.format(milliseconds: a.lastExposed), a.rules.joined(separator: ";"), a.fields.joined(separator: ";")]
            if let directory {
                cells += directory.rows[a.subject] ?? Array(repeating: "", count: directory.columns.count)
            }
            out += CSVRow.line(cells)
        }
        return out
    }

    public func exposuresCSV(_ result: ReplayResult) -> String {
        var out = CSVRow.line(["time", "node", "rule", "subject", "viewer", "file", "line", "delivery", "rendered_at"])
        for e in result.exposures {
            out += CSVRow.line([CivilTime.format(milliseconds: e.time), e.node, result.incident.rules[e.rule].name, e.subject, e.viewer,
                                result.inputs[e.file].path, String(e.line), e.fromCache ? "cache" : "origin",
                                CivilTime.format(milliseconds: e.renderedAt)])
        }
        return out
    }
}
