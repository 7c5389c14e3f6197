/// What reading one input file found, besides its lines.
package struct ReadReport: Sendable {
    /// Bytes of the file as stored (compressed for gzip).
    package var bytes = 0
    /// Bytes after inflating.
    package var decompressedBytes = 0
    /// Lines delivered or rejected as oversized.
    package var lines = 0
    package var gzip = false
    /// Gzip members read to their end.
    package var members = 0
    /// Lines of a gzip member that failed its check or was cut short: delivered to the sink
    /// before the damage was known, they are not to be trusted (lines from `firstUnverifiedLine` on).
    package var unverifiedLines = 0
    /// The failed member's first line, when lines were delivered from it.
    package var firstUnverifiedLine: Int?
    /// SHA-256 of the file as stored.
    package var sha256 = ""
    /// At most one data-losing problem (reading stops there), plus a trailing-zeros warning.
    package var problems: [ReadProblem] = []

    package init() {}

    /// Whether every byte of the file was read.
    package var isComplete: Bool { !problems.contains { $0.losesData } }
}
