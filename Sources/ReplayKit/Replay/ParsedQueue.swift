import Foundation

/// Brings parsed batches from several parsing threads back into file order for the replay
/// thread, from a fixed pool (so parsing runs at most a few batches ahead).
final class ParsedQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let pool: Pool<ParsedBatch>
    private var ready: [Int: ParsedBatch] = [:]
    private var workersLeft: Int

    init(batches: Int, workers: Int) {
        pool = Pool((0..<batches).map { _ in ParsedBatch() })
        workersLeft = workers
    }

    func takeFree() -> ParsedBatch {
        pool.take()
    }

    func giveBack(_ batch: ParsedBatch) {
        pool.giveBack(batch)
    }

    func put(_ number: Int, _ batch: ParsedBatch) {
        condition.lock()
        ready[number] = batch
        condition.broadcast()
        condition.unlock()
    }

    func workerDone() {
        condition.lock()
        workersLeft -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Batch `number`, or nil once every worker is done and it never came (the end).
    func take(_ number: Int) -> ParsedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while ready[number] == nil && workersLeft > 0 { condition.wait() }
        return ready.removeValue(forKey: number)
    }
}
