import ReplayParsing
import ReplayIncident
import ReplayMatching
import ReplayCache

/// Everything a run found, before it is written out.
package struct ReplayResult: Sendable {
    package var incident: Incident
    package var window: Window
    /// Per input, in the order given (`LogInput.collect` sorts them by path).
    package var inputs: [InputAccount]
    /// Per node, sorted by name.
    package var nodes: [NodeAccount]
    /// In evidence order (time, file, line, subject).
    package var exposures: [Exposure]
    /// The people the exposures name, by their numbers there (in bytewise order).
    package var people: [String]
    /// Distinct subjects and viewers among the exposures.
    package var subjectCount: Int
    package var viewerCount: Int
    /// The possible pairs (SPEC §3.7), in evidence order; `exposures` holds the confirmed ones.
    package var possibleExposures: [Exposure] = []
    /// What the matchers counted of the matched requests (for warnings).
    var tally = MatchTally()
    /// The directory's rows of the affected and possibly affected subjects (`joinDirectory`).
    package var directoryJoin = Directory.Join()

    init(incident: Incident, window: Window, inputs: [InputAccount], nodes: [NodeAccount], exposures: [Exposure],
         people: [String], subjectCount: Int, viewerCount: Int, tally: MatchTally) {
        self.incident = incident
        self.window = window
        self.inputs = inputs
        self.nodes = nodes
        self.exposures = exposures
        self.people = people
        self.subjectCount = subjectCount
        self.viewerCount = viewerCount
        self.tally = tally
    }

    /// Moves the possible pairs out of `exposures` (keeping both in evidence order) and counts
    /// the confirmed ones' distinct subjects and viewers again.
    mutating func separatePossible() {
        guard exposures.contains(where: { $0.candidates > 0 }) else { return }
        possibleExposures = exposures.filter { $0.candidates > 0 }
        exposures.removeAll { $0.candidates > 0 }
        var subject = [Bool](repeating: false, count: people.count), viewer = subject
        subjectCount = 0
        viewerCount = 0
        for e in exposures {
            if !subject[Int(e.subject)] { subject[Int(e.subject)] = true; subjectCount += 1 }
            if !viewer[Int(e.viewer)] { viewer[Int(e.viewer)] = true; viewerCount += 1 }
        }
    }

    /// What the run assumed to bound the possible pairs (SPEC §3.7), in words.
    package var assumptions: [String] {
        var list = ["every request of a node is logged, but in its holes (a damaged member, late lines, a silence counted against "
                    + "coverage), where any key may have stored a render the logs do not show",
                    "a silence shorter than the one allowed (log.gap, or measured against the node's traffic) had no traffic"]
        if incident.spans {
            list.append("each request lasted its $request_time" + (incident.storeTimes ? ", and stored at its start plus $upstream_response_time" : ""))
        } else if incident.maxRequest == 0 {
            list.append("every request was an instant at its line's time (log.max_request: 0)")
        } else {
            list.append("no request lasted longer than log.max_request (\(incident.maxRequest) ms)")
        }
        if let cache = incident.cache {
            list.append(cache.lock ? "proxy_cache_lock was on (cache.lock: true)" : "proxy_cache_lock was off (cache.lock: false)")
            list.append(cache.storesCertain ? "nothing but cache.not_stored declined a store (cache.stores: certain)"
                        : "a MISS or EXPIRED may not have been stored (cache.stores: uncertain)")
            list.append("no Vary on the rules' pages unless cache.key holds the header it varies on")
        }
        return list
    }

    /// Requests matched per rule.
    package var matchedByRule: [Int] { tally.byRule }

    /// The rules that matched no request inside their window or cache tail.
    package var silentRules: [SilentRule] { SilentRule.all(in: tally, rules: incident.rules) }

    package var totals: NodeCounts {
        nodes.reduce(into: NodeCounts()) { $0.add($1.counts) }
    }

    /// The span each node's logs must cover.
    package var coverage: Coverage { Coverage(window: window, incident: incident) }

    /// Joins the directory's rows onto the subjects of the confirmed and possible pairs, once,
    /// before anything is written: a subject the directory gives two different rows makes the
    /// run incomplete (`incompleteness`), and every output then uses the same rows.
    package mutating func joinDirectory() throws {
        guard let directory = incident.directory else { return }
        // Marks by number first: hashing a String per exposure (750 k on the bench) cost more
        // than the join itself.
        var marked = [Bool](repeating: false, count: people.count)
        for e in exposures { marked[Int(e.subject)] = true }
        for e in possibleExposures { marked[Int(e.subject)] = true }
        var subjects = Set<String>()
        for (i, isSubject) in marked.enumerated() where isSubject { subjects.insert(people[i]) }
        directoryJoin = try directory.join(subjects)
    }

    /// Why the run is incomplete; empty when it is complete.
    package var incompleteness: [String] {
        var reasons: [String] = []
        if !directoryJoin.duplicates.isEmpty, let directory = incident.directory {
            let lines = directoryJoin.duplicates.prefix(5).map { "lines \($0.first) and \($0.other)" }.joined(separator: "; ")
            reasons.append("directory-duplicate: \(directory.path) gives \(directoryJoin.duplicates.count) affected or possibly affected "
                           + "subject(s) two different rows (\(lines)\(directoryJoin.duplicates.count > 5 ? "; …" : "")): the notification "
                           + "list cannot tell which is the person's; make each id's row one")
        }
        let lines = inputs.reduce(0) { $0 + $1.report.lines }
        if lines > 0 && inputs.allSatisfy({ $0.inWindow == 0 }) {
            reasons.append("no line of any log falls inside the window \(window.text.isEmpty ? "" : "(\(window.text)) ")"
                           + "— is the window (its date, its year, its offset) right? the logs run from "
                           + "\(nodes.compactMap(\.firstTime).min().map { CivilTime.format(milliseconds: $0) } ?? "?") to "
                           + "\(nodes.compactMap(\.lastTime).max().map { CivilTime.format(milliseconds: $0) } ?? "?")")
        }
        reasons += FleetCheck(incident: incident, inputs: inputs, nodes: nodes).reasons
        let forgotten = totals.forgottenStores
        if forgotten > 0 {
            reasons.append("\(forgotten) undecided stores of busy keys were forgotten (more than 64 per key that no fresh hit proved): "
                           + "a delivery may have served one; set cache.max_age, or log what decides stores (cache.not_stored, stores: certain)")
        }
        for node in nodes where node.firstTime != nil || !incident.node.isDirectory {
            if let short = coverage.shortfall(first: node.firstTime, last: node.lastTime, silences: node.silences, edges: node.gapEdges) {
                reasons.append("node \(node.name) does not cover the window: \(short)")
            }
        }
        if case .directory(let levels, false) = incident.node {
            let dated = nodes.map(\.name).filter(NodeSource.looksLikeDate)
            if !dated.isEmpty {
                reasons.append("node names look like dates or hours (\(dated.prefix(3).joined(separator: ", "))): the logs' folders are "
                               + "probably per day or hour, not per node, and nodes may be merged; write `node: dir:\(levels + 1)` to take "
                               + "the folder above, or `node: dir:1` to accept these names")
            }
        }
        let broken = inputs.filter { !$0.report.isComplete }.count
        if broken > 0 { reasons.append("\(broken) input file(s) could not be read to the end") }
        let unverified = inputs.reduce(0) { $0 + $1.report.unverifiedLines }
        if unverified > 0 { reasons.append("\(unverified) line(s) of damaged gzip members not replayed (unverified)") }
        let rejected = inputs.reduce(0) { $0 + $1.rejected }
        if rejected > 0 {
            let share = lines > 0 ? rejected * 100 / lines : 0
            reasons.append("\(rejected) line(s) rejected" + (share >= 50
                ? " (\(share)% of all): the log pattern does not fit the logs; `replay check` shows where"
                : "; `replay check` shows which and why"))
            // The files that are mostly rejected are the cause: name them, with their first reason.
            let mostly = inputs.filter { $0.report.lines > 0 && $0.rejected * 2 > $0.report.lines }
            for a in mostly.prefix(3) {
                reasons.append("\(a.path): \(a.rejected * 100 / a.report.lines)% of its lines rejected"
                               + (a.rejections.first.map { " (line \($0.line): \($0.reason))" } ?? "")
                               + ": is it an access log written by this pattern (not an error.log)?")
            }
            if mostly.count > 3 { reasons.append("\(mostly.count - 3) more file(s) with most of their lines rejected") }
        }
        let late = totals.lateLines
        if late > 0 { reasons.append("\(late) line(s) later than log.reorder behind their node's newest line") }
        for silent in silentRules where !silent.rule.mayMatchNothing { reasons.append(silent.message()) }
        for (value, n) in tally.unlisted.entries where CacheStatusMeaning.of(value) == nil {
            reasons.append("cache status \(value) (\(n) matched requests) is not one nginx logs, and no list of cache names it: replay cannot "
                           + "tell whether it was served or stored; add it to cache.served, cache.stored or cache.refresh")
        }
        if tally.unlisted.others > 0 {
            reasons.append("\(tally.unlisted.others) matched requests have other cache statuses that no list of cache names; "
                           + "`replay check` lists them")
        }
        for node in nodes where node.keysExposingAtEnd > 0 {
            reasons.append("node \(node.name)'s cache still held exposing renders under \(node.keysExposingAtEnd) key(s) when its logs end "
                           + "(\(node.lastTime.map { CivilTime.format(milliseconds: $0) } ?? "?"); its last exposure "
                           + "\(node.lastExposure.map { CivilTime.format(milliseconds: $0) } ?? "none")): nothing bounds how long they were "
                           + "served after; give the node's later logs, or set cache.max_age (the longest an entry was served)")
        }
        let possible = nodes.reduce(0) { $0 + $1.possiblyExposing }
        if possible > 0 {
            let holes = totals.possiblyExposingFromHoles
            reasons.append("\(possible) cache deliveries whose render is not in the logs may have exposed data ("
                           + (holes == 0 ? "their node's logs begin after the window's start"
                              : holes == possible ? "a hole in their node's logs (a damaged member, late lines or a silence) may have stored it"
                              : "their node's logs begin after the window's start, or a hole in them may have stored it") + ")")
        }
        return reasons
    }

    package var isComplete: Bool { incompleteness.isEmpty }

    /// What a user should look at, though the answer stands: printed on stderr and kept in
    /// summary.json. They do not make a run incomplete.
    package var warnings: [String] {
        var warnings: [String] = []
        for a in inputs where !a.otherPaths.isEmpty {
            warnings.append("\(a.path) was also given as \(a.otherPaths.joined(separator: ", ")): the same file, read once")
        }
        let byDigest = Dictionary(grouping: inputs.filter { !$0.report.sha256.isEmpty }, by: \.report.sha256)
        for (_, same) in byDigest where same.count > 1 {
            let paths = same.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            warnings.append("\(paths.joined(separator: " and ")) have the same content (SHA-256) but are different files: "
                            + "a copy given twice counts its exposures twice")
        }
        for silent in silentRules where silent.rule.mayMatchNothing { warnings.append(silent.message() + " (may_match_nothing)") }
        for (value, n) in tally.unlisted.entries {
            guard let meaning = CacheStatusMeaning.of(value), meaning != .origin else { continue }
            warnings.append("cache status \(value) (\(n) matched requests) is in no list of cache (served, stored, refresh): "
                            + "taken as nginx means it (\(CacheStatusMeaning.describe(meaning)))")
        }
        let read = tally.viewersRead, absent = tally.viewersAbsent
        if read >= 10 && absent * 2 > read {
            warnings.append("the viewer (\(incident.viewer.source)) is absent (- or empty) in \(absent * 100 / read)% of the matched requests "
                            + "whose viewer counts: each is an anonymous viewer told apart by \(incident.anonymous.source); is `viewer` the right variable?")
        }
        return warnings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
