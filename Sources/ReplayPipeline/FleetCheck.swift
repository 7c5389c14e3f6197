import ReplayParsing
import ReplayIncident

/// What the logs say of the fleet, against what the incident file says it is: nodes listed in
/// `log.nodes` with no file, nodes found but not listed, nodes (or a whole run) with no line,
/// and one node's files that overlap in time (several servers' logs in one folder). Each makes
/// the run incomplete: the answer would be about another fleet than the one that served.
package struct FleetCheck: Sendable {
    package var incident: Incident
    package var inputs: [InputAccount]
    package var nodes: [NodeAccount]

    /// Files of one node that overlap by more than this are not one server's rotation.
    package static let overlapAllowed: Int64 = 60_000

    package init(incident: Incident, inputs: [InputAccount], nodes: [NodeAccount]) {
        self.incident = incident
        self.inputs = inputs
        self.nodes = nodes
    }

    /// The nodes the logs come from: the nodes replayed, and under `node: dir` every folder
    /// with a file, even one with no line.
    package var found: [String] {
        var names = Set(nodes.map(\.name))
        if incident.node.isDirectory { for a in inputs { names.insert(a.folderNode) } }
        return Self.sorted(names)
    }

    static func sorted<S: Sequence>(_ names: S) -> [String] where S.Element == String {
        names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func listed(_ names: [String], _ limit: Int = 10) -> String {
        names.prefix(limit).joined(separator: ", ") + (names.count > limit ? " and \(names.count - limit) more" : "")
    }

    /// Why the fleet's logs cannot give a whole answer; empty when they can.
    package var reasons: [String] {
        var reasons: [String] = []
        if let listed = incident.nodes {
            let have = Set(found), want = Set(listed)
            let missing = Self.sorted(want.subtracting(have)), extra = Self.sorted(have.subtracting(want))
            if !missing.isEmpty {
                reasons.append("\(missing.count) node(s) listed in log.nodes have no log file: \(Self.listed(missing)); give their logs "
                               + "(a folder was left off the command line?), or take them out of log.nodes if they served nothing")
            }
            if !extra.isEmpty {
                reasons.append("\(extra.count) node(s) not listed in log.nodes have logs: \(Self.listed(extra)); list them, "
                               + "or leave their files out (another fleet's logs, or a folder named otherwise than its node?)")
            }
        }
        let lines = inputs.reduce(0) { $0 + $1.report.lines }
        if lines == 0 {
            reasons.append("the logs hold no line at all (\(Self.listed(inputs.map(\.path), 5))): they cannot cover the window; "
                           + "are these the right files?")
        } else if incident.node.isDirectory {
            let byNode = Dictionary(grouping: inputs, by: \.folderNode)
            for name in Self.sorted(byNode.keys) {
                let files = byNode[name]!
                guard files.allSatisfy({ $0.parsed == 0 }) else { continue }
                let paths = Self.listed(files.map(\.path), 5)
                reasons.append(files.allSatisfy({ $0.report.lines == 0 })
                               ? "node \(name) has no line (its files are empty: \(paths)): it cannot cover the window"
                               : "node \(name) has no line that parsed (\(paths)): it cannot cover the window")
            }
        }
        reasons += overlaps
        return reasons
    }

    /// Pairs of one node's files whose lines overlap in time by more than a minute.
    var overlaps: [String] {
        guard incident.node.isDirectory else { return [] }
        var reasons: [String] = []
        let byNode = Dictionary(grouping: inputs.filter { $0.span != nil }, by: \.folderNode)
        for name in Self.sorted(byNode.keys) {
            let files = byNode[name]!.sorted { $0.earliest != $1.earliest ? $0.earliest < $1.earliest : $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            var pairs: [(InputAccount, InputAccount, Int64)] = []
            for i in files.indices {
                for j in files.index(after: i)..<files.endIndex where files[j].earliest < files[i].latest {
                    let overlap = min(files[i].latest, files[j].latest) - files[j].earliest
                    if overlap > Self.overlapAllowed { pairs.append((files[i], files[j], overlap)) }
                }
            }
            guard let (a, b, overlap) = pairs.first else { continue }
            reasons.append("node \(name): \(a.path) and \(b.path) overlap in time by \(Self.duration(overlap))"
                           + (pairs.count > 1 ? " (and \(pairs.count - 1) more pair(s) of its files)" : "")
                           + ": one server's logs do not overlap, so these are probably several servers' logs in one folder, "
                           + "whose caches would be replayed as one; give each node's logs a folder of its own (log.node: dir), "
                           + "or log the node (log.node: $hostname)")
        }
        return reasons
    }

    package static func duration(_ ms: Int64) -> String {
        let s = ms / 1000
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
