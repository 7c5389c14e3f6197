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
    public final class PhaseTimes: @unchecked Sendable {
        public var phases: [(String, Double)] = []
        private var last = DispatchTime.now()
        public init() {}
        public func mark(_ name: String) {
            let now = DispatchTime.now()
            phases.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
            last = now
        }
    }

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
        // 3. Replay the groups in parallel.
        let outcomes = try Parallel.map(groups.count, jobs: jobs) { g -> GroupOutcome in
            try replayGroup(groups[g], inputs: inputs)
        }
        times.mark("replay")
        var accounts = [InputAccount?](repeating: nil, count: inputs.count)
        var nodes: [NodeAccount] = []
        var exposures: [Exposure] = []
        for outcome in outcomes {
            for (index, account) in outcome.accounts { accounts[index] = account }
            nodes += outcome.nodes
            exposures += outcome.exposures
        }
        let paths = inputs.map(\.path)
        exposures.sort(by: Exposure.evidenceOrder(paths: paths))
        nodes.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        times.mark("merge and sort")
        return ReplayResult(incident: incident, window: window,
                            inputs: accounts.enumerated().map { $0.element ?? InputAccount(path: inputs[$0.offset].path) },
                            nodes: nodes, exposures: exposures)
    }

    struct GroupOutcome {
        var accounts: [(Int, InputAccount)] = []
        var nodes: [NodeAccount] = []
        var exposures: [Exposure] = []
    }

    private func replayGroup(_ files: [Int], inputs: [LogInput]) throws -> GroupOutcome {
        let matcher = try RequestMatcher(incident: incident, window: window, people: ByteInterner(capacity: 1 << 14),
                                         keys: ByteInterner(capacity: 1 << 14))
        var nodes = NodeTable(window: window, reorder: incident.reorder)
        var outcome = GroupOutcome()
        var sequence = 0
        for index in files {
            var sink = ReplaySink(matcher: matcher, window: window, nodes: nodes, file: index,
                                  byVariable: incident.node != .directory, folderNode: inputs[index].folderNode,
                                  account: InputAccount(path: inputs[index].path), sequence: sequence, progress: progress)
            let report = reader.read(path: inputs[index].location, into: &sink)
            sink.flushProgress()
            sink.account.report = report
            sequence = sink.sequence
            nodes = sink.nodes
            outcome.accounts.append((index, sink.account))
        }
        for node in nodes.all {
            node.finish()
            let first = node.firstTime == .max ? nil : node.firstTime
            let possible = (first ?? .max) > window.start ? node.counts.unresolvedFromWindowStart : 0
            outcome.nodes.append(NodeAccount(name: node.name, counts: node.counts, firstTime: first, possiblyExposing: possible))
            let people = matcher.people
            outcome.exposures += node.sightings.map { s in
                Exposure(time: s.time, node: node.name, rule: Int(s.rule), subject: people.string(s.subject),
                         viewer: people.string(s.viewer), file: Int(s.file), line: s.line, fromCache: s.fromCache,
                         renderedAt: s.renderedAt)
            }
        }
        return outcome
    }
}
