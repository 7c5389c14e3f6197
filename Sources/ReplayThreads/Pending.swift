import Foundation

/// The result of work started on a thread of its own (`Parallel.aside`), to wait for.
package final class Pending<T: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Locked<T?>(nil)

    init(_ work: @escaping @Sendable () -> T) {
        let thread = Thread { [done, result] in
            result.set(work())
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Waits for the work to end; call it once.
    package func wait() -> T {
        done.wait()
        return result.update { value in
            defer { value = nil }
            return value!
        }
    }
}
