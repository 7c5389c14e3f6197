/// What a node's replay keeps of one cache key where the logs leave stores and times open
/// (SPEC §3.7): the stored-status requests a delivery still to come may need — each a lookup
/// that found no fresh entry (MISS, EXPIRED, a background update's STALE) and, unless a
/// `not_stored` condition held, a store of its render. `candidates` is the rule that says which
/// renders a delivery may have served; the README gives the reasoning behind each case.
struct KeyHistory {
    /// Kept compact (a node may hold hundreds of thousands): milliseconds, and the moments
    /// rebuilt from them — an instant keeps the request's place in the replay order (its lookup
    /// before its store), an interval spans whole milliseconds.
    struct Event {
        var render: Render
        /// Beside the render, in the room its layout leaves: 64 bytes an event, not 72.
        private var flags: UInt8
        private var lookupFrom: Int64
        private var lookupTo: Int64
        private var storeFrom: Int64
        private var storeTo: Int64
        /// The request's place in the node's replay order.
        let order: Int64

        private static let storesFlag: UInt8 = 1, certainFlag: UInt8 = 2, instantFlag: UInt8 = 4

        init(render: Render, lookup: Interval, store: Interval, stores: Bool, certain: Bool, order: Int64) {
            self.render = render
            self.order = order
            lookupFrom = lookup.lo.time
            lookupTo = lookup.hi.time
            storeFrom = store.lo.time
            storeTo = store.hi.time
            let instant = lookup.lo == lookup.hi && lookup.lo.order == 2 * order
            flags = (stores ? Self.storesFlag : 0) | (certain ? Self.certainFlag : 0) | (instant ? Self.instantFlag : 0)
        }

        /// When its lookup found no fresh entry.
        var lookup: Interval {
            flags & Self.instantFlag != 0 ? .at(Moment(time: lookupFrom, order: 2 * order))
                : Interval(lo: .start(of: lookupFrom), hi: .end(of: lookupTo))
        }
        /// When its render may have been written to the cache (with `stores`).
        var store: Interval {
            flags & Self.instantFlag != 0 ? .at(Moment(time: storeFrom, order: 2 * order + 1))
                : Interval(lo: .start(of: storeFrom), hi: .end(of: storeTo))
        }
        /// Whether it stored at all (false: a `not_stored` condition held).
        var stores: Bool { flags & Self.storesFlag != 0 }
        /// Whether it surely stored (a certain store, or one a fresh hit proved).
        var certain: Bool {
            get { flags & Self.certainFlag != 0 }
            set { flags = newValue ? flags | Self.certainFlag : flags & ~Self.certainFlag }
        }
    }

    // The flags first, then the events: a delivery reads both, from as few cache lines as
    // the layout allows.
    /// A certain store, dropped, came before every event kept (so none before it matters).
    private var certainBefore = false
    /// A lookup that found no fresh entry, dropped, came before every event kept.
    private var missBefore = false
    /// Stores were dropped for room: a delivery may have served one of them.
    private var lost = false
    /// An event may be a certain store (false: none is, and `prune` has nothing to look for
    /// below `room` without `max_age` — most calls with `stores: uncertain`).
    private var mayHaveCertain = false
    /// The flags when the checkpoint `stamp` (a generation of the node's) was taken, noted at
    /// the key's first change after it: what a roll-back restores.
    var undo = Undo(stamp: 0, flags: Flags(certainBefore: false, missBefore: false, lost: false))
    private(set) var events = EventList()

    /// Undecided events kept per key at the most: past it, the oldest that no waiting delivery
    /// can need go, deliveries of the key say `unknown`, and the run says so (a store one of
    /// them may have served is forgotten).
    static let room = 64

    mutating func add(_ event: Event) {
        events.append(event)
        if event.certain { mayHaveCertain = true }
    }

