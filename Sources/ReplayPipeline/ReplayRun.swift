import Foundation
import ReplayThreads
import ReplayReading
import ReplayIncident
import ReplayMatching
import ReplayCache

/// Runs a replay: reads every input (files of different node groups in parallel), replays each
/// node's requests against its own cache, and gathers the accounts and exposures.
package struct ReplayRun {
    package var incident: Incident
    package var window: Window
    package var jobs: Int
    package var reader: LineReader
    package var progress: ProgressCounter?

    /// Seconds spent in each phase, for `--timings`.
    package let times: PhaseTimes

    package init(incident: Incident, window: Window, jobs: Int, reader: LineReader = LineReader(), progress: ProgressCounter? = nil,
                 times: PhaseTimes = PhaseTimes()) {
        self.incident = incident
        self.window = window
        self.jobs = max(1, jobs)
        self.reader = reader
        self.progress = progress
        self.times = times
    }

    package func run(inputs: [LogInput]) throws -> ReplayResult {
        MemoryPolicy.applied
        times.mark("start")
        // 1. The first timestamp of every file orders a node's files (never their names).
        let firstTimes = try FirstTimeSink.firstTimes(of: inputs, incident: incident, window: window, reader: reader, jobs: jobs)
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
        groups = groups.map { FirstTimeSink.order($0, inputs: inputs, firstTimes: firstTimes) }
        // 3. Replay the groups in parallel, the largest first (so that no large group is left
        //    to run alone at the end); the order changes nothing in the results.
        let sizes = inputs.map { Int((try? $0.location.stat().size) ?? 0) }
        groups.sort { a, b in
            let sa = a.reduce(0) { $0 + sizes[$1] }, sb = b.reduce(0) { $0 + sizes[$1] }
            return sa != sb ? sa > sb : a.first ?? 0 < b.first ?? 0
        }
        // Parsing threads per group: twice the cores each group that runs at once has (at least
        // two, at most 64), so that a core is not left idle while a thread waits on a queue.
        let parsers = min(64, max(2, 2 * jobs / max(1, min(jobs, groups.count))))
        var fileRanks = [Int](repeating: 0, count: inputs.count)
        for (rank, index) in inputs.indices.sorted(by: { inputs[$0].path.utf8.lexicographicallyPrecedes(inputs[$1].path.utf8) }).enumerated() {
            fileRanks[index] = rank
        }
        var outcomes = try Parallel.map(groups.count, jobs: jobs) { [groups, fileRanks] g -> GroupOutcome in
            var outcome = try replayGroup(groups[g], inputs: inputs, parsers: parsers)
            outcome.order(fileRanks: fileRanks)
            return outcome
        }
        times.mark("replay")
        var accounts = [InputAccount?](repeating: nil, count: inputs.count)
        var nodes: [NodeAccount] = []
        var tally = MatchTally(rules: incident.rules.count)
        for outcome in outcomes {
            tally.add(outcome.tally)
            for (index, account) in outcome.accounts { accounts[index] = account }
            nodes += outcome.nodes
        }
        nodes.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let nodeIndex = Dictionary(nodes.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let merged = ExposureMerge(&outcomes, nodeIndex: nodeIndex, fileRanks: fileRanks)
        var result = ReplayResult(incident: incident, window: window,
                                  inputs: accounts.enumerated().map { $0.element ?? inputs[$0.offset].account },
                                  nodes: nodes, exposures: merged.exposures, people: merged.people, subjectCount: merged.subjects,
                                  viewerCount: merged.viewers, tally: tally)
        result.separatePossible()
        try result.joinDirectory()
        times.mark("merge and sort")
        return result
    }

    private func replayGroup(_ files: [Int], inputs: [LogInput], parsers: Int) throws -> GroupOutcome {
        let pipeline = FilePipeline(reader: reader,
                                    matchers: try (0..<parsers).map { _ in try RequestMatcher(incident: incident, window: window) },
                                    byVariable: !incident.node.isDirectory)
        let builder = RequestBuilder(incident: incident)
        var nodes = NodeTable(window: window, reorder: incident.reorder, coverage: Coverage(window: window, incident: incident), lists: builder.lists,
                              uncertainty: Uncertainty(incident: incident), ruleWindows: incident.rules.map { $0.window ?? window },
                              viewerRules: incident.rules.map { if case .viewer = $0.subject { return true } else { return false } })
        var outcome = GroupOutcome()
        let numbering = RequestNumbering(builder: builder)
        for index in files {
            let ledger = MemberLedger()
            var sink = ReplaySink(window: window, nodes: nodes, byVariable: !incident.node.isDirectory,
                                  folderNode: inputs[index].folderNode, account: inputs[index].account,
                                  ledger: ledger, progress: progress)
            numbering.file = index
            let report = pipeline.run(path: inputs[index].location, ledger: ledger, numbering: numbering) { sink.apply($0) }
            sink.finish(report)
            nodes = sink.nodes
            outcome.accounts.append((index, sink.account))
        }
        outcome.people = builder.people
        for matcher in pipeline.matchers { outcome.tally.add(matcher.tally) }
        for node in nodes.all.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            node.finish()
            let first = node.firstTime == .max ? nil : node.firstTime
            let possible = ((first ?? .max) > window.start ? node.counts.unresolvedFromWindowStart : 0) + node.counts.possiblyExposingFromHoles
            var account = NodeAccount(name: node.name, counts: node.counts, firstTime: first,
                                      lastTime: node.lastTime == .min ? nil : node.lastTime, silences: node.silences,
                                      possiblyExposing: possible)
            account.keysExposingAtEnd = node.keysExposingAtEnd
            account.holes = node.holes
            account.gapEdges = node.silenceDetector.edges
            account.largestGap = max(node.silenceDetector.largestGap, node.silenceDetector.edges.start, node.silenceDetector.edges.end)
            account.lastExposure = node.lastExposure == .min ? nil : node.lastExposure
            outcome.nodes.append(account)
            // Two lists of the node, each in order: sorting them is a merge.
            let (decided, served) = node.takeSightings()
            outcome.sightings.append((node.name, decided))
            if !served.isEmpty { outcome.sightings.append((node.name, served)) }
        }
        return outcome
    }
}
