#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Seconds spent in each phase of a run, for `replay --timings`. Phases may be marked from any
/// thread: the marks are kept behind a lock.
package final class PhaseTimes: Sendable {
    private struct Marks {
        var phases: [(name: String, seconds: Double, cpu: Double)] = []
        var last = DispatchTime.now()
        var lastCPU = PhaseTimes.cpuSeconds()
    }

    private let marks = Mutex(Marks())

    package init() {}

    /// The phases marked so far, in order, with their seconds and the CPU seconds all of the
    /// process's threads spent in them (more than the seconds where threads ran side by side;
    /// on a machine whose cores were all busy, the CPU seconds are what a change can save).
    package var phases: [(name: String, seconds: Double, cpu: Double)] { marks.withLock { $0.phases } }

    /// Ends the phase running since the last mark (or since creation) and names it.
    package func mark(_ name: String) {
        marks.withLock { m in
            let now = DispatchTime.now()
            let cpu = Self.cpuSeconds()
            m.phases.append((name, Double(now.uptimeNanoseconds - m.last.uptimeNanoseconds) / 1e9, cpu - m.lastCPU))
            m.last = now
            m.lastCPU = cpu
        }
    }

    /// The CPU seconds the process has used so far.
    private static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
