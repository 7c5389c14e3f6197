import ReplaySupport
import ReplayThreads
import ReplayCache

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
    /// place in the run's nodes, `fileRanks` each input's place in path order. People are
    /// numbered on one thread while the exposures are merged on another: within a group a
    /// person's place is in bytewise order too, so the merge needs no run-wide numbers.
    init(_ outcomes: inout [GroupOutcome], nodeIndex: [String: Int], fileRanks: [Int]) {
        var fileGroup = [Int](repeating: 0, count: fileRanks.count)
        var lists: [(node: Int32, sightings: [Sighting])] = []
        for g in outcomes.indices {
            for (index, _) in outcomes[g].accounts { fileGroup[index] = g }
            for (name, list) in outcomes[g].sightings { lists.append((Int32(nodeIndex[name] ?? 0), list)) }
            outcomes[g].sightings = []
        }
        // The exposures are made and sorted on another thread while this one numbers people.
        let handed = Locked(lists)
        lists = []
        let sorted = Parallel.aside { [fileRanks] in Self.sortedExposures(handed.update { l in defer { l = [] }; return l }, fileRanks: fileRanks) }
        var names: [String] = [], subjectCount = 0
        let numbered = Self.numberPeople(&outcomes, people: &names, subjects: &subjectCount)
        var all = sorted.wait()
        // From places in a group to the run's numbers (a file belongs to one group).
        var viewerSeen = [Bool](repeating: false, count: names.count)
        numbered.numbers.withUnsafeBufferPointer { numbers in
            for i in all.indices {
                let start = numbered.starts[fileGroup[Int(all[i].file)]]
                all[i].subject = numbers[start + Int(all[i].subject)]
                let viewer = numbers[start + Int(all[i].viewer)]
                all[i].viewer = viewer
                if !viewerSeen[Int(viewer)] {
                    viewerSeen[Int(viewer)] = true
                    viewers += 1
                }
            }
        }
        exposures = all
        people = names
        subjects = subjectCount
    }

    /// The nodes' sightings as exposures, in evidence order.
    private static func sortedExposures(_ lists: consuming [(node: Int32, sightings: [Sighting])], fileRanks: [Int]) -> [Exposure] {
        var lists = lists
        var all: [Exposure] = []
        all.reserveCapacity(lists.reduce(0) { $0 + $1.sightings.count })
        for i in lists.indices {
            let node = lists[i].node
            for s in lists[i].sightings {
                all.append(Exposure(time: s.time, renderedAt: s.renderedAt, line: s.line, subject: s.subject, viewer: s.viewer,
                                    rule: s.rule, file: s.file, node: node, fromCache: s.fromCache,
                                    candidates: s.candidates))
            }
            // Each list goes as soon as it is copied: with every list kept until the sort, the
            // sightings, the exposures and the sort's room were the run's peak of memory.
            lists[i].sightings = []
        }
        // The nodes' lists are each in order already: the sort merges runs.
        all.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            let fa = fileRanks[Int(a.file)], fb = fileRanks[Int(b.file)]
            if fa != fb { return fa < fb }
            if a.line != b.line { return a.line < b.line }
            return a.subject < b.subject
        }
        return all
    }

    /// Numbers the groups' people in one bytewise order (a k-way merge of the groups' sorted
    /// lists; the same bytes, one number): returns each group's people's numbers by their
    /// place, the groups one after another, and where each group's begin.
    private static func numberPeople(_ outcomes: inout [GroupOutcome], people: inout [String], subjects: inout Int)
        -> (numbers: [Int32], starts: [Int]) {
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
        for (g, o) in outcomes.enumerated() {
            for i in o.named.indices where o.isSubject[i] { isSubject[Int(number[base[g] + i])] = true }
        }
        people = firstEntry.map { outcomes[$0.group].names[$0.index] }
        subjects = isSubject.reduce(0) { $0 + ($1 ? 1 : 0) }
        for g in outcomes.indices {
            outcomes[g].people = ByteInterner(capacity: 16)
            outcomes[g].names = []
        }
        return (number, base)
    }
}
