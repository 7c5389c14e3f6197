import Foundation

/// The lists of people a table gives for a key, numbered, shared by a group's request builder
/// (which adds them, on the numbering thread) and its nodes (which read them, on the replay
/// thread): a lock guards them. `@unchecked Sendable` is safe because `people` and `starts`
/// are only touched with `lock` held.
package final class SubjectLists: @unchecked Sendable {
    private let lock = NSLock()
    private var people: [Int32] = []
    private var starts: [Int] = [0]

    package init() {}

    /// Adds a list; returns its number.
    package func add(_ list: [Int32]) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        people += list
        starts.append(people.count)
        return Int32(starts.count - 2)
    }

    /// Calls `body` for each person of `subjects`.
    @inline(__always)
    func forEach(_ subjects: Subjects, _ body: (Int32) -> Void) {
        switch subjects {
        case .none: return
        case .one(let person): body(person)
        case .listed(let list):
            lock.lock()
            let listed = Array(people[starts[Int(list)]..<starts[Int(list) + 1]])
            lock.unlock()
            for person in listed { body(person) }
        }
    }
}
