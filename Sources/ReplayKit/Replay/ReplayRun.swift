import Foundation

/// Runs a replay: reads every input (files of different node groups in parallel), replays each
/// node's requests against its own cache, and gathers the accounts and exposures.
public struct ReplayRun {
    public var incident: Incident
    public var window: Window
    public var jobs: Int
    public var reader: LineReader
    public var progress: ProgressCounter?

    public init(incident: Incident, window: Window, jobs: Int, reader: LineReader = LineReader(), progress: ProgressCounter? = nil) {
        self.incident = incident
        self.window = window
        self.jobs = max(1, jobs)
        self.reader = reader
        self.progress = progress
    }

    /// Seconds spent in each phase of the last run, for `--timings`.
    public var times = PhaseTimes()

    public func run(inputs: [LogInput]) throws -> ReplayResult {
        times.mark("start")
        // 1. The first timestamp of every file orders a node's files (never their names).
        let firstTimes = try Parallel.map(inputs.count, jobs: jobs) { i -> Int64? in
            var sink = FirstTimeSink(matcher: try RequestMatcher(incident: incident, window: window))
            _ = reader.read(path: inputs[i].location, into: &sink)
            return sink.firstTime
        }
        times.mark("first timestamps")
        // 2. Groups of files replayed in one stream: a folder per node, or all files when the
        //    node is a logged variable.
        var groups: [[Int]] = []
        switch incident.node {
        case .directory:
            let byNode = Dictionary(grouping: inputs.indices, by: { inputs[$0].folderNode })
            groups = byNode.keys.sorted().map { byNode[$0]! }
        case .variable:
            groups = inputs.isEmpty ? [] : [Array(inputs.indices)]
        }
        groups = groups.map { members in
            members.sorted { a, b in
                let ta = firstTimes[a] ?? .max, tb = firstTimes[b] ?? .max
                return ta != tb ? ta < tb : inputs[a].path.utf8.lexicographicallyPrecedes(inputs[b].path.utf8)
            }
        }
        // 3. Replay the groups in parallel, the largest first (so that no large group is left
        //    to run alone at the end); the order changes nothing in the results.
        let sizes = inputs.map { (try? FileManager.default.attributesOfItem(atPath: $0.location)[.size] as? Int) ?? 0 }
        groups.sort { a, b in
            let sa = a.reduce(0) { $0 + sizes[$1] }, sb = b.reduce(0) { $0 + sizes[$1] }
            return sa != sb ? sa > sb : a.first ?? 0 < b.first ?? 0
        }
        // Parsing threads per group: twice the cores each group that runs at once has (at least
        // two), so that a core is not left idle while a thread waits on a queue.
        let parsers = max(2, 2 * jobs / max(1, min(jobs, groups.count)))
        var outcomes = try Parallel.map(groups.count, jobs: jobs) { g -> GroupOutcome in
            try replayGroup(groups[g], inputs: inputs, parsers: parsers)
        }
        times.mark("replay")
        var accounts = [InputAccount?](repeating: nil, count: inputs.count)
        var nodes: [NodeAccount] = []
        for outcome in outcomes {
            for (index, account) in outcome.accounts { accounts[index] = account }
            nodes += outcome.nodes
        }
        var fileRanks = [Int](repeating: 0, count: inputs.count)
        for (rank, index) in inputs.indices.sorted(by: { inputs[$0].path.utf8.lexicographicallyPrecedes(inputs[$1].path.utf8) }).enumerated() {
            fileRanks[index] = rank
        }
        let exposures = Self.exposures(of: &outcomes, fileRanks: fileRanks)
        nodes.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        times.mark("merge and sort")
        return ReplayResult(incident: incident, window: window,
                            inputs: accounts.enumerated().map { $0.element ?? InputAccount(path: inputs[$0.offset].path) },
                            nodes: nodes, exposures: exposures)
    }

    struct GroupOutcome {
        var accounts: [(Int, InputAccount)] = []
        var nodes: [NodeAccount] = []
        /// Per node: its name and what it found, in the group's numbering of people.
        var sightings: [(String, [Sighting])] = []
        var people = ByteInterner(capacity: 16)
    }

