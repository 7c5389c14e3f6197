import ReplayPipeline

/// What replay's exit status means, decided here and nowhere else.
package enum ExitStatus: Int32, Sendable {
    /// A complete run (or check, or every trace verified).
    case complete = 0
    /// Nothing was done: bad usage, an incident file or `--out` refused, a trace that differs.
    case failed = 1
    /// The results are written but incomplete (SPEC §3.8): summary.json says why.
    case incomplete = 2
    /// Writing the results failed: `--out` holds the previous results, if any.
    case notWritten = 3

    /// The status of a run that wrote `result`.
    package static func of(_ result: ReplayResult) -> ExitStatus {
        result.incompleteness.isEmpty ? .complete : .incomplete
    }
}
