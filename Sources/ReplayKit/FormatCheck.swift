import ReplaySupport
import ReplayThreads
import ReplayReading
import ReplayParsing
import ReplayIncident
import ReplayMatching
import ReplayCache
import ReplayPipeline

/// `replay check`: reads the logs against the incident file without replaying — a dry run an
/// engineer trusts before the real one. Per file, lines parsed and rejected with the first
/// reasons; per variable of the pattern, values present and absent and the shapes seen; per
/// rule, requests matched; each cache status with its count and class; each node's coverage.
/// By default it reads the first `budget` bytes (decompressed) of each node.
package struct FormatCheck {
    package var incident: Incident
    package var jobs: Int
    package var reader: LineReader
    /// The window for coverage and matching, when given.
    package var window: Window?
    /// Decompressed bytes read per node at the most (nil: everything).
    package var budget: Int?
    /// Parsed lines to keep as `name=value` text (`--show N`): log content, shown only when asked.
    package var show = 0

    package init(incident: Incident, jobs: Int, reader: LineReader = LineReader(), window: Window? = nil, budget: Int? = nil) {
        self.incident = incident
        self.jobs = max(1, jobs)
        self.reader = reader
        self.window = window
        self.budget = budget
    }

    /// What the check found.
    package struct Report: Sendable {
        package var files: [InputAccount] = []
        /// Per pattern field: its variable, values present and absent, and the shapes seen.
        package var variables: [VariableTally] = []
        package var matchedByRule: [Int] = []
        /// What the matchers counted: requests per rule inside its window, paths near a rule
        /// that matched nothing, statuses no list names.
        package var tally = MatchTally()
        /// The rules that matched no request inside their window or cache tail in what was read.
        package var silentRules: [SilentRule] = []
        /// Every cache status value of the matched requests, with its count and class.
        package var statuses: [(value: String, count: Int, role: String)] = []
        package var nodes: [NodeSpan] = []
        /// Whether every node was read to its end.
        package var full = true
        /// Up to `show` parsed lines, as `name=value` text.
        package var shown: [String] = []
        /// What the logs leave open about stores (SPEC §3.7).
        package var stores = StoreTally()
        /// Lines more than a minute behind their node's newest line: late with the default
        /// `log.reorder` (said when the incident file raises it above 5 minutes).
        package var lateAtAMinute = 0
    }

    /// Stored-status lines and the cache deliveries that depend on their stores.
    package struct StoreTally: Sendable {
        /// Stored-status (and background-update) lines: all, those whose store the logs cannot
        /// decide (`stores: uncertain`, no `not_stored` condition holds), those declined.
        package var stored = 0
        package var undecided = 0
        package var declined = 0
        /// Cache deliveries, and those that depend on an undecided store: answers from an entry
        /// that may be old (not a fresh HIT) after an undecided store of their key.
        package var deliveries = 0
        package var afterUndecided = 0

        mutating func add(_ o: StoreTally) {
            stored += o.stored; undecided += o.undecided; declined += o.declined
            deliveries += o.deliveries; afterUndecided += o.afterUndecided
        }
    }

    /// What one pattern variable's values looked like.
    package struct VariableTally: Sendable {
        package var name: String
        package var present = 0
        package var absent = 0
        /// How many values of each shape (`shapeNames`), counted per line without allocating.
        var shapeCounts = [Int](repeating: 0, count: 5)
        static let shapeNames = ["number", "decimal", "address", "word", "text"]

        /// How many values of each shape: number, decimal, address, word (no space), text.
        package var shapes: [String: Int] {
            Dictionary(uniqueKeysWithValues: zip(Self.shapeNames, shapeCounts).filter { $0.1 > 0 })
        }

        mutating func add(_ v: UnsafeRawBufferPointer) {
            if v.isEmpty || (v.count == 1 && v[0] == 0x2D) {
                absent += 1
                return
            }
            present += 1
            shapeCounts[Self.shape(of: v)] += 1
        }

        mutating func add(_ other: VariableTally) {
            present += other.present
            absent += other.absent
            for i in shapeCounts.indices { shapeCounts[i] += other.shapeCounts[i] }
        }

        /// The index in `shapeNames` of a value's shape: one pass gathering the bytes'
        /// classes, a second only to count points and colons.
        static func shape(of v: UnsafeRawBufferPointer) -> Int {
            typealias C = ByteClass
            let t = C.table
            var seen: UInt16 = 0
            var unclassed = false
            for b in v {
                let c = t[Int(b)]
                seen |= c
                unclassed = unclassed || c == 0
            }
            if seen & C.space != 0 { return 4 }
            if unclassed { return 3 }
            if seen & ~C.digit == 0 { return 0 }
            if seen & ~(C.digit | C.point) == 0 { return v.filter { $0 == 0x2E }.count == 1 ? 1 : 3 }
            if seen & ~(C.digit | C.hexLetter | C.point | C.colon) == 0 {
                let points = v.filter { $0 == 0x2E }.count, colons = v.filter { $0 == 0x3A }.count
                return points == 3 || colons >= 2 ? 2 : 3
            }
            return 3
        }
    }

    /// A node's lines as read: first and last time, silences, and what that covers.
    package struct NodeSpan: Sendable {
        package var name: String
        package var first: Int64?
        package var last: Int64?
        package var silences: [Coverage.Silence] = []
        /// The longest silence the node's traffic allows at its end (`log.gap` when set).
        package var gap: Int64?
        /// The longest silence over a minute in the span, counted or not, with its threshold.
        package var longest: Coverage.Silence?
        package var bytesRead = 0
        /// Why it does not cover the window (nil when it does, or no window was given).
        package var shortfall: String?
    }

    struct Sink: LineSink {
        let matcher: RequestMatcher
        let window: Window?
        let coverage: Coverage?
        let showLimit: Int
        let budgetLeft: Int
        var account: InputAccount
        var variables: [VariableTally]
        var statuses = ValueTally()
        var statusRoles: [[UInt8]: CacheStatusClass] = [:]
        var first: Int64?
        var last: Int64?
        /// The node's silences, measured against its traffic, across its files in order.
        var silenceDetector: SilenceDetector?
        var bytes = 0
        var shown: [String] = []
        var stores = StoreTally()
        /// The node's newest line so far, and the lines more than a minute behind it.
        var newest = Int64.min
        var lateAtAMinute = 0
        /// Keys with an undecided store among the lines read.
        private var undecidedKeys: Set<[UInt8]> = []
        private var arena: [UInt8] = []

        init(matcher: RequestMatcher, window: Window?, coverage: Coverage?, showLimit: Int, budgetLeft: Int, account: InputAccount) {
            self.matcher = matcher
            self.window = window
            self.coverage = coverage
            self.showLimit = showLimit
            self.budgetLeft = budgetLeft
            self.account = account
            variables = matcher.fieldNames.map { VariableTally(name: $0) }
        }

        mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
            self.bytes += bytes.count + 1
            if let rejection = matcher.read(bytes) {
                account.reject(line: number, because: rejection)
                return
            }
            account.parsed += 1
            let time = matcher.time
            if account.firstTime == nil { account.firstTime = time }
            if time < account.earliest { account.earliest = time }
            if time > account.latest { account.latest = time }
            if newest != .min && time < newest - 60_000 { lateAtAMinute += 1 }
            if time > newest { newest = time }
            if first.map({ time < $0 }) ?? true { first = time }
            silenceDetector?.observe(time)
            if last.map({ time > $0 }) ?? true { last = time }
            if window?.contains(time) ?? false { account.inWindow += 1 }
            for k in variables.indices { variables[k].add(matcher.fieldValue(k, bytes)) }
            if shown.count < showLimit { shown.append(matcher.describe(bytes)) }
            arena.removeAll(keepingCapacity: true)
            if let m = matcher.match(bytes, arena: &arena) {
                account.matched(rule: Int(m.rule), viewerRead: !m.viewer.isNone, anonymous: m.anonymous)
                count(m)
                if let status = matcher.cacheStatusValue(bytes) {
                    let known = statuses.values.count
                    statuses.count(status)
                    if statuses.values.count > known { statusRoles[Array(status)] = m.cacheStatus }
                }
            }
        }

        /// A matched request's part in the stores the logs cannot decide.
        private mutating func count(_ m: MatchedRequest) {
            let key = m.key.isNone ? nil : m.key.withBytes(in: arena) { Array($0) }
            if (m.cacheStatus == .served || m.cacheStatus == .refresh) && !m.head {
                stores.deliveries += 1
                // A fresh hit after a miss proves a store; a stale answer does not.
                if !m.timing.fresh, let key, undecidedKeys.contains(key) { stores.afterUndecided += 1 }
            }
            switch m.timing.store {
            case .none: break
            case .certain: stores.stored += 1
            case .declined: stores.stored += 1; stores.declined += 1
            case .maybe:
                stores.stored += 1
                stores.undecided += 1
                if let key { undecidedKeys.insert(key) }
            }
        }

        mutating func oversizedLine(number: Int, length: Int) {
            bytes += length + 1
            account.reject(line: number, because: .oversized(length: length))
        }

        var isDone: Bool { bytes >= budgetLeft }
    }

    package func run(inputs: [LogInput]) throws -> Report {
        // Files by node (folder, or all together when the node is a logged variable), each
        // node's in path order; nodes read in parallel.
        let byNode: [String: [Int]] = incident.node.isDirectory
            ? Dictionary(grouping: inputs.indices, by: { inputs[$0].folderNode })
            : [incident.node.variableName.map { "$" + $0 } ?? "all": Array(inputs.indices)]
        let names = byNode.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let given = window
        let coverage = window.map { Coverage(window: $0, incident: incident) }
        let window = self.window ?? Window(start: .min, end: .max)
        // Each node's files in the order the run replays them (by first timestamp), so that a
        // line late behind the node's newest is counted as the run would find it.
        let firstTimes = try FirstTimeSink.firstTimes(of: inputs, incident: incident, window: window, reader: reader, jobs: jobs)
        let perNode = try Parallel.map(names.count, jobs: jobs) { n -> (NodeSpan, [(Int, Sink)], Bool) in
            var span = NodeSpan(name: names[n])
            var sinks: [(Int, Sink)] = []
            var full = true
            var newest = Int64.min
            var detector = coverage.map(SilenceDetector.init(coverage:))
            for index in FirstTimeSink.order(byNode[names[n]]!, inputs: inputs, firstTimes: firstTimes) {
                let left = budget.map { $0 - span.bytesRead } ?? .max
                var sink = Sink(matcher: try RequestMatcher(incident: incident, window: window), window: given, coverage: coverage,
                                showLimit: show, budgetLeft: max(0, left), account: inputs[index].account)
                sink.newest = newest
                sink.silenceDetector = detector
                defer {
                    newest = max(newest, sink.newest)
                    detector = sink.silenceDetector
                }
                guard left > 0 else { full = false; sinks.append((index, sink)); continue }
                sink.account.report = reader.read(path: inputs[index].location, into: &sink)
                if sink.isDone { full = false }
                span.bytesRead += sink.bytes
                sinks.append((index, sink))
            }
            // The node's span: its files' lines in the run's order, silences between them included.
            for s in sinks.map(\.1) where s.first != nil {
                span.first = min(span.first ?? .max, s.first!)
                span.last = max(span.last ?? .min, s.last!)
            }
            if let coverage, let detector {
                span.silences = detector.silences
                span.gap = detector.edges.end
                span.longest = detector.longest
                span.shortfall = coverage.shortfall(first: span.first, last: span.last, silences: span.silences, edges: detector.edges)
            }
            return (span, sinks, full)
        }
        var report = Report()
        report.matchedByRule = Array(repeating: 0, count: incident.rules.count)
        var files = [InputAccount?](repeating: nil, count: inputs.count)
        var variables: [VariableTally]?
        var statuses = ValueTally()
        var roles: [[UInt8]: CacheStatusClass] = [:]
        for (span, sinks, full) in perNode {
            report.nodes.append(span)
            report.full = report.full && full
            for (index, sink) in sinks {
                files[index] = sink.account
                for (i, c) in sink.account.matchedByRule.enumerated() where i < report.matchedByRule.count { report.matchedByRule[i] += c }
                if variables == nil { variables = sink.variables } else {
                    for k in variables!.indices { variables![k].add(sink.variables[k]) }
                }
                statuses.add(sink.statuses)
                report.tally.add(sink.matcher.tally)
                report.stores.add(sink.stores)
                report.lateAtAMinute += sink.lateAtAMinute
                roles.merge(sink.statusRoles) { a, _ in a }
                report.shown += sink.shown.prefix(max(0, show - report.shown.count))
            }
        }
        report.silentRules = SilentRule.all(in: report.tally, rules: incident.rules)
        report.files = files.enumerated().map { $0.element ?? inputs[$0.offset].account }
        report.variables = variables ?? []
        report.statuses = zip(statuses.values, statuses.counts).map { value, count in
            let role: String
            switch roles[value] ?? .origin {
            case .served: role = "served from the cache"
            case .stored: role = "rendered and stored"
            case .refresh: role = "served, and re-rendered in the background"
            case .origin: role = "rendered, not stored"
            }
            let text = IdText.escaped(value)
            if let cache = incident.cache, !cache.lists(text.uppercased()) {
                switch CacheStatusMeaning.of(text) {
                case nil: return (text, count, "UNKNOWN: not a status nginx logs, and in no list of cache (the run will be incomplete)")
                case .origin?: return (text, count, role + " (nginx's meaning)")
                case _?: return (text, count, role + " (nginx's meaning; in no list of cache: a warning)")
                }
            }
            return (text, count, role)
        }.sorted { $0.count > $1.count }
        return report
    }
}
