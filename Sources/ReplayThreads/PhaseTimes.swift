import Dispatch

/// Seconds spent in each phase of a run, for `replay --timings`.
package final class PhaseTimes: @unchecked Sendable {
    package private(set) var phases: [(String, Double)] = []
    private var last = DispatchTime.now()

    package init() {}

    /// Ends the phase running since the last mark (or since creation) and names it.
    package func mark(_ name: String) {
        let now = DispatchTime.now()
        phases.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