    /// The groups' sightings as exposures in evidence order (time, file path, line, subject),
    /// with one numbering of people for the whole run and subjects ranked in bytewise order.
    static func exposures(of outcomes: inout [GroupOutcome], fileRanks: [Int]) -> [Exposure] {
        let people = ByteInterner(capacity: 1 << 14)
        var global: [[Int32]] = []
        var isSubject: [Bool] = []
        for g in outcomes.indices {
            let outcome = outcomes[g]
            var map = [Int32](repeating: -1, count: outcome.people.count)
            for (_, list) in outcome.sightings {
                for s in list {
                    for local in [s.subject, s.viewer] where map[Int(local)] < 0 {
                        map[Int(local)] = outcome.people.withBytes(local) { people.intern($0) }
                    }
                    let g = Int(map[Int(s.subject)])
                    if g >= isSubject.count { isSubject += Array(repeating: false, count: g + 1 - isSubject.count + 1024) }
                    isSubject[g] = true
                }
            }
            global.append(map)
            // The group's numbering is not needed any more: free it before the big arrays come.
            outcomes[g].people = ByteInterner(capacity: 16)
        }
        let subjects = (0..<people.count).filter { $0 < isSubject.count && isSubject[$0] }
        let ordered = subjects.sorted { a, b in
            people.withBytes(Int32(a)) { pa in people.withBytes(Int32(b)) { pb in pa.lexicographicallyPrecedes(pb) } }
        }
        var rank = [Int32](repeating: -1, count: people.count)
        for (r, id) in ordered.enumerated() { rank[id] = Int32(r) }

        // Sort small keys, then build the exposures in that order.
        struct Key {
            var time: Int64
            var file: Int32
            var subject: Int32
            var line: Int
            var group: Int32
            var node: Int32
            var index: Int32
        }
        var keys: [Key] = []
        keys.reserveCapacity(outcomes.reduce(0) { $0 + $1.sightings.reduce(0) { $0 + $1.1.count } })
        for (g, outcome) in outcomes.enumerated() {
            for (n, (_, list)) in outcome.sightings.enumerated() {
                for (i, s) in list.enumerated() {
                    keys.append(Key(time: s.time, file: Int32(fileRanks[Int(s.file)]), subject: rank[Int(global[g][Int(s.subject)])],
                                    line: s.line, group: Int32(g), node: Int32(n), index: Int32(i)))
                }
            }
        }
        keys.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.file != b.file { return a.file < b.file }
            if a.line != b.line { return a.line < b.line }
            return a.subject < b.subject
        }
        return keys.map { k in
            let (node, list) = outcomes[Int(k.group)].sightings[Int(k.node)]
            let s = list[Int(k.index)]
            let map = global[Int(k.group)]
            let subject = map[Int(s.subject)], viewer = map[Int(s.viewer)]
            return Exposure(time: s.time, node: node, rule: Int(s.rule), subject: people.string(subject), viewer: people.string(viewer),
                            file: Int(s.file), line: s.line, fromCache: s.fromCache, renderedAt: s.renderedAt,
                            subjectRank: Int(k.subject), viewerNumber: Int(viewer))
        }
    }

    private func replayGroup(_ files: [Int], inputs: [LogInput], parsers: Int) throws -> GroupOutcome {
        let pipeline = FilePipeline(reader: reader,
                                    matchers: try (0..<parsers).map { _ in try RequestMatcher(incident: incident, window: window) },
                                    byVariable: incident.node != .directory)
        let builder = RequestBuilder(incident: incident)
        var nodes = NodeTable(window: window, reorder: incident.reorder)
        var outcome = GroupOutcome()
        var sequence = 0
        for index in files {
            var sink = ReplaySink(builder: builder, window: window, nodes: nodes, file: index,
                                  byVariable: incident.node != .directory, folderNode: inputs[index].folderNode,
                                  account: InputAccount(path: inputs[index].path), sequence: sequence, progress: progress)
            let report = pipeline.run(path: inputs[index].location) { sink.apply($0) }
            sink.account.report = report
            sequence = sink.sequence
            nodes = sink.nodes
            outcome.accounts.append((index, sink.account))
        }
        outcome.people = builder.people
        for node in nodes.all {
            node.finish()
            let first = node.firstTime == .max ? nil : node.firstTime
            let possible = (first ?? .max) > window.start ? node.counts.unresolvedFromWindowStart : 0
            outcome.nodes.append(NodeAccount(name: node.name, counts: node.counts, firstTime: first, possiblyExposing: possible))
            outcome.sightings.append((node.name, node.sightings))
        }
        return outcome
    }
}
