/// One exposed subject, as a row of affected.csv.
public struct AffectedSubject: Sendable, Equatable {
    public var subject: String
    public var exposures: Int
    public var viewers: Int
    public var firstExposed: Int64
    public var lastExposed: Int64
    public var rules: [String]
    public var fields: [String]

    /// Groups exposures by subject, sorted by subject (bytewise).
    public static func from(_ exposures: [Exposure], rules: [Rule]) -> [AffectedSubject] {
        struct Tally {
            var count = 0
            var viewers = Set<String>()
            var first = Int64.max
            var last = Int64.min
            var rules = Set<Int>()
        }
        var tallies: [String: Tally] = [:]
        for e in exposures {
            var t = tallies[e.subject] ?? Tally()
            t.count += 1
            t.viewers.insert(e.viewer)
            t.first = min(t.first, e.time)
            t.last = max(t.last, e.time)
            t.rules.insert(e.rule)
            tallies[e.subject] = t
        }
        return tallies.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { subject in
            let t = tallies[subject]!
            let ruleNames = Set(t.rules.map { rules[$0].name }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let fields = Set(t.rules.flatMap { rules[$0].fields }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return AffectedSubject(subject: subject, exposures: t.count, viewers: t.viewers.count, firstExposed: t.first,
                                   lastExposed: t.last, rules: ruleNames, fields: fields)
        }
    }
}
