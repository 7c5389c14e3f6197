import Foundation

/// A value shared by threads, read and written under a lock. `@unchecked Sendable` is safe
/// because `stored` is only touched with `lock` held.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    package init(_ value: Value) { stored = value }

    package var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    package func set(_ value: Value) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    /// Changes the value in place, under the lock.
    package func update<T>(_ change: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try change(&stored)
    }
}
