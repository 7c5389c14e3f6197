import Foundation

/// Hands out pieces of a file to format in any order and lets them be appended in order.
final class PieceTurns: @unchecked Sendable {
    private let condition = NSCondition()
    private var taken = 0
    private var written = 0

    /// The next piece to format, if any is left below `count`.
    func take(below count: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }

    /// Waits until the pieces before `piece` are appended.
    func wait(for piece: Int) {
        condition.lock()
        while written < piece { condition.wait() }
        condition.unlock()
    }

    func done(_ piece: Int) {
        condition.lock()
        written = piece + 1
        condition.broadcast()
        condition.unlock()
    }
}
