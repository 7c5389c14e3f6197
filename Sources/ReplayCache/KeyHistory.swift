/// What a node's replay keeps of one cache key where the logs leave stores and times open
/// (SPEC §3.7): the stores that a delivery still to come may have served, and the lookups that
/// found no fresh entry. `candidates` is the rule that says which renders a delivery may have
/// served; the README gives the reasoning behind each case.
struct KeyHistory {
    struct Store {
        var render: Render
        /// When the render may have been written to the cache.
        var at: Interval
        /// Whether it surely was (a certain store, or one a fresh hit proved).
        var certain: Bool
        /// The storing request's place in the node's replay order.
        var order: Int64
    }

    /// A lookup that found no fresh entry (MISS, EXPIRED, a background update's STALE).
    struct Miss {
        var at: Interval
        var order: Int64
    }

    /// Which renders a delivery may have served: `stores` (indices), and whether it may also
    /// have served one the logs do not show (`unknown`).
    struct Candidates {
        var stores: [Int]
        var unknown: Bool
    }

    private(set) var stores: [Store] = []
    private(set) var misses: [Miss] = []
    /// A certain store, dropped, came before every store kept (so none before it matters).
    private var certainBefore = false
    /// A miss, dropped, came before every one kept.
    private var missBefore = false
    /// Stores were dropped for room: a delivery may have served one of them.
    private var lost = false

    /// Stores kept per key at the most; past it the oldest goes and deliveries say `unknown`.
    static let room = 64

    mutating func add(_ store: Store) { stores.append(store) }
    mutating func add(_ miss: Miss) { misses.append(miss) }
    mutating func prove(_ index: Int) { stores[index].certain = true }

    /// Whether another request of the key may have been fetching (between its miss and its
    /// store) during `lookup`: with proxy_cache_lock, a request then waits for it.
    func fetching(during lookup: Interval) -> Bool {
        stores.contains { s in
            let start = misses.first { $0.order == s.order }?.at.lo ?? s.at.lo
            return !(s.at.hi < lookup.lo) && !(lookup.hi < start)
        }
    }

    /// The renders a delivery whose lookup lies in `lookup` may have served; `fresh` for a
    /// status only a fresh entry gives (HIT); `own` is the delivering request's place (a
    /// request never serves its own store). With `assumeCertain`, every store is taken as
    /// made (to tell how many possible pairs `stores: uncertain` causes).
    ///
    /// A store s is a candidate when some placement of every event in its interval has s
    /// stored before the lookup with nothing in between that would hide it: no certain store
    /// surely after s and before the lookup, and, for a fresh hit, no miss surely after s and
    /// before it (a miss means no fresh entry was there; a fresh hit after it was stored after
    /// it). Placing the lookup as early as s allows and s as late as the lookup allows is the
    /// best placement for every such constraint at once, so one test per constraint decides.
    func candidates(lookup: Interval, fresh: Bool, own: Int64, assumeCertain: Bool = false) -> Candidates {
        var found: [Int] = []
        for (i, s) in stores.enumerated() where s.order != own && !(lookup.hi < s.at.lo) {
            let moment = max(lookup.lo, s.at.lo)
            let latest = min(s.at.hi, moment)
            var hidden = false
            for (j, other) in stores.enumerated() where j != i && (other.certain || assumeCertain) && other.order != own {
                if latest < other.at.lo && !(moment < other.at.hi) { hidden = true; break }
            }
            if !hidden && fresh {
                for m in misses where m.order != own && latest < m.at.lo && !(moment < m.at.hi) { hidden = true; break }
            }
            if !hidden { found.append(i) }
        }
        // Whether the entry served is surely among the logged stores: a certain store surely
        // before the lookup; for a fresh hit, a miss surely before it (the fresh entry was
        // stored after that miss, by a logged request).
        var known = certainBefore
        if !known {
            known = stores.contains { ($0.certain || assumeCertain) && $0.order != own && $0.at.hi < lookup.lo }
        }
        if fresh && !known {
            known = missBefore || misses.contains { $0.order != own && $0.at.hi < lookup.lo }
        }
        return Candidates(stores: found, unknown: !known || lost)
    }

    /// Drops what no lookup from `earliest` on can need: stores surely before a certain store
    /// that is surely before `earliest`, stores older than `maxAge` at `earliest`, and the
    /// oldest past `room`.
    mutating func prune(earliest: Moment, maxAge: Int64?) {
        if let c = stores.lastIndex(where: { $0.certain && $0.at.hi < earliest }) {
            let floor = stores[c].at.lo
            let before = stores.count
            stores.removeAll { $0.at.hi < floor }
            if stores.count < before { certainBefore = true }
            let missesBefore = misses.count
            misses.removeAll { $0.at.hi < floor }
            if misses.count < missesBefore { missBefore = true }
        }
        if let maxAge {
            stores.removeAll { $0.at.hi.time < earliest.time - maxAge }
        }
        if misses.count > Self.room {
            misses.removeFirst(misses.count - Self.room)
            missBefore = true
        }
        if stores.count > Self.room {
            stores.removeFirst(stores.count - Self.room)
            lost = true
        }
    }
}