    /// `add`, then `prune`, in one access.
    mutating func add(_ event: Event, thenPruneBefore earliest: Moment, maxAge: Int64?, keepFrom: Int64, dropped: inout [Event]) -> Int {
        add(event)
        return prune(earliest: earliest, maxAge: maxAge, keepFrom: keepFrom, dropped: &dropped)
    }
    /// `EventList.prefetchSpill` for the history at `history`.
    @inline(__always)
    static func prefetchSpill(of history: UnsafePointer<KeyHistory>) {
        let events = UnsafeRawPointer(history) + MemoryLayout<KeyHistory>.offset(of: \KeyHistory.events)!
        EventList.prefetchSpill(of: events.assumingMemoryBound(to: EventList.self))
    }

    mutating func prove(_ index: Int) {
        events[index].certain = true
        mayHaveCertain = true
    }

    /// What the flags were, for a roll-back.
    struct Flags { var certainBefore: Bool; var missBefore: Bool; var lost: Bool }
    struct Undo { var stamp: UInt32; var flags: Flags }
    var flags: Flags { Flags(certainBefore: certainBefore, missBefore: missBefore, lost: lost) }

    /// Back to how it was before the replay passed `order`: events made since go; events
    /// proved or dropped since are as they were.
    mutating func rollBack(after order: Int64, flags: Flags, proved: [Int64], dropped: [Event]) {
        events.removeAll { $0.order > order }
        if !dropped.isEmpty {
            for e in dropped { events.append(e) }
            events.sort { $0.order < $1.order }
        }
        // After the dropped ones are back: one may have been proved before it was dropped.
        for i in events.indices where proved.contains(events[i].order) { events[i].certain = false }
        certainBefore = flags.certainBefore
        missBefore = flags.missBefore
        lost = flags.lost
        mayHaveCertain = true
    }

    /// Whether another request of the key may have been fetching (between its lookup and its
    /// store) during `lookup`: with proxy_cache_lock, a request then waits for it.
    mutating func fetching(during lookup: Interval) -> Bool {
        events.withUnsafeBufferPointer { $0.contains { $0.stores && !($0.store.hi < lookup.lo) && !(lookup.hi < $0.lookup.lo) } }
    }

    /// The renders a delivery whose lookup lies in `lookup` may have served, as indices of
    /// `events`, into `found` (emptied first, its room kept); returns whether it may also have
    /// served one the logs do not show (`unknown`). `fresh`: a status only a fresh entry gives
    /// (HIT); `own`: the delivering request's place (a request never serves its own store).
    /// With `assumeCertain`, every store is taken as made (to tell how many possible pairs
    /// `stores: uncertain` causes).
    ///
    /// A store s is a candidate when some placement of every event in its interval has s
    /// stored before the lookup with nothing in between that would hide it: no certain store
    /// surely after s and before the lookup, and, for a fresh hit, no lookup that found no
    /// fresh entry surely after s and before it (a fresh hit after such a miss was stored after
    /// it). Placing the lookup as early as s allows and s as late as the lookup allows is the
    /// best placement for every such constraint at once, so one test per constraint decides.
    /// Mutating only to read the events where they lie; it changes nothing.
    mutating func candidates(lookup: Interval, fresh: Bool, own: Int64, assumeCertain: Bool, into found: inout [Int]) -> Bool {
        // Emptied one by one: `removeAll(keepingCapacity:)` is a call that replaces a range.
        while !found.isEmpty { found.removeLast() }
        var known = certainBefore || (fresh && missBefore)
        // Indexed through the buffer: iterating the array took a reference to it per loop.
        events.withUnsafeBufferPointer { events in
            for i in events.indices where events[i].order != own {
                let s = events[i]
                if !known && s.lookup.hi < lookup.lo && ((fresh) || (s.stores && (s.certain || assumeCertain) && s.store.hi < lookup.lo)) {
                    // The entry served is surely among the logged stores: a certain store surely
                    // before the lookup; for a fresh hit, a miss surely before it (the fresh entry
                    // was stored after that miss, by a logged request).
                    known = true
                }
                guard s.stores && !(lookup.hi < s.store.lo) else { continue }
                let moment = max(lookup.lo, s.store.lo)
                let latest = min(s.store.hi, moment)
                var hidden = false
                for j in events.indices where j != i && events[j].order != own {
                    let other = events[j]
                    if other.stores && (other.certain || assumeCertain) && latest < other.store.lo && !(moment < other.store.hi) {
                        hidden = true
                        break
                    }
                    if fresh && latest < other.lookup.lo && !(moment < other.lookup.hi) {
                        hidden = true
                        break
                    }
                }
                if !hidden { found.append(i) }
            }
        }
        return !known || lost
    }

