/// Finds the silences of one node's log that count against coverage, measured against the
/// node's own traffic (issue "Attacked again", 3): without `log.gap`, a silence counts when it
/// is longer than max(1 minute, 50 × the mean gap between the node's lines in the 10 minutes
/// before it), capped at 10 minutes; with fewer than 100 lines in those 10 minutes, 10 minutes
/// applies. For a steady stream a pause that long by chance has odds near e^-50. At the
/// window's edges the first or last 10 minutes of lines are the traffic. `log.gap` set keeps
/// the fixed rule. Lines are counted per minute in a ring of ten: a few integers per node.
package struct SilenceDetector: Sendable {
    package static let lookBack: Int64 = 600_000
    static let fewest: Int32 = 100

    package let coverage: Coverage
    /// Lines per minute, the ten minutes up to `minute` (minute m at m % 10).
    private var perMinute: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var minute = Int64.min
    package private(set) var first = Int64.max
    package private(set) var last = Int64.min
    package private(set) var silences: [Coverage.Silence] = []
    /// The threshold at the start edge, from the first ten minutes of lines.
    private var startGap: Int64?
    /// The largest threshold a check of this node used (the most lenient).
    package private(set) var largestGap: Int64 = 0
    /// The longest silence over a minute in the span, counted or not, with its threshold.
    package private(set) var longest: Coverage.Silence?

    package init(coverage: Coverage) {
        self.coverage = coverage
    }

    /// Notes a line's time (lines in the node's order; an older one only counts as traffic).
    @inline(__always)
    package mutating func observe(_ time: Int64) {
        if time < first { first = time }
        if time > last {
            // The shortest threshold is a minute (or log.gap): below it, no question to ask.
            if last != .min && time - last > min(coverage.gap, 60_000) { check(from: last, to: time) }
            last = time
        }
        count(time)
        if startGap == nil && time >= first &+ Self.lookBack { startGap = threshold() }
    }

    /// The threshold now: from the lines of the last ten minutes.
    package func threshold() -> Int64 {
        guard coverage.adaptive else { return coverage.gap }
        let n = lines
        guard n >= Self.fewest else { return coverage.gap }
        return min(coverage.gap, max(60_000, 50 * (Self.lookBack / Int64(n))))
    }

    /// The thresholds at the start and the end of the node's logs.
    package var edges: (start: Int64, end: Int64) {
        let end = threshold()
        return (startGap ?? end, end)
    }

    private mutating func check(from: Int64, to: Int64) {
        guard to > coverage.start && from < coverage.end else { return }
        let limit = threshold()
        largestGap = max(largestGap, limit)
        let silence = Coverage.Silence(from: from, to: to, threshold: limit)
        if to - from > (longest.map { $0.to - $0.from } ?? 0) { longest = silence }
        if to - from > limit { silences.append(silence) }
    }

    private var lines: Int32 {
        let p = perMinute
        return p.0 + p.1 + p.2 + p.3 + p.4 + p.5 + p.6 + p.7 + p.8 + p.9
    }

    @inline(__always)
    private mutating func count(_ time: Int64) {
        guard coverage.adaptive else { return }
        let m = time >= 0 ? time / 60_000 : (time - 59_999) / 60_000
        if m > minute {
            // Minutes with no line since the newest are emptied (all ten at most).
            let from = minute == .min ? m - 9 : max(minute + 1, m - 9)
            for k in from...m { set(k, 0) }
            minute = m
        } else if m <= minute - 10 {
            return
        }
        set(m, get(m) &+ 1)
    }

    private func get(_ m: Int64) -> Int32 {
        withUnsafeBytes(of: perMinute) { $0.load(fromByteOffset: Int(((m % 10) + 10) % 10) * 4, as: Int32.self) }
    }

    private mutating func set(_ m: Int64, _ value: Int32) {
        let offset = Int(((m % 10) + 10) % 10) * 4
        // Safe because the ring is ten Int32s in a tuple: the offset is 0, 4, … 36.
        withUnsafeMutableBytes(of: &perMinute) { $0.storeBytes(of: value, toByteOffset: offset, as: Int32.self) }
    }
}
