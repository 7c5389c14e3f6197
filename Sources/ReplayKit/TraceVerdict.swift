/// What replaying one trace against its expected results found.
package struct TraceVerdict: Sendable {
    package var trace: String
    /// Readable differences; empty when the trace matches.
    package var differences: [String]
    package var exposures: Int
    package var complete: Bool

    package var passed: Bool { differences.isEmpty }
}
