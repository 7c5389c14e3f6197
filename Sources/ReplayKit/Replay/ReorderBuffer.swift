/// Holds back a node's requests by the reorder allowance and releases them in time order
/// (equal times in arrival order). Memory grows with the traffic inside the allowance, not
/// with the logs. The heap orders small entries; the requests stay put in a slab.
struct ReorderBuffer {
    private struct Entry {
        var time: Int64
        var sequence: Int
        var slot: Int32
    }

    let allowance: Int64
    private(set) var newest = Int64.min
    private var heap: [Entry] = []
    private var slab: [Request] = []
    private var free: [Int32] = []

    init(allowance: Int64) { self.allowance = allowance }

    var held: Int { heap.count }

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

    mutating func push(_ request: Request) {
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            slab[Int(slot)] = request
        } else {
            slot = Int32(slab.count)
            slab.append(request)
        }
        heap.append(Entry(time: request.time, sequence: request.sequence, slot: slot))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Releases, in order, every request no later line may precede.
    mutating func release(_ body: (Request) -> Void) {
        guard newest != .min else { return }
        let horizon = newest - allowance
        while let first = heap.first, first.time < horizon { body(pop()) }
    }

    /// Releases everything (the end of the node's logs).
    mutating func drain(_ body: (Request) -> Void) {
        while !heap.isEmpty { body(pop()) }
    }

    private mutating func pop() -> Request {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            let n = heap.count
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < n && Self.before(heap[left], heap[smallest]) { smallest = left }
                if right < n && Self.before(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        let request = slab[Int(top.slot)]
        slab[Int(top.slot)].subjects = []
        free.append(top.slot)
        return request
    }

    @inline(__always)
    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }
}
