/// What reading one input file found, besides its lines.
public struct ReadReport: Sendable {
    /// Bytes of the file as stored (compressed for gzip).
    public var bytes = 0
    /// Bytes after inflating.
    public var decompressedBytes = 0
    /// Lines delivered or rejected as oversized.
    public var lines = 0
    public var gzip = false
    /// Gzip members read to their end.
    public var members = 0
    /// Lines of a gzip member that failed its check or was cut short: delivered to the sink
    /// before the damage was known, they are not to be trusted (lines from `firstUnverifiedLine` on).
    public var unverifiedLines = 0
    /// The failed member's first line, when lines were delivered from it.
    public var firstUnverifiedLine: Int?
    /// SHA-256 of the file as stored.
    public var sha256 = ""
    /// At most one data-losing problem (reading stops there), plus a trailing-zeros warning.
    public var problems: [ReadProblem] = []

    public init() {}

    /// Whether every byte of the file was read.
    public var isComplete: Bool { !problems.contains { $0.losesData } }
}
