import ReplayIncident

/// A rule that matched no request inside its window or its cache tail: the run cannot tell a
/// page nobody visited from a rule that does not describe the page (a trailing slash, a
/// method, a status), so it says which, with the paths the logs do have near the rule's.
package struct SilentRule: Sendable {
    package var rule: Rule
    /// Requests the rule matched outside its window and cache tail.
    package var matchedOutside: Int
    package var near: NearPaths

    /// The silent rules of a tally, in the incident file's order.
    package static func all(in tally: MatchTally, rules: [Rule]) -> [SilentRule] {
        rules.indices.compactMap { i in
            let inSpan = i < tally.inSpan.count ? tally.inSpan[i] : 0
            guard inSpan == 0 else { return nil }
            let matched = i < tally.byRule.count ? tally.byRule[i] : 0
            return SilentRule(rule: rules[i], matchedOutside: matched, near: i < tally.near.count ? tally.near[i] : NearPaths())
        }
    }

    /// The rule as the message names it: its name, methods, statuses and paths.
    private var described: String {
        let statuses = rule.statuses.sorted().map(String.init).joined(separator: ", ")
        return "rule \(rule.name) (\(rule.methods.joined(separator: ", ")), status \(statuses), "
            + "\(rule.paths.map(\.source).joined(separator: ", ")))"
    }

    /// What the rule's silence means and what to do; `read` says how much of the logs was
    /// looked at ("the logs", "what was read").
    package func message(read: String = "the logs") -> String {
        if matchedOutside > 0 {
            return "\(described) matched \(matchedOutside) request(s) in \(read), none inside its window or cache tail: "
                + "is its window right?" + (rule.mayMatchNothing ? "" : " (may_match_nothing: true if the page really had no visit then)")
        }
        let nearest = near.nearest(3)
        let paths = nearest.isEmpty
            ? "no path in \(read) shares a segment with it"
            : "the nearest paths in \(read): " + nearest.map { "\($0.template) (\($0.count) requests)" }.joined(separator: ", ")
        return "\(described) matched no request in \(read); \(paths); correct its path, method or status"
            + (rule.mayMatchNothing ? "" : ", or write may_match_nothing: true if the page really had no visit")
    }
}
