/// A cache delivery waiting for the stores that may precede its lookup (SPEC §3.7).
struct PendingDelivery {
    var request: Request
    /// The request's place in the node's replay order.
    var order: Int64
    /// When its lookup may have happened (its `hi` orders the queue).
    var lookup: Interval
}
