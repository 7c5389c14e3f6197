/// Reads one log line as a run reads it — the pattern's fields, the time, the rule it matches —
/// without replaying: for `replay check` and the fuzzers.
public final class LineProbe {
    private let matcher: RequestMatcher
    private var arena: [UInt8] = []

    /// What one line turned out to be.
    public enum Reading: Equatable {
        case rejected(String)
        case parsed(time: Int64)
        case matched(time: Int64, rule: Int)
    }

    public init(incident: Incident, window: Window = Window(start: .min, end: .max)) throws {
        matcher = try RequestMatcher(incident: incident, window: window)
    }

    public func read(_ line: UnsafeRawBufferPointer) -> Reading {
        if let rejection = matcher.read(line) { return .rejected(rejection.description) }
        arena.removeAll(keepingCapacity: true)
        if let m = matcher.match(line, arena: &arena) { return .matched(time: matcher.time, rule: Int(m.rule)) }
        return .parsed(time: matcher.time)
    }
}
