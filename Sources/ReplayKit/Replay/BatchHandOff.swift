import Foundation

/// Hands parsed batches from the numbering thread to the replay thread, in order. Unbounded:
/// the batches come from a fixed pool.
final class BatchHandOff: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [ParsedBatch] = []
    private var head = 0
    private var finished = false

    func put(_ batch: ParsedBatch) {
        condition.lock()
        waiting.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// No batch follows.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil at the end.
    func take() -> ParsedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while head == waiting.count && !finished { condition.wait() }
        guard head < waiting.count else { return nil }
        let batch = waiting[head]
        head += 1
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        }
        return batch
    }
}
