import ReplayIncident

/// Reads one log line as a run reads it — the pattern's fields, the time, the rule it matches —
/// without replaying: for `replay check` and the fuzzers.
package final class LineProbe {
    private let matcher: RequestMatcher
    private var arena: [UInt8] = []

    /// What one line turned out to be.
    package enum Reading: Equatable {
        case rejected(String)
        case parsed(time: Int64)
        case matched(time: Int64, rule: Int)
    }

    package init(incident: Incident, window: Window = Window(start: .min, end: .max)) throws {
        matcher = try RequestMatcher(incident: incident, window: window)
    }

    package func read(_ line: UnsafeRawBufferPointer) -> Reading {
        if let rejection = matcher.read(line) { return .rejected(rejection.description) }
        arena.removeAll(keepingCapacity: true)
        if let m = matcher.match(line, arena: &arena) { return .matched(time: matcher.time, rule: Int(m.rule)) }
        return .parsed(time: matcher.time)
    }
}
