import Foundation

/// The lists of people a table gives for a key, numbered, shared by a group's request builder
/// (which adds them, on the numbering thread) and its nodes (which read them, on the replay
/// thread). `@unchecked Sendable` is safe because `people` and `starts` are only touched with
/// `lock` held, and the reader's copies (`read…`) only by `forEach`, which the group's replay
/// thread alone calls.
package final class SubjectLists: @unchecked Sendable {
    private let lock = NSLock()
    private var people: [Int32] = []
    private var starts: [Int] = [0]
    /// The replay thread's copy of the lists it has needed so far. Lists are only ever added,
    /// and a list's number reaches the replay thread after it was added: the copy is brought up
    /// to date, under the lock, only when a request names a list it does not hold yet. Reading
    /// under the lock at every delivery, through a copy of the list, cost a lock, an allocation
    /// and reference counting per delivery of a table's page.
    private var readPeople: [Int32] = []
    private var readStarts: [Int] = [0]

    package init() {}

    /// Adds a list; returns its number.
    package func add(_ list: [Int32]) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        people += list
        starts.append(people.count)
        return Int32(starts.count - 2)
    }

    /// Calls `body` for each person of `subjects` (on the group's replay thread).
    @inline(__always)
    func forEach(_ subjects: Subjects, _ body: (Int32) -> Void) {
        switch subjects {
        case .none: return
        case .one(let person): body(person)
        case .listed(let list):
            let l = Int(list)
            if l + 1 >= readStarts.count { catchUp() }
            let range = readStarts[l]..<readStarts[l + 1]
            readPeople.withUnsafeBufferPointer { people in
                for i in range { body(people[i]) }
            }
        }
    }

    /// Copies the lists added since the last call.
    private func catchUp() {
        lock.lock()
        defer { lock.unlock() }
        readPeople += people[readPeople.count...]
        readStarts += starts[readStarts.count...]
    }
}
