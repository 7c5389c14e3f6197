import Foundation

/// Passes items from producer threads to consumer threads in sequence order (0, 1, 2, …),
/// drawn from a fixed set of reusable items. A producer waits for a free item, so it runs at
/// most the set's size ahead of the slowest consumer: memory stays bounded whatever the input.
///
/// Every hand-off of replay is this one idea: lines from the reading thread to the parsing
/// threads, parsed batches back into file order, numbered batches to the replay thread, and
/// formatted pieces of exposures.csv to the writing thread.
///
/// An item belongs to one thread at a time: to the taker of `takeEmpty` or `takeNext` until it
/// is put or given back. `@unchecked Sendable` is safe because every stored property is read
/// and written with `condition` locked, and the lock orders each item's hand-over.
package final class HandOff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [Item]
    private var ready: [Int: Item] = [:]
    /// The number `takeNext` hands out next, and the one `put(_:)` or `takeEmptyNumbered` gives next.
    private var nextOut = 0
    private var nextIn = 0
    private var producersLeft: Int

    /// `items`: the reusable set (empty when the items come from another hand-off's set);
    /// `producers`: how many threads put items, each calling `producerDone` at its end.
    package init(items: [Item] = [], producers: Int = 1) {
        free = items
        producersLeft = producers
    }

    /// A free item to fill; waits until one is given back.
    package func takeEmpty() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty { condition.wait() }
        return free.removeLast()
    }

    /// A free item and the next number of the sequence, for producers that share the
    /// numbering: a producer holding number n holds an item, so the consumer waiting for n
    /// never waits on the free set. Waits until an item is free.
    package func takeEmptyNumbered() -> (number: Int, item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty { condition.wait() }
        nextIn += 1
        return (nextIn - 1, free.removeLast())
    }

    /// Returns an item to the free set.
    package func giveBack(_ item: Item) {
        condition.lock()
        free.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// Puts item `number` of the sequence (producers that number their items themselves).
    package func put(_ item: Item, as number: Int) {
        condition.lock()
        ready[number] = item
        condition.broadcast()
        condition.unlock()
    }

    /// Puts the next item of the sequence (one producer).
    package func put(_ item: Item) {
        condition.lock()
        ready[nextIn] = item
        nextIn += 1
        condition.broadcast()
        condition.unlock()
    }

    /// One producer has put its last item.
    package func producerDone() {
        condition.lock()
        producersLeft -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next item of the sequence with its number; nil once every producer is done and it
    /// never came (the end). Several consumers may call it: each gets a different number.
    package func takeNext() -> (number: Int, item: Item)? {
        condition.lock()
        defer { condition.unlock() }
        while ready[nextOut] == nil && producersLeft > 0 { condition.wait() }
        guard let item = ready.removeValue(forKey: nextOut) else { return nil }
        nextOut += 1
        return (nextOut - 1, item)
    }
}
