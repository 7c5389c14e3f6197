/// An interval of a node's time in which requests may be missing from the replay (issue
/// "Attacked again", 2): from the last line replayed before a rolled-back gzip member to the
/// next line replayed; from a late line's own time to the moment it was replayed; a silence
/// counted against coverage. replay takes a hole as one uncertain store of an unknown render
/// on every cache key, anywhere in the interval: a later delivery may have served it, unless a
/// certain store (for a HIT, also a miss) surely lies between the hole and its lookup.
package struct Hole: Sendable, Equatable {
    package enum Cause: String, Sendable {
        case damagedMember = "damaged-member"
        case lateLine = "late-line"
        case silence
    }

    package var from: Int64
    package var to: Int64
    package var cause: Cause

    package init(from: Int64, to: Int64, cause: Cause) {
        self.from = from
        self.to = to
        self.cause = cause
    }
}

/// A node's holes, in the order they were found, and what they mean for a delivery. Nothing is
/// written per cache key: a delivery asks the list. A node with no hole pays one test.
struct HoleList: Sendable {
    private(set) var holes: [Hole] = []
    /// Late lines' holes: listed, never applied (replay places a late line by its time), and
    /// kept apart so that no delivery scans them. At most `lateListed`; the rest extend the last.
    private(set) var late: [Hole] = []
    static let lateListed = 1_000
    /// Per hole, the latest `to` of it and the holes before it: a scan from the newest stops
    /// once no earlier hole can reach past a delivery's shield.
    private var reach: [Int64] = []
    /// A hole whose end is not known yet (a rolled-back member's, until the next line).
    private var open: Int?

    var isEmpty: Bool { holes.isEmpty }
    var isOpen: Bool { open != nil }

    /// Every hole, in time order (for the outputs).
    var all: [Hole] { (holes + late).sorted { ($0.from, $0.to) < ($1.from, $1.to) } }

    mutating func add(from: Int64, to: Int64, cause: Hole.Cause) {
        guard from <= to else { return }
        if cause == .lateLine {
            if let last = late.last, (from <= last.to && to >= last.from) || late.count >= Self.lateListed {
                late[late.count - 1] = Hole(from: min(last.from, from), to: max(last.to, to), cause: cause)
            } else {
                late.append(Hole(from: from, to: to, cause: cause))
            }
            return
        }
        // Late lines come in runs: a hole that overlaps the last one of its cause extends it.
        if open == nil, let last = holes.last, last.cause == cause, from <= last.to, to >= last.from {
            holes[holes.count - 1] = Hole(from: min(last.from, from), to: max(last.to, to), cause: cause)
            reach[reach.count - 1] = max(reach.last!, to)
            return
        }
        holes.append(Hole(from: from, to: to, cause: cause))
        reach.append(max(reach.last ?? .min, to))
    }

    /// A hole from `from` on, closed by the next line replayed (`close`).
    mutating func open(from: Int64, cause: Hole.Cause) {
        // Lost again before a line closed the last one: one hole, from the earlier start.
        if let i = open {
            holes[i].from = min(holes[i].from, from)
            return
        }
        holes.append(Hole(from: from, to: .max, cause: cause))
        reach.append(.max)
        open = holes.count - 1
    }

    mutating func close(at time: Int64) {
        guard let i = open else { return }
        open = nil
        holes[i].to = max(holes[i].from, time)
        reach[i] = max(i > 0 ? reach[i - 1] : .min, holes[i].to)
    }

    /// What the holes leave open for a delivery whose lookup lies in `lookupLo...lookupHi` (ms):
    /// nil when no hole applies — each either ends by `shield` (a certain store, or for a
    /// HIT a miss, surely between it and the lookup), begins after the lookup, or ends before
    /// `oldest` (older than `cache.max_age`). Else the latest time at which a render made in a
    /// hole that applies was exposing (made inside `window`, the delivering page's bug window,
    /// and before the lookup), or `.min` when none was.
    func unknownRender(lookupLo: Int64, lookupHi: Int64, shield: Int64, oldest: Int64, window: (start: Int64, end: Int64)) -> Int64? {
        var applies = false
        var exposingAt = Int64.min
        var i = holes.count - 1
        while i >= 0 && reach[i] >= shield {
            let h = holes[i]
            i -= 1
            // A hole is open at its end (the next line logged is no missing one): a store at
            // `to` hides it.
            guard h.to > shield, h.from <= lookupHi, h.to >= oldest else { continue }
            applies = true
            let lo = max(h.from, window.start, oldest), hi = min(h.to, lookupHi, window.end - 1)
            if lo <= hi { exposingAt = max(exposingAt, hi) }
        }
        return applies ? exposingAt : nil
    }
}
