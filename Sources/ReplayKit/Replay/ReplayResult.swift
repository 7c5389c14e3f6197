/// Everything a run found, before it is written out.
public struct ReplayResult: Sendable {
    public var incident: Incident
    public var window: Window
    /// Per input, in the order given (`LogInput.collect` sorts them by path).
    public var inputs: [InputAccount]
    /// Per node, sorted by name.
    public var nodes: [NodeAccount]
    /// In evidence order (time, file, line, subject).
    public var exposures: [Exposure]
    /// The people the exposures name, by their numbers there (in bytewise order).
    public var people: [String]
    /// Distinct subjects and viewers among the exposures.
    public var subjectCount: Int
    public var viewerCount: Int

    public var totals: NodeCounts {
        nodes.reduce(into: NodeCounts()) { $0.add($1.counts) }
    }

    /// Why the run is incomplete; empty when it is complete.
    public var incompleteness: [String] {
        var reasons: [String] = []
        let broken = inputs.filter { !$0.report.isComplete }.count
        if broken > 0 { reasons.append("\(broken) input file(s) could not be read to the end") }
        let unverified = inputs.reduce(0) { $0 + $1.report.unverifiedLines }
        if unverified > 0 { reasons.append("\(unverified) line(s) of damaged gzip members not replayed (unverified)") }
        let rejected = inputs.reduce(0) { $0 + $1.rejected }
        if rejected > 0 { reasons.append("\(rejected) line(s) rejected") }
        let late = totals.lateLines
        if late > 0 { reasons.append("\(late) line(s) later than log.reorder behind their node's newest line") }
        let possible = nodes.reduce(0) { $0 + $1.possiblyExposing }
        if possible > 0 { reasons.append("\(possible) cache deliveries whose render is not in the logs may have exposed data (their node's logs begin after the window's start)") }
        return reasons
    }

    public var isComplete: Bool { incompleteness.isEmpty }

    /// What a user should look at, though the answer stands: printed on stderr and kept in
    /// summary.json. They do not make a run incomplete.
    public var warnings: [String] {
        var warnings: [String] = []
        for a in inputs where !a.otherPaths.isEmpty {
            warnings.append("\(a.path) was also given as \(a.otherPaths.joined(separator: ", ")): the same file, read once")
        }
        let byDigest = Dictionary(grouping: inputs.filter { !$0.report.sha256.isEmpty }, by: \.report.sha256)
        for (_, same) in byDigest where same.count > 1 {
            let paths = same.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            warnings.append("\(paths.joined(separator: " and ")) have the same content (SHA-256) but are different files: "
                            + "a copy given twice counts its exposures twice")
        }
        return warnings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
