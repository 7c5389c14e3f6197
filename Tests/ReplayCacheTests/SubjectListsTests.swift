import XCTest
import Foundation
@testable import ReplayCache

/// The lists of a table's people: added on the numbering thread, read on the replay thread from
/// a copy that catches up only when a list it does not hold yet is named.
final class SubjectListsTests: XCTestCase {
    func people(_ lists: SubjectLists, _ subjects: Subjects) -> [Int32] {
        var read: [Int32] = []
        lists.forEach(subjects) { read.append($0) }
        return read
    }

    func testListsAddedAfterAReadAreReadWhole() {
        let lists = SubjectLists()
        let a = lists.add([3, 1, 2])
        XCTAssertEqual(people(lists, .listed(a)), [3, 1, 2])
        let b = lists.add([])
        let c = lists.add([7, 8])
        XCTAssertEqual(people(lists, .listed(c)), [7, 8])
        XCTAssertEqual(people(lists, .listed(b)), [])
        XCTAssertEqual(people(lists, .listed(a)), [3, 1, 2])
        XCTAssertEqual(people(lists, .one(5)), [5])
        XCTAssertEqual(people(lists, .none), [])
    }

    // As in a run: one thread adds lists and hands their numbers over (through a lock, as the
    // pipeline's hand-offs do), another reads each as it comes, while more are being added.
    func testAReaderOnAnotherThreadReadsEveryListWhileListsAreAdded() {
        let lists = SubjectLists()
        let handed = NSCondition()
        nonisolated(unsafe) var numbers: [Int32] = []
        nonisolated(unsafe) var done = false
        let count = 20_000
        @Sendable func list(_ i: Int) -> [Int32] { (0..<(i % 7)).map { Int32(i * 10 + $0) } }
        let writer = Thread {
            for i in 0..<count {
                let n = lists.add(list(i))
                handed.lock()
                numbers.append(n)
                handed.signal()
                handed.unlock()
            }
            handed.lock()
            done = true
            handed.signal()
            handed.unlock()
        }
        writer.start()
        var read = 0
        var wrong = 0
        while true {
            handed.lock()
            while read == numbers.count && !done { handed.wait() }
            let available = numbers[read...]
            let finished = done && read == numbers.count
            handed.unlock()
            if finished { break }
            for n in available where people(lists, .listed(n)) != list(Int(n)) { wrong += 1 }
            read += available.count
        }
        XCTAssertEqual(read, count)
        XCTAssertEqual(wrong, 0)
    }
}
