/// Replays one cache node: its requests in time order against its own cache, turning
/// deliveries of exposing renders into exposures.
final class NodeReplay {
    let name: String
    private let window: Window
    private var buffer: ReorderBuffer
    private var cache: [[UInt8]: Render] = [:]
    /// The earliest time of any of the node's lines.
    private(set) var firstTime = Int64.max
    private(set) var counts = NodeCounts()
    private(set) var exposures: [Exposure] = []

    init(name: String, window: Window, reorder: Int64) {
        self.name = name
        self.window = window
        buffer = ReorderBuffer(allowance: reorder)
    }

    /// Notes any line of the node; returns false (and counts it) when it is late.
    @inline(__always)
    func observe(_ time: Int64) -> Bool {
        if time < firstTime { firstTime = time }
        if buffer.isLate(time) {
            counts.lateLines += 1
            return false
        }
        buffer.observe(time)
        return true
    }

    /// Takes a matched request of a line already observed. A late one is replayed at once.
    func accept(_ request: Request, late: Bool) {
        counts.requests += 1
        if late {
            replay(request)
        } else {
            buffer.push(request)
            buffer.release(replay)
        }
    }

    /// The end of the node's logs.
    func finish() {
        buffer.drain(replay)
    }

    private func replay(_ r: Request) {
        switch r.cacheStatus {
        case .served, .refresh:
            if !r.head {
                counts.deliveries += 1
                counts.cacheDeliveries += 1
                if let stored = cache[r.cacheKey] {
                    deliver(stored, to: r, fromCache: true)
                } else {
                    counts.unresolved += 1
                    if r.time >= window.start { counts.unresolvedFromWindowStart += 1 }
                }
            }
            if r.cacheStatus == .refresh {
                counts.renders += 1
                cache[r.cacheKey] = render(of: r)
            }
        case .origin, .stored:
            counts.renders += 1
            let made = render(of: r)
            if !r.head {
                counts.deliveries += 1
                deliver(made, to: r, fromCache: false)
            }
            if r.cacheStatus == .stored { cache[r.cacheKey] = made }
        }
    }

    @inline(__always)
    private func render(of r: Request) -> Render {
        let exposing = window.contains(r.time)
        return Render(time: r.time, rule: r.rule, exposing: exposing, subjects: exposing ? r.subjects : [])
    }

    @inline(__always)
    private func deliver(_ render: Render, to r: Request, fromCache: Bool) {
        guard render.exposing else { return }
        for subject in render.subjects where subject != r.viewer {
            counts.exposures += 1
            exposures.append(Exposure(time: r.time, node: name, rule: render.rule, subject: subject, viewer: r.viewer,
                                      file: r.file, line: r.line, fromCache: fromCache, renderedAt: render.time))
        }
    }
}
