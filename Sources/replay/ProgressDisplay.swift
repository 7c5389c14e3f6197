import Foundation
import ReplayKit
import ReplayThreads

/// Progress on stderr: a live line on a terminal, a plain line every few seconds otherwise.
/// Counts only; never anything read from the logs. `@unchecked Sendable` is safe because
/// `thread` is used only by the thread that starts and stops the display, the stop flag only
/// with `stopped` locked, and the counter is atomic.
final class ProgressDisplay: @unchecked Sendable {
    private let counter: ProgressCounter
    private let live: Bool
    private let started = Date()
    private var thread: Thread?
    private let stopped = NSCondition()
    private var done = false

    init(counter: ProgressCounter) {
        self.counter = counter
        live = isatty(2) == 1
    }

    func start() {
        let t = Thread { [self] in
            let interval: TimeInterval = live ? 0.25 : 5
            stopped.lock()
            while !done {
                if !stopped.wait(until: Date().addingTimeInterval(interval)) && !done { print(final: false) }
            }
            stopped.unlock()
        }
        thread = t
        t.start()
    }

    func stop() {
        stopped.lock()
        done = true
        stopped.signal()
        stopped.unlock()
        if live { print(final: true) }
    }

    private func print(final: Bool) {
        let bytes = counter.bytes, total = max(counter.totalBytes, 1)
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(bytes) / elapsed
        let left = rate > 0 ? Double(max(total - bytes, 0)) / rate : 0
        let percent = min(100, bytes * 100 / total)
        let text = String(format: "%3d%% %@ of %@, %@ lines, %@/s, %@ left", percent, Self.size(bytes), Self.size(total),
                          Self.count(counter.lines), Self.size(Int(rate)), Self.duration(left))
        let line = live ? "\r\u{1B}[K" + text + (final ? "\n" : "") : text + "\n"
        Console.error(line)
    }

    static func size(_ b: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(b), i = 0
        while v >= 1000 && i < units.count - 1 { v /= 1000; i += 1 }
        return i == 0 ? "\(b) B" : String(format: "%.1f %@", v, units[i])
    }

    static func count(_ n: Int) -> String {
        n >= 1_000_000 ? String(format: "%.1fM", Double(n) / 1e6) : n >= 1000 ? String(format: "%.1fk", Double(n) / 1e3) : String(n)
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600)h\(t / 60 % 60)m" : t >= 60 ? "\(t / 60)m\(t % 60)s" : "\(t)s"
    }
}
