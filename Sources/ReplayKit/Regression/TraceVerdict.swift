/// What replaying one trace against its expected results found.
public struct TraceVerdict: Sendable {
    public var trace: String
    /// Readable differences; empty when the trace matches.
    public var differences: [String]
    public var exposures: Int
    public var complete: Bool

    public var passed: Bool { differences.isEmpty }
}
