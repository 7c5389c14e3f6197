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
        // The lists one after another, with their first sixteen bytes as two numbers.
        var starts: [Int] = [0]
        var flatNamed: [Int32] = [], flatKeys: [UInt64] = [], flatNextKeys: [UInt64] = []
        for o in outcomes {
            flatNamed += o.named
            flatKeys += o.keys
            flatNextKeys += o.nextKeys
            starts.append(flatNamed.count)
        }
        let base = starts, named = flatNamed, keys = flatKeys, nextKeys = flatNextKeys
        let interners = outcomes.map(\.people)
        func compare(_ x: Int, _ gx: Int, _ y: Int, _ gy: Int) -> Int {
            if keys[x] != keys[y] { return keys[x] < keys[y] ? -1 : 1 }
            if nextKeys[x] != nextKeys[y] { return nextKeys[x] < nextKeys[y] ? -1 : 1 }
            return interners[gx].withBytes(named[x]) { a in interners[gy].withBytes(named[y]) { b in Bytes.compare(a, b) } }
        }
        // Each entry's number, and per number the entry that names it first.
        var number = [Int32](repeating: -1, count: named.count)
        var firstEntry: [(group: Int, index: Int)] = []
        var last = (flat: -1, group: -1)
        KWayMerge.merge(counts: outcomes.map(\.named.count), compare: { a, i, b, j in compare(base[a] + i, a, base[b] + j, b) }, emit: { g, i in
            let x = base[g] + i
            if last.flat < 0 || compare(last.flat, last.group, x, g) != 0 { firstEntry.append((g, i)) }
            number[x] = Int32(firstEntry.count - 1)
            last = (x, g)
        })
        var isSubject = [Bool](repeating: false, count: firstEntry.count)
        var global: [[Int32]] = []
        for (g, o) in outcomes.enumerated() {
            var map = [Int32](repeating: -1, count: o.people.count)
            for i in o.named.indices {
                let n = number[base[g] + i]
                map[Int(o.named[i])] = n
                if o.isSubject[i] { isSubject[Int(n)] = true }
            }
            global.append(map)
        }
        people = firstEntry.map { outcomes[$0.group].names[$0.index] }
        subjects = isSubject.reduce(0) { $0 + ($1 ? 1 : 0) }
        for g in outcomes.indices {
            outcomes[g].people = ByteInterner(capacity: 16)
            outcomes[g].names = []
        }
        return global
    }
}
