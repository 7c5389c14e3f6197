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

            mutating func update(_ e: Exposure) {
                count += 1
                viewers.insert(e.viewer)
                first = min(first, e.time)
                last = max(last, e.time)
                rules.insert(e.rule)
            }
        }
        var tallies: [String: Tally] = [:]
        for e in exposures {
            // Updated in place: a copy out and back would copy the viewer set every time.
            tallies[e.subject, default: Tally()].update(e)
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
