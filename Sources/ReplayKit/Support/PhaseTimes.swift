import Dispatch

/// Seconds spent in each phase of a run, for `replay --timings`.
public final class PhaseTimes: @unchecked Sendable {
    public private(set) var phases: [(String, Double)] = []
    private var last = DispatchTime.now()

    public init() {}

    /// Ends the phase running since the last mark (or since creation) and names it.
    public func mark(_ name: String) {
        let now = DispatchTime.now()
        phases.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