    /// The newest time after which an event surely between it and a lookup in `lookup` hides
    /// what a hole may have stored before it: a certain store surely before the lookup, and for
    /// a fresh hit any lookup surely before it (the fresh entry was stored after that miss).
    /// `.min` when none does.
    mutating func shield(before lookup: Interval, fresh: Bool, own: Int64) -> Int64 {
        events.withUnsafeBufferPointer { events in
            var shield = Int64.min
            for e in events where e.order != own {
                if e.stores && e.certain && e.store.hi < lookup.lo { shield = max(shield, e.store.lo.time) }
                if fresh && e.lookup.hi < lookup.lo { shield = max(shield, e.lookup.lo.time) }
            }
            return shield
        }
    }

    /// Drops what no lookup from `earliest` on can need: events surely before a certain store
    /// that is surely before `earliest`, and stores older than `maxAge` at `earliest`. Past
    /// `room`, drops the oldest events surely before `earliest` all the same, and returns how
    /// many stores it forgot that way (a delivery may have served one of them).
    /// Events made up to `keepFrom` that it drops are added to `dropped` (for a roll-back).
    @discardableResult
    mutating func prune(earliest: Moment, maxAge: Int64?, keepFrom: Int64 = .max, dropped: inout [Event]) -> Int {
        guard events.count > 1, mayHaveCertain || maxAge != nil || events.count > Self.room else { return 0 }
        func drop(_ isDropped: (Event) -> Bool) -> Bool {
            // Looked for through the buffer first: most calls drop nothing.
            guard events.withUnsafeBufferPointer({ $0.contains(where: isDropped) }) else { return false }
            if keepFrom != .max {
                events.withUnsafeBufferPointer { events in
                    for e in events where e.order <= keepFrom && isDropped(e) { dropped.append(e) }
                }
            }
            events.removeAll(where: isDropped)
            return true
        }
        var anyCertain = false
        let newestCertainBefore: Int? = events.withUnsafeBufferPointer { events in
            var found: Int?
            for i in events.indices where events[i].stores && events[i].certain {
                anyCertain = true
                if events[i].store.hi < earliest { found = i }
            }
            return found
        }
        if !anyCertain { mayHaveCertain = false }
        if let c = newestCertainBefore {
            let floor = events[c].store.lo
            if drop({ $0.lookup.hi < floor && (!$0.stores || $0.store.hi < floor) }) {
                certainBefore = true
                missBefore = true
            }
        }
        if let maxAge {
            _ = drop { $0.stores && $0.store.hi.time < earliest.time - maxAge && $0.lookup.hi.time < earliest.time - maxAge }
        }
        guard events.count > Self.room else { return 0 }
        // Only what every lookup still to decide surely follows; the newest certain store among
        // those stays (it hides the older ones from every such lookup).
        let keep = events.lastIndex { $0.stores && $0.certain && $0.store.hi < earliest }
        var count = 0
        var forgotten = 0
        events = EventList(events.enumerated().filter { i, e in
            guard count < events.count - Self.room, i != keep, (e.stores ? e.store.hi : e.lookup.hi) < earliest else { return true }
            count += 1
            if e.stores { forgotten += 1 }
            if e.order <= keepFrom && keepFrom != .max { dropped.append(e) }
            return false
        }.map(\.element))
        if forgotten > 0 { lost = true }
        return forgotten
    }
}
