import CPrefetch

/// Asks the processor to start fetching memory that a loop will read soon, without waiting
/// for it: the look-aheads of the replay and of exposures.csv issue one per cache line they
/// will need, so that misses overlap instead of following one another. A hint: it reads
/// nothing and never faults, so any address will do.
public enum Prefetch {
    @inlinable @inline(__always)
    public static func line(at address: UnsafeRawPointer) {
        replay_prefetch(address)
    }
}
