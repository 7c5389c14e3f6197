import ReplayIncident

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
    /// Silences longer than `log.gap` within the span the node must cover.
    package private(set) var silences: [Coverage.Silence] = []
    private let coverage: Coverage
    package private(set) var counts = NodeCounts()
    package private(set) var sightings: [Sighting] = []
    /// The state to go back to while a gzip member's lines are replayed before its check.
    private var checkpoint: NodeCheckpoint?
    /// While a checkpoint is held: the stored render each key had before it, once per key.
    private var journal: [(key: Int32, render: Render?)] = []
    /// Per key, the checkpoint generation that journaled it.
    private var journaled: [UInt32] = []
    private var generation: UInt32 = 0

    init(name: String, window: Window, reorder: Int64, coverage: Coverage, lists: SubjectLists) {
        self.name = name
        self.window = window
        self.coverage = coverage
        self.lists = lists
        buffer = ReorderBuffer(allowance: reorder)
    }

    /// Notes any line of the node; returns false (and counts it) when it is late.
    @inline(__always)
    package func observe(_ time: Int64) -> Bool {
        if time < firstTime { firstTime = time }
        if time > lastTime {
            if lastTime != .min && coverage.matters(from: lastTime, to: time) { silences.append(.init(from: lastTime, to: time)) }
            lastTime = time
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
        if request.cacheStatus == .origin && !window.contains(request.time) {
            // Neither stored nor exposing: it changes nothing but the counts, in any order.
            counts.renders += 1
            if !request.head { counts.deliveries += 1 }
            return
        }
        if late {
            replay(request)
        } else {
            buffer.push(request)
            buffer.release(replay)
        }
    }

    /// The end of the node's logs.
    package func finish() {
        buffer.drain(replay)
    }

    private func replay(_ r: Request) {
        switch r.cacheStatus {
        case .served, .refresh:
            if !r.head {
                counts.deliveries += 1
                counts.cacheDeliveries += 1
                if let stored = stored(r.key) {
                    deliver(stored, to: r, fromCache: true)
                } else {
                    counts.unresolved += 1
                    if r.time >= window.start { counts.unresolvedFromWindowStart += 1 }
                }
            }
            if r.cacheStatus == .refresh {
                counts.renders += 1
                store(render(of: r), at: r.key)
            }
        case .origin, .stored:
            counts.renders += 1
            let made = render(of: r)
            if !r.head {
                counts.deliveries += 1
                deliver(made, to: r, fromCache: false)
            }
            if r.cacheStatus == .stored { store(made, at: r.key) }
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
            generation = 1
        }
        journal.removeAll(keepingCapacity: true)
        checkpoint = NodeCheckpoint(buffer: buffer, firstTime: firstTime, lastTime: lastTime, silences: silences.count,
                                    counts: counts, sightings: sightings.count)
    }

    /// What was replayed since the checkpoint stands.
    func commit() {
        checkpoint = nil
        journal.removeAll(keepingCapacity: true)
    }

    /// Undoes everything since the checkpoint: the cache, the held requests, the counts and
    /// the sightings are as they were.
    func rollBack() {
        guard let saved = checkpoint else { return }
        for entry in journal.reversed() { cache[Int(entry.key)] = entry.render }
        buffer = saved.buffer
        firstTime = saved.firstTime
        lastTime = saved.lastTime
        silences.removeSubrange(saved.silences...)
        counts = saved.counts
        sightings.removeSubrange(saved.sightings...)
        commit()
    }

    @inline(__always)
    private func render(of r: Request) -> Render {
        let exposing = window.contains(r.time)
        return Render(time: r.time, rule: r.rule, exposing: exposing, subjects: exposing ? r.subjects : .none)
    }

    @inline(__always)
    private func deliver(_ render: Render, to r: Request, fromCache: Bool) {
        guard render.exposing else { return }
        lists.forEach(render.subjects) { subject in
            guard subject != r.viewer else { return }
            counts.exposures += 1
            sightings.append(Sighting(time: r.time, rule: render.rule, subject: subject, viewer: r.viewer,
                                      file: r.file, line: r.line, fromCache: fromCache, renderedAt: render.time))
        }
    }
}
