import ReplayPipeline
import ReplayCache

/// One exposed subject, as a row of affected.csv.
package struct AffectedSubject: Sendable, Equatable {
    package var subject: String
    package var exposures: Int
    package var viewers: Int
    package var firstExposed: Int64
    package var lastExposed: Int64
    package var rules: [String]
    package var fields: [String]

    /// Groups a run's exposures by subject, in the subjects' bytewise order.
    package static func from(_ result: ReplayResult) -> [AffectedSubject] {
        from(result, result.exposures)
    }

    /// Groups some of a run's exposures (the possible pairs) by subject.
    package static func from(_ result: ReplayResult, _ exposures: [Exposure]) -> [AffectedSubject] {
        let rules = result.incident.rules
        let people = result.people.count
        var count = [Int](repeating: 0, count: people)
        var first = [Int64](repeating: .max, count: people)
        var last = [Int64](repeating: .min, count: people)
        // Rules per subject as bits (pairs when there are more rules than bits).
        let useBits = rules.count <= 64
        var ruleBits = [UInt64](repeating: 0, count: useBits ? people : 0)
        var rulePairs: [UInt64] = []
        var viewerPairs: [UInt64] = []
        viewerPairs.reserveCapacity(exposures.count)
        for e in exposures {
            let s = Int(e.subject)
            count[s] += 1
            if e.time < first[s] { first[s] = e.time }
            if e.time > last[s] { last[s] = e.time }
            viewerPairs.append(UInt64(UInt32(e.subject)) << 32 | UInt64(UInt32(e.viewer)))
            if useBits { ruleBits[s] |= 1 << UInt64(e.rule) } else { rulePairs.append(UInt64(UInt32(e.subject)) << 32 | UInt64(UInt32(e.rule))) }
        }
        // Distinct viewers (and rules) per subject: sort the pairs, count each one once.
        var viewers = [Int](repeating: 0, count: people)
        viewerPairs.sort()
        for (i, pair) in viewerPairs.enumerated() where i == 0 || viewerPairs[i - 1] != pair { viewers[Int(pair >> 32)] += 1 }
        var ruleLists = [[Int]](repeating: [], count: useBits ? 0 : people)
        if !useBits {
            rulePairs.sort()
            for (i, pair) in rulePairs.enumerated() where i == 0 || rulePairs[i - 1] != pair {
                ruleLists[Int(pair >> 32)].append(Int(pair & 0xFFFF_FFFF))
            }
        }
        // Subjects with the same rules share their lists of names and fields.
        var byRules: [[Int]: (names: [String], fields: [String])] = [:]
        return (0..<people).filter { count[$0] > 0 }.map { s in
            let ruleIndexes = useBits ? rules.indices.filter { ruleBits[s] & (1 << UInt64($0)) != 0 } : ruleLists[s]
            let lists: (names: [String], fields: [String])
            if let known = byRules[ruleIndexes] {
                lists = known
            } else {
                lists = (Set(ruleIndexes.map { rules[$0].name }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                         Set(ruleIndexes.flatMap { rules[$0].fields }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                byRules[ruleIndexes] = lists
            }
            return AffectedSubject(subject: result.people[s], exposures: count[s], viewers: viewers[s], firstExposed: first[s],
                                   lastExposed: last[s], rules: lists.names, fields: lists.fields)
        }
    }
}
