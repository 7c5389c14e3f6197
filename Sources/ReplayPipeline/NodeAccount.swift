import ReplayCache

/// The account of one cache node's replay.
package struct NodeAccount: Sendable {
    package var name: String
    package var counts: NodeCounts
    /// The earliest time in its logs.
    package var firstTime: Int64?
    /// The latest time in its logs.
    package var lastTime: Int64?
    /// Silences longer than `log.gap` within the span it must cover.
    package var silences: [Coverage.Silence]
    /// The silence thresholds at the start and the end of its logs, and the largest it was
    /// held to (`log.gap`, or measured against its traffic).
    package var gapEdges: (start: Int64, end: Int64)?
    package var largestGap: Int64 = 0
    /// Where requests may be missing from its replay (each leaves its cache uncertain after it).
    package var holes: [Hole] = []
    /// Unresolved deliveries that may have shown an exposing render: the node's logs begin
    /// after the window's start, so a render made in between is not in them.
    package var possiblyExposing: Int
    /// Keys whose cache still held an exposing render when the node's logs ended, without
    /// `cache.max_age` (nothing bounds how long they were served after), and the node's last
    /// exposure.
    package var keysExposingAtEnd = 0
    package var lastExposure: Int64?
}
