/// What a line tells of its request's place in time and of its store (SPEC §3.7): how long it
/// took and when its upstream answer ended, where the pattern logs them, whether its status is
/// a fresh hit, and whether its render was stored.
package struct RequestTiming: Equatable, Sendable {
    /// Whether a stored-status line stored its render.
    package enum Store: UInt8, Sendable {
        /// Not a stored-status line (or an origin render).
        case none
        /// It stored (`stores: certain`, no `not_stored` condition holds).
        case certain
        /// It may not have (`stores: uncertain`, or a MISS that may have waited out the lock).
        case maybe
        /// A `not_stored` condition holds: never stored.
        case declined
    }

    /// `$request_time` in milliseconds; -1 where it is not logged.
    package var took: Int32 = -1
    /// `$upstream_response_time` in milliseconds (all upstreams tried, added); -1 where it is
    /// not logged or `-`.
    package var upstream: Int32 = -1
    package var store: Store = .none
    /// A served status that only a fresh entry gives (`HIT`): it proves a store after the last
    /// miss of its key.
    package var fresh = false

    package init() {}

    /// Seconds with a fraction (`1.377`) as milliseconds; several values (`0.1, 0.2 : 0.05`)
    /// added; nil for `-`, empty or anything else.
    package static func milliseconds(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        var total = 0
        var current = 0
        var fraction = -1      // digits read after the point, -1 before it
        var any = false
        func close() {
            while fraction >= 0 && fraction < 3 { current *= 10; fraction += 1 }
            if fraction < 0 { current *= 1000 }
            total += current
            current = 0
            fraction = -1
        }
        for b in bytes {
            switch b {
            case 0x30...0x39:
                any = true
                if fraction < 0 { current = current * 10 + Int(b - 0x30) }
                else if fraction < 3 { current = current * 10 + Int(b - 0x30); fraction += 1 }
                if current > 1 << 40 { return nil }
            case 0x2E: // .
                guard fraction < 0 else { return nil }
                fraction = 0
            case 0x2C, 0x3A, 0x20: // , : and spaces between values
                if any { close() }
            default:
                return nil
            }
        }
        guard any else { return nil }
        close()
        return total > Int(Int32.max) ? Int32.max : Int32(total)
    }
}
