import Foundation

/// Runs independent pieces of work on a fixed number of threads.
public enum Parallel {
    /// Calls `body` for 0..<count on at most `jobs` threads; the results come back in index
    /// order, so the caller's output does not depend on the scheduling.
    public static func map<T>(_ count: Int, jobs: Int, _ body: (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        var results = [Result<T, Error>?](repeating: nil, count: count)
        let lock = NSLock()
        var next = 0
        let workers = max(1, min(jobs, count))
        results.withUnsafeMutableBufferPointer { slots in
            let slotsBase = slots
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    lock.lock()
                    let i = next
                    next += 1
                    lock.unlock()
                    if i >= count { return }
                    let r = Result { try body(i) }
                    lock.lock()
                    slotsBase[i] = r
                    lock.unlock()
                }
            }
        }
        return try results.map { try $0!.get() }
    }
}
