/// What one node's replay counted.
package struct NodeCounts: Sendable, Equatable {
    package var requests = 0
    package var renders = 0
    package var deliveries = 0
    package var cacheDeliveries = 0
    package var unresolved = 0
    /// Unresolved deliveries at or after the window's start (they may have shown an exposing
    /// render when the node's logs begin after it).
    package var unresolvedFromWindowStart = 0
    package var lateLines = 0
    package var exposures = 0
    /// Possible pairs (SPEC §3.7), and the setting that made each one possible.
    package var possible = 0
    package var possibleFromStores = 0
    package var possibleFromTime = 0
    package var possibleFromLock = 0
    /// Possible pairs a hole in the node's logs made possible (`Hole`).
    package var possibleFromHole = 0
    /// Cache deliveries of `subject: viewer` pages that may have served a render made in a
    /// hole inside the page's window: whose data, the logs cannot tell (the run is incomplete).
    package var possiblyExposingFromHoles = 0
    /// Undecided stores forgotten for room (`KeyHistory.room` per key): the run is incomplete.
    package var forgottenStores = 0

    package init() {}

    package mutating func add(_ o: NodeCounts) {
        requests += o.requests; renders += o.renders; deliveries += o.deliveries
        cacheDeliveries += o.cacheDeliveries; unresolved += o.unresolved
        unresolvedFromWindowStart += o.unresolvedFromWindowStart; lateLines += o.lateLines; exposures += o.exposures
        possible += o.possible; possibleFromStores += o.possibleFromStores; possibleFromTime += o.possibleFromTime
        possibleFromLock += o.possibleFromLock; forgottenStores += o.forgottenStores
        possibleFromHole += o.possibleFromHole; possiblyExposingFromHoles += o.possiblyExposingFromHoles
    }
}
