/// A cache delivery waiting for the stores that may precede its lookup (SPEC §3.7).
struct PendingDelivery {
    var request: Request
    var lookup: Interval
    /// The request's place in the node's replay order.
    var order: Int64
}
