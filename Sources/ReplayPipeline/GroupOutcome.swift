import ReplaySupport
import ReplayMatching
import ReplayCache

/// What one replay group found, made ready to merge on the group's own thread: each node's
/// sightings in evidence order and the people they name in bytewise order, with their strings.
struct GroupOutcome {
    var accounts: [(Int, InputAccount)] = []
    var nodes: [NodeAccount] = []
    /// Per node: its name and its sightings in evidence order (time, file path, line, subject);
    /// once ordered, the sightings name people by their place in `named`.
    var sightings: [(String, [Sighting])] = []
    /// What the group's matchers counted of the matched requests.
    var tally = MatchTally()
    /// The group's numbering of people, kept until the merge.
    var people = ByteInterner(capacity: 16)
    /// The numbers the sightings name, in bytewise order, their first bytes as numbers (see
    /// `ByteInterner.prefixKey`) and their strings.
    var named: [Int32] = []
    var keys: [UInt64] = []
    var nextKeys: [UInt64] = []
    var names: [String] = []
    /// Per entry of `named`: whether it is some sighting's subject.
    var isSubject: [Bool] = []

    /// Sorts each node's sightings and the people they name; `fileRanks` are the inputs'
    /// places in path order.
    mutating func order(fileRanks: [Int]) {
        let people = self.people
        var used = [UInt8](repeating: 0, count: people.count)
        for (_, list) in sightings {
            for s in list {
                used[Int(s.subject)] = 2
                if used[Int(s.viewer)] == 0 { used[Int(s.viewer)] = 1 }
            }
        }
        // Sorted by their first sixteen bytes as numbers, then by all of them.
        var keyed: [(key: UInt64, next: UInt64, id: Int32)] = []
        for id in used.indices where used[id] != 0 {
            keyed.append((people.prefixKey(Int32(id)), people.prefixKey(Int32(id), from: 8), Int32(id)))
        }
        keyed.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            if a.next != b.next { return a.next < b.next }
            return people.precedes(a.id, b.id)
        }
        named = keyed.map(\.id)
        keys = keyed.map(\.key)
        nextKeys = keyed.map(\.next)
        names = named.map { people.string($0) }
        isSubject = named.map { used[Int($0)] == 2 }
        var place = [Int32](repeating: -1, count: people.count)
        for (i, id) in named.enumerated() { place[Int(id)] = Int32(i) }

        func precedes(_ a: Sighting, _ b: Sighting) -> Bool {
            if a.time != b.time { return a.time < b.time }
            let fa = fileRanks[Int(a.file)], fb = fileRanks[Int(b.file)]
            if fa != fb { return fa < fb }
            if a.line != b.line { return a.line < b.line }
            return a.subject < b.subject
        }
        for n in sightings.indices {
            for k in sightings[n].1.indices {
                sightings[n].1[k].subject = place[Int(sightings[n].1[k].subject)]
                sightings[n].1[k].viewer = place[Int(sightings[n].1[k].viewer)]
            }
            // Replayed in time order, a node's sightings are mostly in order already.
            let list = sightings[n].1
            if zip(list, list.dropFirst()).contains(where: { precedes($1, $0) }) {
                sightings[n].1.sort(by: precedes)
            }
        }
        // Kept until the merge: only the people named, in a numbering of their size. The
        // builder's numbering was made for a node's whole traffic (about 0.5 MB, most of it
        // viewers named by no sighting): 5,000 node folders kept 2.7 GB of them.
        let compact = ByteInterner(capacity: max(16, named.count))
        for id in named { people.withBytes(id) { _ = compact.intern($0) } }
        named = Array(0..<Int32(named.count))
        self.people = compact
    }
}
