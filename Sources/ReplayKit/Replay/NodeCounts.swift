/// What one node's replay counted.
public struct NodeCounts: Sendable, Equatable {
    public var requests = 0
    public var renders = 0
    public var deliveries = 0
    public var cacheDeliveries = 0
    public var unresolved = 0
    /// Unresolved deliveries at or after the window's start (they may have shown an exposing
    /// render when the node's logs begin after it).
    public var unresolvedFromWindowStart = 0
    public var lateLines = 0
    public var exposures = 0

    public init() {}

    public mutating func add(_ o: NodeCounts) {
        requests += o.requests; renders += o.renders; deliveries += o.deliveries
        cacheDeliveries += o.cacheDeliveries; unresolved += o.unresolved
        unresolvedFromWindowStart += o.unresolvedFromWindowStart; lateLines += o.lateLines; exposures += o.exposures
    }
}
