import Synchronization

/// How many of a file's gzip members the reading thread has checked (CRC and length), for the
/// replay thread, which replays a member's lines before its check is known: it keeps a way
/// back to the start of a member only while that member is unchecked.
package final class MemberLedger: Sendable {
    private let checked = Atomic<Int>(0)

    package init() {}

    /// Members 0 up to `member` passed their checks.
    func passed(_ member: Int) {
        checked.store(member + 1, ordering: .releasing)
    }

    package func hasPassed(_ member: Int) -> Bool {
        checked.load(ordering: .acquiring) > member
    }
}
