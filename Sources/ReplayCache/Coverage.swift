import ReplayIncident
import ReplayParsing

/// What span of time a node's logs must cover for its answer to be whole (SPEC §3.8): from the
/// window's start to its end plus the cache tail (`cache.max_age`), with no silence longer than
/// `log.gap` — at the start, inside, or at the end.
package struct Coverage: Sendable, Equatable {
    package var start: Int64
    package var end: Int64
    /// `log.gap`, or (`adaptive`) the cap of the threshold measured against traffic.
    package var gap: Int64
    /// Without `log.gap`: silences are measured against the node's traffic (`SilenceDetector`).
    package var adaptive: Bool

    package init(start: Int64, end: Int64, gap: Int64, adaptive: Bool = false) {
        self.start = start
        self.end = end
        self.gap = gap
        self.adaptive = adaptive
    }

    package init(window: Window, incident: Incident) {
        start = window.start
        end = window.end + (incident.cache?.maxAge ?? 0)
        gap = incident.gap
        adaptive = !incident.gapGiven
    }

    /// A stretch of time in which a node logged nothing.
    package struct Silence: Sendable, Equatable {
        package var from: Int64
        package var to: Int64
        /// The longest silence the node's traffic allowed there (`log.gap` when it is set).
        package var threshold: Int64

        package init(from: Int64, to: Int64, threshold: Int64 = 0) {
            self.from = from
            self.to = to
            self.threshold = threshold
        }
    }

    /// Why a node whose lines run from `first` to `last` with `silences` does not cover the
    /// span, or nil when it does.
    /// `edges` are the thresholds at the start and the end (`SilenceDetector.edges`; `gap` when not given).
    package func shortfall(first: Int64?, last: Int64?, silences: [Silence], edges: (start: Int64, end: Int64)? = nil) -> String? {
        guard let first, let last else { return "it has no parsed line" }
        var problems: [String] = []
        let (startGap, endGap) = edges ?? (gap, gap)
        if first > start + startGap { problems.append("its logs begin at \(CivilTime.format(milliseconds: first)), after the window's start") }
        if last < end - endGap {
            problems.append("its logs end at \(CivilTime.format(milliseconds: last)), before \(CivilTime.format(milliseconds: end))"
                            + (end > start ? " (the window's end\(end != start ? " and its cache tail" : ""))" : ""))
        }
        if let longest = silences.max(by: { $0.to - $0.from < $1.to - $1.from }) {
            problems.append("\(silences.count) silence(s) longer than " + (adaptive ? "its traffic allows" : "log.gap")
                            + ", the longest from \(CivilTime.format(milliseconds: longest.from)) to \(CivilTime.format(milliseconds: longest.to))"
                            + (adaptive ? " (\((longest.to - longest.from) / 1000) s; \(longest.threshold / 1000) s allowed at its rate of lines)" : ""))
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
