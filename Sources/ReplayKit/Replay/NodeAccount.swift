/// The account of one cache node's replay.
public struct NodeAccount: Sendable {
    public var name: String
    public var counts: NodeCounts
    /// The earliest time in its logs.
    public var firstTime: Int64?
    /// The latest time in its logs.
    public var lastTime: Int64?
    /// Silences longer than `log.gap` within the span it must cover.
    public var silences: [Coverage.Silence]
    /// Unresolved deliveries that may have shown an exposing render: the node's logs begin
    /// after the window's start, so a render made in between is not in them.
    public var possiblyExposing: Int
}
