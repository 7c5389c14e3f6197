import ReplayIncident
import ReplayParsing

/// What span of time a node's logs must cover for its answer to be whole (SPEC §3.8): from the
/// window's start to its end plus the cache tail (`cache.max_age`), with no silence longer than
/// `log.gap` — at the start, inside, or at the end.
package struct Coverage: Sendable, Equatable {
    package var start: Int64
    package var end: Int64
    package var gap: Int64

    package init(start: Int64, end: Int64, gap: Int64) {
        self.start = start
        self.end = end
        self.gap = gap
    }

    package init(window: Window, incident: Incident) {
        start = window.start
        end = window.end + (incident.cache?.maxAge ?? 0)
        gap = incident.gap
    }

    /// A stretch of time in which a node logged nothing.
    package struct Silence: Sendable, Equatable {
        package var from: Int64
        package var to: Int64

        package init(from: Int64, to: Int64) {
            self.from = from
            self.to = to
        }
    }

    /// Whether a silence from `from` to `to` is too long and lies (partly) in the span.
    @inline(__always)
    package func matters(from: Int64, to: Int64) -> Bool {
        to - from > gap && to > start && from < end
    }

    /// Why a node whose lines run from `first` to `last` with `silences` does not cover the
    /// span, or nil when it does.
    package func shortfall(first: Int64?, last: Int64?, silences: [Silence]) -> String? {
        guard let first, let last else { return "it has no parsed line" }
        var problems: [String] = []
        if first > start + gap { problems.append("its logs begin at \(CivilTime.format(milliseconds: first)), after the window's start") }
        if last < end - gap {
            problems.append("its logs end at \(CivilTime.format(milliseconds: last)), before \(CivilTime.format(milliseconds: end))"
                            + (end > start ? " (the window's end\(end != start ? " and its cache tail" : ""))" : ""))
        }
        if let longest = silences.max(by: { $0.to - $0.from < $1.to - $1.from }) {
            problems.append("\(silences.count) silence(s) longer than log.gap, the longest from \(CivilTime.format(milliseconds: longest.from)) to \(CivilTime.format(milliseconds: longest.to))")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
