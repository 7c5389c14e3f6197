import Foundation

/// Passes line batches from the inflating thread to the parsing thread: a fixed pool of
/// batches, so that the inflater can run at most a few batches ahead (bounded memory).
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let pool: Pool<LineBatch>
    private var full: [LineBatch] = []
    private var finished = false
    private var taken = 0
    private var finalReport: ReadReport?

    init(batches: Int, capacity: Int) {
        pool = Pool((0..<batches).map { _ in LineBatch(capacity: capacity) })
    }

    /// An empty batch to fill (waits for the consumer to return one).
    func takeEmpty() -> LineBatch {
        let batch = pool.take()
        batch.reset()
        return batch
    }

    func pushFull(_ batch: LineBatch) {
        condition.lock()
        full.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The producer is done: no more batches; what reading the file found.
    func finish(with report: ReadReport) {
        condition.lock()
        finished = true
        finalReport = report
        condition.broadcast()
        condition.unlock()
    }

    /// The next full batch with its place in the file (0, 1, 2, …), for consumers on several
    /// threads that must put the results back in order.
    func takeFullNumbered() -> (Int, LineBatch)? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        guard !full.isEmpty else { return nil }
        taken += 1
        return (taken - 1, full.removeFirst())
    }

    /// The producer's report, once `takeFullNumbered` has returned nil.
    var report: ReadReport? {
        condition.lock()
        defer { condition.unlock() }
        return finalReport
    }

    func giveBack(_ batch: LineBatch) {
        pool.giveBack(batch)
    }
}
