import Dispatch
import Synchronization

/// Seconds spent in each phase of a run, for `replay --timings`. Phases may be marked from any
/// thread: the marks are kept behind a lock.
package final class PhaseTimes: Sendable {
    private struct Marks {
        var phases: [(String, Double)] = []
        var last = DispatchTime.now()
    }

    private let marks = Mutex(Marks())

    package init() {}

    /// The phases marked so far, in order, with their seconds.
    package var phases: [(String, Double)] { marks.withLock { $0.phases } }

    /// Ends the phase running since the last mark (or since creation) and names it.
    package func mark(_ name: String) {
        marks.withLock { m in
            let now = DispatchTime.now()
            m.phases.append((name, Double(now.uptimeNanoseconds - m.last.uptimeNanoseconds) / 1e9))
            m.last = now
        }
    }
}
