import Foundation

/// Runs pieces of work on several threads.
package enum Parallel {
    /// Calls `body` for 0..<count on at most `jobs` threads; the results come back in index
    /// order, so the caller's output does not depend on the scheduling. The first error thrown
    /// (by index) is rethrown once every call has ended.
    package static func map<T>(_ count: Int, jobs: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while let i = slots.claim() {
                slots.fill(i, with: Result { try body(i) })
            }
        }
        return try slots.results()
    }

    /// Starts `work` on a thread of its own while the caller goes on; `wait()` gives its result.
    package static func aside<T: Sendable>(_ work: @escaping @Sendable () -> T) -> Pending<T> {
        Pending(work)
    }

    /// Calls `body` for 0..<count, each on a thread of its own, all at once: for work whose
    /// parts wait on each other (a producer and its consumers), which a pool of as many
    /// threads as cores could leave waiting for a part it never starts.
    package static func together(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let slots = Slots<Void>(count: count)
        let ended = DispatchGroup()
        for i in 0..<count {
            ended.enter()
            let thread = Thread {
                slots.fill(i, with: Result { try body(i) })
                ended.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        ended.wait()
        _ = try slots.results()
    }
}

/// The results of a parallel loop. `@unchecked Sendable` is safe because `next` and `filled`
/// are read and written under `lock`, and `results()` is called after every call ended.
private final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var filled: [Result<T, Error>?]

    init(count: Int) { filled = Array(repeating: nil, count: count) }

    /// The next index to run, or nil when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < filled.count else { return nil }
        next += 1
        return next - 1
    }

    func fill(_ i: Int, with result: Result<T, Error>) {
        lock.lock()
        filled[i] = result
        lock.unlock()
    }

    func results() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return try filled.map { try $0!.get() }
    }
}
