import ReplayIncident
import ReplaySupport

/// Replays one cache node: its requests in time order against its own cache, turning
/// deliveries of exposing renders into sightings (exposures in interned numbers).
package final class NodeReplay {
    package let name: String
    private let window: Window
    private var buffer: ReorderBuffer
    private let lists: SubjectLists
    /// The stored render per interned cache key.
    private var cache: [Render?] = []
    /// The earliest and the latest time of any of the node's lines.
    package private(set) var firstTime = Int64.max
    package private(set) var lastTime = Int64.min
    /// The silences that count against coverage, measured against the node's traffic.
    package private(set) var silenceDetector: SilenceDetector
    package var silences: [Coverage.Silence] { silenceDetector.silences }
    package private(set) var counts = NodeCounts()
    /// Where requests may be missing from the replay: each leaves the cache uncertain after it.
    private var holeList = HoleList()
    package var holes: [Hole] { holeList.all }
    /// Per rule, whether its subject is the viewer (a hole's render of its page shows someone
    /// the logs cannot name).
    private let viewerRules: [Bool]
    /// The sightings of deliveries decided when they were replayed, in replay order.
    package private(set) var decidedSightings: [Sighting] = []
    /// The sightings of cache deliveries that waited for their candidates (SPEC §3.7), in the
    /// order they were decided: their own time order. Kept apart from `decidedSightings`, so
    /// that each list stays in order and sorting them is a merge of two runs.
    package private(set) var servedSightings: [Sighting] = []
    /// Both lists, one after the other.
    package var sightings: [Sighting] { decidedSightings + servedSightings }

    /// The state to go back to while a gzip member's lines are replayed before its check.
    private var checkpoint: NodeCheckpoint?
    /// While a checkpoint is held: the stored render each key had before it, once per key.
    private var journal: [(key: Int32, render: Render?)] = []
    /// Per key, the checkpoint generation that journaled it.
    private var journaled: [UInt32] = []
    private var generation: UInt32 = 0

    // Where the logs leave stores and times open (SPEC §3.7; unused when `uncertainty.exact`).
    private let uncertainty: Uncertainty
    /// Per interned key, the stores and misses a delivery still to come may need.
    private var history = KeyHistoryTable()
    /// Cache deliveries waiting until every store that may precede their lookup is replayed.
    private var pending: [PendingDelivery] = []
    private var pendingHead = 0
    /// Requests replayed so far (their order), and the newest line time replayed.
    private var replayed: Int64 = 0
    private var clock = Int64.min
    /// The latest lookup decided so far: a store logged later that may precede it is late.
    private var decidedUpTo = Int64.min
    /// While a checkpoint is held, what a roll-back needs of the keys' histories (events made
    /// since are told by their order): the keys changed since (each history keeps its flags
    /// then, stamped with the checkpoint's generation), and the events made before it that
    /// were proved or dropped since. A few bytes per key changed, nothing copied.
    private var undoKeys: [Int32] = []
    private var undoProved: [(key: Int32, order: Int64)] = []
    private var undoDropped: [(key: Int32, event: KeyHistory.Event)] = []
    /// Events dropped by the last prune (reused).
    private var dropped: [KeyHistory.Event] = []
    private var savedGeneral: (pending: [PendingDelivery], replayed: Int64, clock: Int64, decidedUpTo: Int64)?
    /// `savedGeneral`'s `replayed` as a plain number (`.max` without a checkpoint): read at
    /// every store, where reading the optional tuple took a reference to its list.
    private var checkpointOrder = Int64.max
    /// The keys of the stores a look-ahead run showed: their histories are being fetched, and
    /// the arrays of busy ones are read next, before the first of the run is replayed.
    private var aheadKeys: [Int32] = []
    /// The candidates of the delivery being served (reused).
    private var found: [Int] = []
    /// Per subject the candidates show: how many, the latest render's time and rule (reused).
    private var shown: [(subject: Int32, count: Int, latest: Int64, rule: Int32)] = []
    /// `shown`'s places by subject, once it holds many (a page of a table with many subjects).
    private var shownIndex: [Int32: Int] = [:]

    /// The place of `subject` in `shown`: searched in turn while it is short, else indexed.
    private func shownSlot(of subject: Int32) -> Int? {
        if shown.count <= 32 { return shown.firstIndex { $0.subject == subject } }
        for j in shownIndex.count..<shown.count { shownIndex[shown[j].subject] = j }
        return shownIndex[subject]
    }

    /// Per rule, its bug window's bounds (its own, else the run's): a render is exposing in its
    /// rule's. Plain numbers: a `Window` (which keeps its text) was retained and released at
    /// every request.
    private let ruleBounds: [(start: Int64, end: Int64)]

    init(name: String, window: Window, reorder: Int64, coverage: Coverage, lists: SubjectLists, uncertainty: Uncertainty = .none,
         ruleWindows: [Window] = [], viewerRules: [Bool] = []) {
        self.name = name
        self.viewerRules = viewerRules
        self.window = window
        ruleBounds = ruleWindows.map { ($0.start, $0.end) }
        silenceDetector = SilenceDetector(coverage: coverage)
        self.lists = lists
        self.uncertainty = uncertainty
        buffer = ReorderBuffer(allowance: reorder)
    }

    /// Notes any line of the node; returns false (and counts it) when it is late.
    @inline(__always)
    package func observe(_ time: Int64) -> Bool {
        // A lost member's hole reaches at least its own newest line.
        if holeList.isOpen { holeList.close(at: max(time, lostUpTo)) }
        if time < firstTime { firstTime = time }
        if time > lastTime { lastTime = time }
        let silences = silenceDetector.silences.count
        silenceDetector.observe(time)
        if silenceDetector.silences.count > silences, let silence = silenceDetector.silences.last {
            holeList.add(from: silence.from, to: silence.to, cause: .silence)
        }
        if buffer.isLate(time) {
            counts.lateLines += 1
            return false
        }
        buffer.observe(time)
        return true
    }

    /// Takes a matched request of a line already observed. A late one is replayed at once.
    package func accept(_ request: Request, late: Bool) {
        counts.requests += 1
        if request.isOrigin && !inRuleWindow(request.rule, request.time) {
            // Neither stored nor exposing: it changes nothing but the counts, in any order.
            counts.renders += 1
            if !request.head { counts.deliveries += 1 }
            return
        }
        if late {
            // Replayed now, after lines logged later: what replay made of its key since its time
            // is uncertain from here on (its own delivery is decided first, against what it can
            // be sure of).
            replay(request)
            holeList.add(from: request.time, to: max(buffer.newest - buffer.allowance, request.time), cause: .lateLine)
        } else {
            buffer.push(request)
            buffer.release(replay, lookAhead: lookAhead)
        }
    }

    /// The end of the node's logs. The cache and the keys' histories are let go of: only the
    /// counts and the sightings are read from here on, and the group's other nodes (and the
    /// other groups) still replay.
    package func finish() {
        buffer.drain(replay, lookAhead: lookAhead)
        if !uncertainty.exact { decide(upTo: .max) }
        if holeList.isOpen { holeList.close(at: lostUpTo) }
        if uncertainty.maxAge == nil { keysExposingAtEnd = countKeysExposingAtEnd() }
        lastExposure = max(decidedSightings.last?.time ?? .min, servedSightings.last?.time ?? .min)
        cache = []
        journaled = []
        history = KeyHistoryTable()
        pending = []
        pendingHead = 0
        aheadKeys = []
    }

    /// Keys whose cache entry, or one of whose candidates, was still an exposing render when
    /// the node's logs ended (counted without `cache.max_age` only: nothing then bounds how
    /// long the cache went on serving them). Set by `finish`.
    package private(set) var keysExposingAtEnd = 0
    /// The time of the node's last exposure (`.min` when none). Set by `finish`.
    package private(set) var lastExposure = Int64.min
    /// The newest line of a rolled-back member: where its hole ends if no line follows.
    private var lostUpTo = Int64.min

    private func countKeysExposingAtEnd() -> Int {
        func shows(_ render: Render) -> Bool {
            guard render.exposing else { return false }
            if case .none = render.subjects { return false }
            return true
        }
        var keys = 0
        if uncertainty.exact {
            for case let render? in cache where shows(render) { keys += 1 }
        } else {
            history.forEach { h in
                let events = h.pointee.events
                for i in 0..<events.count where events[i].stores && shows(events[i].render) {
                    keys += 1
                    return
                }
            }
        }
        return keys
    }

    /// Gives up both lists (after `finish`), each copied to its size: the lists have room to
    /// grow, which would be kept until the group's sightings are merged, and the node's own
    /// go at once instead of when the group ends.
    package func takeSightings() -> (decided: [Sighting], served: [Sighting]) {
        func trimmed(_ list: [Sighting]) -> [Sighting] {
            var copy: [Sighting] = []
            copy.reserveCapacity(list.count)
            copy.append(contentsOf: list)
            return copy
        }
        defer {
            decidedSightings = []
            servedSightings = []
        }
        return (trimmed(decidedSightings), trimmed(servedSightings))
    }

    private func replay(_ r: Request) {
        guard uncertainty.exact else { return replayWithCandidates(r) }
        switch r.cacheStatus {
        case .served, .refresh:
            if !r.head {
                counts.deliveries += 1
                counts.cacheDeliveries += 1
                let stored = stored(r.key)
                if let stored, stored.time > r.time {
                    // A late line's lookup after a store logged later than it: it served an
                    // older render, which the exact cache no longer holds.
                    servedOvertaken(r)
                    return
                }
                let hole = holeList.isEmpty ? nil : unknownRender(r, lookupLo: r.time, lookupHi: r.time, shield: stored?.time ?? .min)
                if let stored, hole == nil {
                    deliver(stored, to: r, fromCache: true)
                } else {
                    if stored == nil {
                        counts.unresolved += 1
                        if r.time >= window.start { counts.unresolvedFromWindowStart += 1 }
                    }
                    if let hole {
                        shown.removeAll(keepingCapacity: true)
                        shownIndex.removeAll(keepingCapacity: true)
                        if let stored { show(stored, to: r) }
                        servePossible(r, total: stored == nil ? 1 : 2, hole: hole, cause: .hole, waited: false)
                    }
                }
            }
            if r.isRefresh {
                counts.renders += 1
                store(render(of: r), at: r.key)
            }
        case .origin, .stored:
            let made = renderAndDeliver(r)
            if r.isStored { store(made, at: r.key) }
        }
    }

    @inline(__always)
    private func stored(_ key: Int32) -> Render? {
        key >= 0 && Int(key) < cache.count ? cache[Int(key)] : nil
    }

    @inline(__always)
    private func store(_ render: Render, at key: Int32) {
        guard key >= 0 else { return }
        if Int(key) >= cache.count {
            let grown = max(Int(key) + 1 - cache.count, cache.count)
            cache += Array(repeating: nil, count: grown)
            journaled += Array(repeating: 0, count: grown)
        }
        // A late line's store does not replace one logged after it: that one was stored last.
        if let newer = cache[Int(key)], newer.time > render.time { return }
        if checkpoint != nil { journal(key) }
        cache[Int(key)] = render
    }

    /// Keeps the render `key` had when the checkpoint was taken (the first store only).
    @inline(__always)
    private func journal(_ key: Int32) {
        guard journaled[Int(key)] != generation else { return }
        journaled[Int(key)] = generation
        journal.append((key, cache[Int(key)]))
    }

    /// From here on, everything can be undone by `rollBack` until `commit`.
    func takeCheckpoint() {
        generation &+= 1
        if generation == 0 {
            journaled = Array(repeating: 0, count: journaled.count)
            history.forEach { $0.pointee.undo.stamp = 0 }
            generation = 1
        }
        journal.removeAll(keepingCapacity: true)
        clearUndo()
        if !uncertainty.exact {
            savedGeneral = (Array(pending[pendingHead...]), replayed, clock, decidedUpTo)
            checkpointOrder = replayed
        }
        checkpoint = NodeCheckpoint(buffer: buffer, firstTime: firstTime, lastTime: lastTime, silenceDetector: silenceDetector, holes: holeList,
                                    counts: counts, sightings: decidedSightings.count, served: servedSightings.count)
    }

    /// What was replayed since the checkpoint stands.
    func commit() {
        checkpoint = nil
        journal.removeAll(keepingCapacity: true)
        clearUndo()
        savedGeneral = nil
        checkpointOrder = .max
    }

    /// Undoes everything since the checkpoint: the cache, the held requests, the counts and
    /// the sightings are as they were.
    func rollBack() {
        guard let saved = checkpoint else { return }
        for entry in journal.reversed() { cache[Int(entry.key)] = entry.render }
        if let general = savedGeneral {
            let proved = Dictionary(grouping: undoProved, by: \.key)
            let dropped = Dictionary(grouping: undoDropped, by: \.key)
            for key in undoKeys {
                let h = history[Int(key)]
                h.pointee.rollBack(after: general.replayed, flags: h.pointee.undo.flags, proved: proved[key]?.map(\.order) ?? [],
                                   dropped: dropped[key]?.map(\.event) ?? [])
            }
            pending = general.pending
            pendingHead = 0
            replayed = general.replayed
            clock = general.clock
            decidedUpTo = general.decidedUpTo
        }
        let lostNewest = lastTime
        buffer = saved.buffer
        firstTime = saved.firstTime
        lastTime = saved.lastTime
        silenceDetector = saved.silenceDetector
        holeList = saved.holes
        markLinesLost(upTo: lostNewest)
        counts = saved.counts
        decidedSightings.removeSubrange(saved.sightings...)
        servedSightings.removeSubrange(saved.served...)
        commit()
    }

    /// The lines that came after the node's present state are lost (a rolled-back member's):
    /// a hole from the oldest line not yet replayed to the next line replayed (or, when none
    /// comes, `newest`, the lost lines' newest).
    func markLinesLost(upTo newest: Int64) {
        holeList.open(from: buffer.newest == .min ? .min : buffer.newest - buffer.allowance, cause: .damagedMember)
        lostUpTo = max(lostUpTo, newest)
    }

    /// Whether `time` is in rule `rule`'s bug window (its own, else the run's).
    @inline(__always)
    private func inRuleWindow(_ rule: Int32, _ time: Int64) -> Bool {
        let bounds = Int(rule) < ruleBounds.count ? ruleBounds[Int(rule)] : (start: window.start, end: window.end)
        return time >= bounds.start && time < bounds.end
    }

    /// A render of the origin's, delivered to its own requester (not for HEAD).
    @inline(__always)
    private func renderAndDeliver(_ r: Request) -> Render {
        counts.renders += 1
        let made = render(of: r)
        if !r.head {
            counts.deliveries += 1
            deliver(made, to: r, fromCache: false)
        }
        return made
    }

    @inline(__always)
    private func render(of r: Request) -> Render {
        let exposing = inRuleWindow(r.rule, r.time)
        return Render(time: r.time, rule: r.rule, exposing: exposing, subjects: exposing ? r.subjects : .none)
    }

    @inline(__always)
    private func deliver(_ render: Render, to r: Request, fromCache: Bool, waited: Bool = false) {
        guard render.exposing else { return }
        lists.forEach(render.subjects) { subject in
            guard subject != r.viewer else { return }
            counts.exposures += 1
            let sighting = Sighting(time: r.time, rule: render.rule, subject: subject, viewer: r.viewer,
                                    file: r.file, line: r.line, fromCache: fromCache, renderedAt: render.time)
            if waited { servedSightings.append(sighting) } else { decidedSightings.append(sighting) }
        }
    }

    // MARK: Candidates (SPEC §3.7)

    /// A request replayed where the logs leave stores or times open: a cache delivery waits
    /// until every store that may precede its lookup is known, then serves its candidates.
    private func replayWithCandidates(_ r: Request) {
        if !aheadKeys.isEmpty { prefetchSpills() }
        replayed += 1
        let order = replayed
        if r.time > clock {
            clock = r.time
            decide(upTo: clock - uncertainty.horizon)
        }
        let stores = r.key >= 0 && r.mayStore
        if r.isOrigin && !stores {
            // Neither looked up nor stored (BYPASS, an uncached page): its moments are not needed.
            _ = renderAndDeliver(r)
            return
        }
        let (lookup, store) = moments(of: r, order: order)
        if stores && store.lo.time < decidedUpTo {
            // A store that may precede a lookup already decided: it lasted longer than the
            // horizon allows, and the deliveries decided since did not see it.
            counts.lateLines += 1
            holeList.add(from: store.lo.time, to: decidedUpTo, cause: .lateLine)
        }
        switch r.cacheStatus {
        case .served, .refresh:
            if !r.head {
                counts.deliveries += 1
                counts.cacheDeliveries += 1
                pending.append(PendingDelivery(request: r, order: order, lookup: lookup))
            }
            if r.isRefresh {
                counts.renders += 1
                record(r, render: render(of: r), lookup: lookup, store: store, order: order)
            }
        case .origin, .stored:
            let made = renderAndDeliver(r)
            if r.isStored { record(r, render: made, lookup: lookup, store: store, order: order) }
        }
    }

    /// When a request's lookup and its store may have happened (SPEC §3.7): with spans, a
    /// lookup at the start (anywhere in the span with the lock) and a store at the start plus
    /// the upstream time (anywhere in the span without it); without, anywhere in the
    /// `max_request` before the line.
    ///
    /// Logged times are milliseconds, from clocks each worker reads once per event loop: two
    /// events of different requests in the same millisecond are not ordered (only instants,
    /// `max_request: 0` without spans, keep log order, as rule 3 says). The upstream answer
    /// begins after the request, so the store is at or after start plus the upstream time, and
    /// at the latest when the line is written.
    private func moments(of r: Request, order: Int64) -> (lookup: Interval, store: Interval) {
        let end = r.time
        if uncertainty.spans && r.timing.took >= 0 {
            let start = end - Int64(r.timing.took)
            let lookup = uncertainty.lock && !r.isStored
                ? Interval(lo: .start(of: start), hi: .end(of: end)) : Interval(lo: .start(of: start), hi: .end(of: start))
            // The upstream answer ends $upstream_response_time after the upstream request began,
            // which is right after the request's start unless it waited on the lock: a
            // millisecond's slack for the clocks' rounding, the whole span with the lock.
            let answered = min(end, start + Int64(r.timing.upstream))
            let store = r.timing.upstream >= 0
                ? Interval(lo: .start(of: answered), hi: .end(of: uncertainty.lock ? end : min(end, answered + 1)))
                : Interval(lo: .start(of: start), hi: .end(of: end))
            return (lookup, store)
        }
        let longest = uncertainty.spans ? uncertainty.horizon : uncertainty.maxRequest
        guard longest > 0 else {
            return (.at(Moment(time: end, order: 2 * order)), .at(Moment(time: end, order: 2 * order + 1)))
        }
        let span = Interval(lo: .start(of: end - longest), hi: .end(of: end))
        return (span, span)
    }

    /// A stored-status (or refresh) line: its lookup found no fresh entry, and its render may
    /// be stored.
    private func record(_ r: Request, render: Render, lookup: Interval, store: Interval, order: Int64) {
        guard r.key >= 0 else { return }
        let k = Int(r.key)
        history.include(k)
        journalHistory(k)
        // A background update's own response is not logged (its status, its headers): it may
        // not have been cacheable (a redirect for an anonymous viewer, a cookie), so it may not
        // have replaced the entry. Seen on nginx: STALE answers served a page long after other
        // STALE requests' updates.
        var certain = r.storesCertainly && !r.isRefresh
        if certain && uncertainty.lock {
            // With proxy_cache_lock, a miss that came while another request of its key was
            // fetching may have waited out the lock's timeout, and then nginx does not store.
            certain = !history[k].pointee.fetching(during: lookup)
        }
        // Every lookup still to decide begins at most a horizon before its line, and the oldest
        // waiting line is the first waiting delivery's (or this one).
        let oldest = pendingHead < pending.count ? min(clock, pending[pendingHead].request.time) : clock
        let keepFrom = checkpointOrder
        let event = KeyHistory.Event(render: render, lookup: lookup, store: store, stores: !r.declinesStore,
                                     certain: certain, order: order)
        let earliest = Moment.start(of: oldest - uncertainty.horizon - 1)
        // One access to the key's history: added, then pruned.
        let forgotten = history[k].pointee.add(event, thenPruneBefore: earliest, maxAge: uncertainty.maxAge, keepFrom: keepFrom, dropped: &dropped)
        if forgotten > 0 { counts.forgottenStores += forgotten }
        if !dropped.isEmpty {
            for e in dropped { undoDropped.append((Int32(k), e)) }
            dropped.removeAll(keepingCapacity: true)
        }
    }

    /// Notes, at key `k`'s first change since the checkpoint, what a roll-back needs of it.
    private func journalHistory(_ k: Int) {
        // In the history itself, not in tables of their own: the history is being read anyway,
        // and the tables cost two more cache misses per store.
        let h = history[k]
        guard checkpointOrder != .max, h.pointee.undo.stamp != generation else { return }
        h.pointee.undo = KeyHistory.Undo(stamp: generation, flags: h.pointee.flags)
        undoKeys.append(Int32(k))
    }

    private func clearUndo() {
        undoKeys.removeAll(keepingCapacity: true)
        undoProved.removeAll(keepingCapacity: true)
        undoDropped.removeAll(keepingCapacity: true)
    }

    /// Decides the waiting deliveries whose lookups end before `time`.
    private func decide(upTo time: Int64) {
        var due = pendingHead
        while due < pending.count, pending[due].lookup.hi.time < time { due += 1 }
        if due - pendingHead > 1 { lookAhead(pendingHead..<due) }
        while pendingHead < due {
            pendingHead += 1
            decidedUpTo = max(decidedUpTo, pending[pendingHead - 1].lookup.hi.time)
            serve(pendingHead - 1)
        }
        // Only the deliveries of the last horizon wait: the decided ones are dropped as soon as
        // they are most of the list, so it stays a few thousand long (its room kept).
        if pendingHead > 4_096 && pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
    }

    /// Asks for each due delivery's key history, before any is served: the misses overlap
    /// instead of each delivery waiting for its own (a cache miss was most of a delivery's time
    /// on the one-file bench).
    private func lookAhead(_ range: Range<Int>) {
        pending.withUnsafeBufferPointer { pending in
            for i in range { prefetch(historyOf: Int(pending[i].request.key)) }
            // Then the arrays of the busy keys (more than two events), which only the
            // histories point to: by now the histories are coming.
            for i in range {
                let k = Int(pending[i].request.key)
                if k >= 0 && k < history.count { KeyHistory.prefetchSpill(of: history[k]) }
            }
        }
    }

    /// The second step of a release's look-ahead: the arrays of the busy keys among the stores
    /// the run showed (a miss on one was most of what adding an event cost).
    private func prefetchSpills() {
        for key in aheadKeys where Int(key) < history.count { KeyHistory.prefetchSpill(of: history[Int(key)]) }
        aheadKeys.removeAll(keepingCapacity: true)
    }

    /// Asks, ahead of its turn, for what a request released soon will read and write of its key
    /// (`ReorderBuffer.release` shows a run of them at once): the stored render and its journal
    /// stamp, or the key's history for a store of the candidate replay. A cache delivery of
    /// the candidate replay asks for its history when it is decided (above).
    @inline(__always)
    private func lookAhead(_ r: Request) {
        let k = Int(r.key)
        guard k >= 0 else { return }
        if uncertainty.exact {
            guard k < cache.count else { return }
            cache.withUnsafeBufferPointer { Prefetch.line(at: $0.baseAddress! + k) }
            if checkpoint != nil && !r.isOrigin { journaled.withUnsafeBufferPointer { Prefetch.line(at: $0.baseAddress! + k) } }
        } else if r.isStored || r.isRefresh {
            prefetch(historyOf: k)
            aheadKeys.append(r.key)
        }
    }

    /// Asks for each cache line of key `k`'s history (none for a key without one).
    @inline(__always)
    private func prefetch(historyOf k: Int) {
        guard k >= 0 && k < history.count else { return }
        let entry = UnsafeRawPointer(history[k])
        let size = MemoryLayout<KeyHistory>.size
        for offset in Swift.stride(from: 0, to: size, by: 64) { Prefetch.line(at: entry + offset) }
        Prefetch.line(at: entry + size - 1)
    }

    /// Serves a delivery its candidates: a pair is confirmed when every candidate shows the
    /// subject and is exposing, possible when only some do.
    private func serve(_ index: Int) {
        let r = pending[index].request
        let order = pending[index].order
        let k = Int(r.key)
        guard r.key >= 0, k < history.count else { return unresolved(r) }
        let lookup = pending[index].lookup
        // The key's history is read where it lies: a copy took a reference to its events (and
        // moving it out and back copied it twice).
        let proved = serve(r, order: order, lookup: lookup, from: history[k])
        if let i = proved {
            // A fresh hit whose one candidate may not have stored: it did.
            journalHistory(k)
            let h = history[k]
            if h.pointee.events[i].order <= checkpointOrder && checkpointOrder != .max { undoProved.append((Int32(k), h.pointee.events[i].order)) }
            h.pointee.prove(i)
        }
    }

    /// Serves delivery `r` from the key's history `h`; returns the event it proved stored.
    private func serve(_ r: Request, order: Int64, lookup: Interval, from key: UnsafeMutablePointer<KeyHistory>) -> Int? {
        let unknown = key.pointee.candidates(lookup: lookup, fresh: r.timing.fresh, own: order, assumeCertain: false, into: &found)
        let hole = holeList.isEmpty ? nil
            : unknownRender(r, lookupLo: lookup.lo.time, lookupHi: lookup.hi.time,
                            shield: key.pointee.shield(before: lookup, fresh: r.timing.fresh, own: order))
        guard !found.isEmpty else {
            unresolved(r)
            if let hole {
                shown.removeAll(keepingCapacity: true)
                shownIndex.removeAll(keepingCapacity: true)
                servePossible(r, total: 1, hole: hole, cause: .hole, waited: true)
            }
            return nil
        }
        if let hole {
            // A render a hole may have stored is one more candidate: nothing is confirmed.
            shown.removeAll(keepingCapacity: true)
            shownIndex.removeAll(keepingCapacity: true)
            for i in found { show(key.pointee.events[i].render, to: r) }
            servePossible(r, total: found.count + 1, hole: hole, cause: .hole, waited: true)
            return nil
        }
        if found.count == 1 && !unknown {
            let i = found[0]
            deliver(key.pointee.events[i].render, to: r, fromCache: true, waited: true)
            return r.timing.fresh && !key.pointee.events[i].certain ? i : nil
        }
        // Several candidates, or one the logs may not show: per subject, how many show it
        // (few subjects: a list searched in turn, in a buffer reused from delivery to delivery).
        let total = found.count + (unknown ? 1 : 0)
        shown.removeAll(keepingCapacity: true)
        shownIndex.removeAll(keepingCapacity: true)
        for i in found { show(key.pointee.events[i].render, to: r) }
        guard !shown.isEmpty else { return nil }
        shown.sort { $0.subject < $1.subject }
        let cause = possibleCause(r, lookup: lookup, order: order, key)
        for s in shown {
            let subject = s.subject
            let confirmed = s.count == total
            if confirmed { counts.exposures += 1 } else {
                counts.possible += 1
                switch cause {
                case .stores: counts.possibleFromStores += 1
                case .lock: counts.possibleFromLock += 1
                case .time: counts.possibleFromTime += 1
                case .hole: counts.possibleFromHole += 1
                }
            }
            servedSightings.append(Sighting(time: r.time, rule: s.rule, subject: subject, viewer: r.viewer, file: r.file, line: r.line,
                                            fromCache: true, renderedAt: s.latest, candidates: confirmed ? 0 : UInt16(min(total, Int(UInt16.max)))))
        }
        return nil
    }

    /// Adds what a candidate render shows to `shown`: per subject, how many candidates show
    /// it, and the latest one's time and rule.
    private func show(_ render: Render, to r: Request) {
        guard render.exposing else { return }
        lists.forEach(render.subjects) { subject in
            guard subject != r.viewer else { return }
            if let j = shownSlot(of: subject) {
                shown[j].count += 1
                if render.time >= shown[j].latest {
                    shown[j].latest = render.time
                    shown[j].rule = render.rule
                }
            } else {
                shown.append((subject, 1, render.time, render.rule))
            }
        }
    }

    /// A late delivery whose key holds a render stored after its lookup: it served an older
    /// render the exact cache no longer holds (unresolved); if its page's window began by then,
    /// that render may have been exposing, as a hole's (path and table pages list the subjects
    /// the request names as possible; a viewer page's delivery is possibly exposing).
    private func servedOvertaken(_ r: Request) {
        counts.unresolved += 1
        if r.time >= window.start { counts.unresolvedFromWindowStart += 1 }
        let bounds = Int(r.rule) < ruleBounds.count ? ruleBounds[Int(r.rule)] : (start: window.start, end: window.end)
        var exposingAt = r.time >= bounds.start ? min(r.time, bounds.end - 1) : Int64.min
        if !holeList.isEmpty, let hole = unknownRender(r, lookupLo: r.time, lookupHi: r.time, shield: .min) { exposingAt = max(exposingAt, hole) }
        shown.removeAll(keepingCapacity: true)
        shownIndex.removeAll(keepingCapacity: true)
        servePossible(r, total: 1, hole: exposingAt, cause: .hole, waited: false)
    }

    /// What a hole may have put under delivery `r`'s key (`HoleList.unknownRender`).
    private func unknownRender(_ r: Request, lookupLo: Int64, lookupHi: Int64, shield: Int64) -> Int64? {
        let bounds = Int(r.rule) < ruleBounds.count ? ruleBounds[Int(r.rule)] : (start: window.start, end: window.end)
        let oldest = uncertainty.maxAge.map { lookupLo - $0 } ?? .min
        return holeList.unknownRender(lookupLo: lookupLo, lookupHi: lookupHi, shield: shield, oldest: oldest, window: bounds)
    }

    /// Lists a delivery's pairs as possible: those of `shown` (its logged candidates), and, when
    /// a render made in a hole may have been exposing (`hole` > .min), whom it showed — the
    /// subjects the delivering request names on a page of a path or table rule; on a
    /// `subject: viewer` page nobody the logs can name, counted in `possiblyExposingFromHoles`.
    private func servePossible(_ r: Request, total: Int, hole: Int64, cause: Cause, waited: Bool) {
        if hole > .min {
            if Int(r.rule) < viewerRules.count && viewerRules[Int(r.rule)] {
                counts.possiblyExposingFromHoles += 1
            } else {
                lists.forEach(r.subjects) { subject in
                    guard subject != r.viewer else { return }
                    if let j = shownSlot(of: subject) {
                        if hole >= shown[j].latest { shown[j].latest = hole; shown[j].rule = r.rule }
                    } else {
                        shown.append((subject, 1, hole, r.rule))
                    }
                }
            }
        }
        guard !shown.isEmpty else { return }
        shown.sort { $0.subject < $1.subject }
        for s in shown {
            counts.possible += 1
            counts.possibleFromHole += 1
            let sighting = Sighting(time: r.time, rule: s.rule, subject: s.subject, viewer: r.viewer, file: r.file, line: r.line,
                                    fromCache: true, renderedAt: s.latest, candidates: UInt16(min(max(total, 2), Int(UInt16.max))))
            if waited { servedSightings.append(sighting) } else { decidedSightings.append(sighting) }
        }
    }

    private enum Cause { case stores, lock, time, hole }

    /// Which setting made a delivery ambiguous: stores (it is decided when every store is
    /// taken as made), else the lock (with it on), else time (spans not logged, `max_request`).
    private func possibleCause(_ r: Request, lookup: Interval, order: Int64, _ key: UnsafeMutablePointer<KeyHistory>) -> Cause {
        var assumed: [Int] = []
        let unknown = key.pointee.candidates(lookup: lookup, fresh: r.timing.fresh, own: order, assumeCertain: true, into: &assumed)
        if assumed.count == 1 && !unknown { return .stores }
        return uncertainty.lock ? .lock : .time
    }

    private func unresolved(_ r: Request) {
        counts.unresolved += 1
        if r.time >= window.start { counts.unresolvedFromWindowStart += 1 }
    }
}
