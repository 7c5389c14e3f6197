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
    ///
    /// Each subject gets a slot of its own, in the people's order (their numbers are their
    /// bytewise order), and every table is as long as the subjects, not the people: tables of
    /// all the people (hundreds of thousands, most of them viewers) cost as much to allocate and
    /// clear for the few possible pairs as for the whole list.
    package static func from(_ result: ReplayResult, _ exposures: [Exposure]) -> [AffectedSubject] {
        let rules = result.incident.rules
        let people = result.people.count
        // The subjects' slots, in their numbers' order.
        var slotOf = [Int32](repeating: -1, count: people)
        for e in exposures { slotOf[Int(e.subject)] = 0 }
        var subjects: [Int32] = []
        for p in 0..<people where slotOf[p] == 0 {
            slotOf[p] = Int32(subjects.count)
            subjects.append(Int32(p))
        }
        let n = subjects.count
        var count = [Int](repeating: 0, count: n)
        var first = [Int64](repeating: .max, count: n)
        var last = [Int64](repeating: .min, count: n)
        // Rules per subject as bits (pairs when there are more rules than bits).
        let useBits = rules.count <= 64
        var ruleBits = [UInt64](repeating: 0, count: useBits ? n : 0)
        var rulePairs: [UInt64] = []
        for e in exposures {
            let s = Int(slotOf[Int(e.subject)])
            count[s] += 1
            if e.time < first[s] { first[s] = e.time }
            if e.time > last[s] { last[s] = e.time }
            if useBits { ruleBits[s] |= 1 << UInt64(e.rule) } else { rulePairs.append(UInt64(UInt32(s)) << 32 | UInt64(UInt32(e.rule))) }
        }
        // Distinct viewers per subject: the viewers grouped by subject (a counting sort, in
        // linear time), then counted once each with a mark per viewer. Sorting 750 k pairs took
        // most of this function's time.
        var viewers = [Int](repeating: 0, count: n)
        var bySubject = [Int32](repeating: 0, count: exposures.count)
        var ends = [Int](repeating: 0, count: n + 1)
        for s in 0..<n { ends[s + 1] = ends[s] + count[s] }
        var next = ends
        for e in exposures {
            let s = Int(slotOf[Int(e.subject)])
            bySubject[next[s]] = e.viewer
            next[s] += 1
        }
        // The slots' table, not needed any more, becomes the viewers' marks.
        var markedFor = slotOf
        slotOf = []
        for v in markedFor.indices { markedFor[v] = -1 }
        for s in 0..<n {
            for i in ends[s]..<ends[s + 1] {
                let v = Int(bySubject[i])
                if markedFor[v] != Int32(s) {
                    markedFor[v] = Int32(s)
                    viewers[s] += 1
                }
            }
        }
        var ruleLists = [[Int]](repeating: [], count: useBits ? 0 : n)
        if !useBits {
            rulePairs.sort()
            for (i, pair) in rulePairs.enumerated() where i == 0 || rulePairs[i - 1] != pair {
                ruleLists[Int(pair >> 32)].append(Int(pair & 0xFFFF_FFFF))
            }
        }
        // Subjects with the same rules share their lists of names and fields (found by the
        // rules' bits, without a list per subject, when there are few rules).
        var byRules: [[Int]: (names: [String], fields: [String])] = [:]
        var byBits: [UInt64: (names: [String], fields: [String])] = [:]
        func listsOf(_ ruleIndexes: [Int]) -> (names: [String], fields: [String]) {
            if let known = byRules[ruleIndexes] { return known }
            let made = (Set(ruleIndexes.map { rules[$0].name }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                        Set(ruleIndexes.flatMap { rules[$0].fields }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            byRules[ruleIndexes] = made
            return made
        }
        return (0..<n).map { s in
            let lists: (names: [String], fields: [String])
            if useBits {
                if let known = byBits[ruleBits[s]] {
                    lists = known
                } else {
                    lists = listsOf(rules.indices.filter { ruleBits[s] & (1 << UInt64($0)) != 0 })
                    byBits[ruleBits[s]] = lists
                }
            } else {
                lists = listsOf(ruleLists[s])
            }
            return AffectedSubject(subject: result.people[Int(subjects[s])], exposures: count[s], viewers: viewers[s], firstExposed: first[s],
                                   lastExposed: last[s], rules: lists.names, fields: lists.fields)
        }
    }
}
