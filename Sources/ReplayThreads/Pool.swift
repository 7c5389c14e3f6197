import Foundation

/// A fixed set of reusable buffers shared by threads: taking one waits until one is free, so
/// that a producer can run at most the pool's size ahead of its consumer (bounded memory).
package final class Pool<Item: AnyObject>: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [Item]

    package init(_ items: [Item]) { free = items }

    package func take() -> Item {
        condition.lock()
        while free.isEmpty { condition.wait() }
        let item = free.removeLast()
        condition.unlock()
        return item
    }

    package func giveBack(_ item: Item) {
        condition.lock()
        free.append(item)
        condition.signal()
        condition.unlock()
    }
}
