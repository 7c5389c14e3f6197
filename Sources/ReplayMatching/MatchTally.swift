/// What the matchers saw of the matched requests, for the run's warnings: requests per rule,
/// viewers read and absent, cache statuses no list names. Counted on the parsing threads (off
/// the replay's path), one tally per matcher, added up after the run.
package struct MatchTally: Sendable {
    package var byRule: [Int] = []
    package var viewersRead = 0
    package var viewersAbsent = 0
    package var unlisted = ValueTally()

    package init(rules: Int = 0) { byRule = Array(repeating: 0, count: rules) }

    package mutating func add(_ other: MatchTally) {
        if byRule.count < other.byRule.count { byRule += Array(repeating: 0, count: other.byRule.count - byRule.count) }
        for (i, n) in other.byRule.enumerated() { byRule[i] += n }
        viewersRead += other.viewersRead
        viewersAbsent += other.viewersAbsent
        unlisted.add(other.unlisted)
    }
}
