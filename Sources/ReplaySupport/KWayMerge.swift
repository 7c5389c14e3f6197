/// Merges sorted lists without copying them: a binary heap of the lists' heads.
/// `compare(a, i, b, j)` orders element i of list a against element j of list b (negative,
/// zero, positive); equal heads come out in list order, so that the merge is deterministic.
package enum KWayMerge {
    package static func merge(counts: [Int], compare: (Int, Int, Int, Int) -> Int, emit: (Int, Int) -> Void) {
        var position = [Int](repeating: 0, count: counts.count)
        var heap = counts.indices.filter { counts[$0] > 0 }
        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let c = compare(a, position[a], b, position[b])
            return c != 0 ? c < 0 : a < b
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && before(heap[l], heap[m]) { m = l }
                if r < heap.count && before(heap[r], heap[m]) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        while let top = heap.first {
            emit(top, position[top])
            position[top] += 1
            if position[top] == counts[top] {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }
}
