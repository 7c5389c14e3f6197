/// Holds back a node's requests by the reorder allowance and releases them in time order
/// (equal times in arrival order). Memory grows with the traffic inside the allowance, not
/// with the logs. A queue orders small entries; the requests stay put in a slab.
struct ReorderBuffer {
    private struct Entry {
        var time: Int64
        var slot: Int32
    }

    let allowance: Int64
    private(set) var newest = Int64.min
    /// Held entries in release order from `head` on: logs are nearly in time order, so a new
    /// entry almost always goes at the end, or a few places before it.
    private var queue: [Entry] = []
    private var head = 0
    private var slab: [Request] = []
    private var free: [Int32] = []

    init(allowance: Int64) { self.allowance = allowance }

    var held: Int { queue.count - head }

    /// Whether a line of this time lags its node's newest line by more than the allowance.
    @inline(__always)
    func isLate(_ time: Int64) -> Bool {
        newest != .min && time < newest - allowance
    }

    /// Notes a line's time (every line, matched or not).
    @inline(__always)
    mutating func observe(_ time: Int64) {
        if time > newest { newest = time }
    }

    /// Holds a request (pushed in the order of its lines).
    mutating func push(_ request: Request) {
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            slab[Int(slot)] = request
        } else {
            slot = Int32(slab.count)
            slab.append(request)
        }
        let entry = Entry(time: request.time, slot: slot)
        if queue.count == head || queue[queue.count - 1].time <= entry.time {
            queue.append(entry)
            return
        }
        // After every held entry of the same or an earlier time (equal times in arrival order).
        var low = head, high = queue.count - 1
        while low < high {
            let mid = (low + high) / 2
            if queue[mid].time <= entry.time { low = mid + 1 } else { high = mid }
        }
        queue.insert(entry, at: low)
    }

    /// Releases, in order, every request no later line may precede. Each run of up to
    /// `lookAheadRun` of them is first shown to `lookAhead` as a whole: logs of whole seconds
    /// release a second's requests at once, and reading their cache entries in one tight pass
    /// lets the processor fetch them from memory together instead of one miss per request.
    mutating func release(_ body: (Request) -> Void, lookAhead: (Request) -> Void = { _ in }) {
        guard newest != .min else { return }
        let horizon = newest - allowance
        releaseWhile({ $0 < horizon }, body, lookAhead)
    }

    /// Requests shown to `lookAhead` at once.
    static let lookAheadRun = 64

    /// Releases everything (the end of the node's logs).
    mutating func drain(_ body: (Request) -> Void, lookAhead: (Request) -> Void = { _ in }) {
        releaseWhile({ _ in true }, body, lookAhead)
    }

    @inline(__always)
    private mutating func releaseWhile(_ due: (Int64) -> Bool, _ body: (Request) -> Void, _ lookAhead: (Request) -> Void) {
        var shown = head
        while head < queue.count && due(queue[head].time) {
            if head == shown {
                while shown < queue.count && shown - head < Self.lookAheadRun && due(queue[shown].time) {
                    lookAhead(slab[Int(queue[shown].slot)])
                    shown += 1
                }
            }
            body(pop())
        }
        compact()
    }

    @inline(__always)
    private mutating func pop() -> Request {
        let top = queue[head]
        head += 1
        free.append(top.slot)
        return slab[Int(top.slot)]
    }

    /// Drops the released entries once they are most of the array.
    private mutating func compact() {
        if head >= 4096 && head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        } else if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        }
    }
}
