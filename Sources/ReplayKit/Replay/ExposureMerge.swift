/// Merges the groups' outcomes into the run's exposures, in evidence order (time, file path,
/// line, subject), with one numbering of people for the whole run: their bytewise order.
struct ExposureMerge {
    private(set) var exposures: [Exposure] = []
    /// The people the exposures name, by number.
    private(set) var people: [String] = []
    /// Distinct subjects and viewers among the exposures.
    private(set) var subjects = 0
    private(set) var viewers = 0

    /// Merges and empties `outcomes` (each group ordered first); `nodeIndex` gives each node's
    /// place in the run's nodes, `fileRanks` each input's place in path order.
    init(_ outcomes: inout [GroupOutcome], nodeIndex: [String: Int], fileRanks: [Int]) {
        let global = Self.numberPeople(&outcomes, people: &people, subjects: &subjects)
        var all: [Exposure] = []
        all.reserveCapacity(outcomes.reduce(0) { $0 + $1.sightings.reduce(0) { $0 + $1.1.count } })
        var viewerSeen = [Bool](repeating: false, count: people.count)
        for g in outcomes.indices {
            global[g].withUnsafeBufferPointer { map in
                for (name, list) in outcomes[g].sightings {
                    let node = Int32(nodeIndex[name] ?? 0)
                    for s in list {
                        let viewer = map[Int(s.viewer)]
                        if !viewerSeen[Int(viewer)] {
                            viewerSeen[Int(viewer)] = true
                            viewers += 1
                        }
                        all.append(Exposure(time: s.time, renderedAt: s.renderedAt, line: s.line, subject: map[Int(s.subject)],
                                            viewer: viewer, rule: s.rule, file: s.file, node: node, fromCache: s.fromCache))
                    }
                }
            }
            outcomes[g].sightings = []
        }
        // The nodes' lists are each in order already: the sort merges runs.
        all.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            let fa = fileRanks[Int(a.file)], fb = fileRanks[Int(b.file)]
            if fa != fb { return fa < fb }
            if a.line != b.line { return a.line < b.line }
            return a.subject < b.subject
        }
        exposures = all
    }

    /// Numbers the groups' people in one bytewise order (a k-way merge of the groups' sorted
    /// lists; the same bytes, one number); returns per group its number of each person.
    private static func numberPeople(_ outcomes: inout [GroupOutcome], people: inout [String], subjects: inout Int) -> [[Int32]] {
        var global: [[Int32]] = outcomes.map { [Int32](repeating: -1, count: $0.people.count) }
        var isSubject: [Bool] = []
        let groups = outcomes
        for g in outcomes.indices {
            outcomes[g].people = ByteInterner(capacity: 16)
            outcomes[g].names = []
        }
        func compare(_ a: Int, _ i: Int, _ b: Int, _ j: Int) -> Int {
            let ka = groups[a].keys[i], kb = groups[b].keys[j]
            if ka != kb { return ka < kb ? -1 : 1 }
            return groups[a].people.withBytes(groups[a].named[i]) { x in
                groups[b].people.withBytes(groups[b].named[j]) { y in Bytes.compare(x, y) }
            }
        }
        var last: (group: Int, index: Int)?
        KWayMerge.merge(counts: groups.map(\.named.count), compare: compare, emit: { g, i in
            if last.map({ compare($0.group, $0.index, g, i) != 0 }) ?? true {
                people.append(groups[g].names[i])
                isSubject.append(false)
            }
            if groups[g].isSubject[i] { isSubject[people.count - 1] = true }
            global[g][Int(groups[g].named[i])] = Int32(people.count - 1)
            last = (g, i)
        })
        subjects = isSubject.reduce(0) { $0 + ($1 ? 1 : 0) }
        return global
    }
}
