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
    /// Unresolved deliveries that may have shown an exposing render: the node's logs begin
    /// after the window's start, so a render made in between is not in them.
    package var possiblyExposing: Int
}
