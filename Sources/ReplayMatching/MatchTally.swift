/// What the matchers saw of the matched requests, for the run's warnings: requests per rule,
/// viewers read and absent, cache statuses no list names. Counted on the parsing threads (off
/// the replay's path), one tally per matcher, added up after the run.
package struct MatchTally: Sendable {
    package var byRule: [Int] = []
    /// Requests matched per rule inside its window, or served from the cache in its tail
    /// (HEAD included): a rule with none makes the run incomplete (`SilentRule`).
    package var inSpan: [Int] = []
    /// Per rule, the logged paths near its templates, gathered while it had matched nothing.
    package var near: [NearPaths] = []
    package var viewersRead = 0
    package var viewersAbsent = 0
    package var unlisted = ValueTally()

    package init(rules: Int = 0) {
        byRule = Array(repeating: 0, count: rules)
        inSpan = byRule
        near = Array(repeating: NearPaths(), count: rules)
    }

    package mutating func add(_ other: MatchTally) {
        if byRule.count < other.byRule.count { byRule += Array(repeating: 0, count: other.byRule.count - byRule.count) }
        for (i, n) in other.byRule.enumerated() { byRule[i] += n }
        if inSpan.count < other.inSpan.count { inSpan += Array(repeating: 0, count: other.inSpan.count - inSpan.count) }
        for (i, n) in other.inSpan.enumerated() { inSpan[i] += n }
        if near.count < other.near.count { near += Array(repeating: NearPaths(), count: other.near.count - near.count) }
        for (i, n) in other.near.enumerated() { near[i].add(n) }
        viewersRead += other.viewersRead
        viewersAbsent += other.viewersAbsent
        unlisted.add(other.unlisted)
    }
}
