import Foundation
import XCTest
@testable import ReplayThreads

final class HandOffTests: XCTestCase {
    /// Several producers numbering their items from a shared sequence, finishing out of order:
    /// the consumer gets every item once, in number order.
    func testItemsComeOutInNumberOrderWhateverFinishesFirst() throws {
        let handOff = HandOff(items: (0..<5).map { _ in Box() }, producers: 3)
        let taken = Locked<[Int]>([])
        try Parallel.together(4) { part in
            if part == 3 {
                while let (number, box) = handOff.takeNext() {
                    XCTAssertEqual(box.value, number * 10)
                    taken.update { $0.append(number) }
                    handOff.giveBack(box)
                }
                return
            }
            while true {
                let (number, box) = handOff.takeEmptyNumbered()
                guard number < 200 else {
                    handOff.giveBack(box)
                    break
                }
                if number % 7 == part { usleep(50) }
                box.value = number * 10
                handOff.put(box, as: number)
            }
            handOff.producerDone()
        }
        XCTAssertEqual(taken.value, Array(0..<200))
    }

    /// One producer, several consumers that put results back in order through a second
    /// hand-off: the shape of the reading and parsing threads.
    func testConsumersGetDistinctNumbersAndTheEndComesOnce() throws {
        let lines = HandOff(items: (0..<3).map { _ in Box() })
        let parsed = HandOff<Int>(producers: 2)
        let out = Locked<[Int]>([])
        try Parallel.together(4) { part in
            switch part {
            case 0:
                for i in 0..<500 {
                    let box = lines.takeEmpty()
                    box.value = i
                    lines.put(box)
                }
                lines.producerDone()
            case 1, 2:
                while let (number, box) = lines.takeNext() {
                    let value = box.value
                    lines.giveBack(box)
                    parsed.put(value * 2, as: number)
                }
                parsed.producerDone()
            default:
                while let (_, value) = parsed.takeNext() { out.update { $0.append(value) } }
            }
        }
        XCTAssertEqual(out.value, (0..<500).map { $0 * 2 })
    }

    /// A producer never holds more than the set: it waits for an item to come back.
    func testAProducerWaitsForAFreeItem() throws {
        let handOff = HandOff(items: [Box(), Box()])
        let putCount = Locked(0)
        let producer = Parallel.aside { () -> Int in
            for _ in 0..<3 {
                handOff.put(handOff.takeEmpty())
                putCount.update { $0 += 1 }
            }
            handOff.producerDone()
            return 0
        }
        while putCount.value < 2 { usleep(1000) }
        usleep(50_000)
        XCTAssertEqual(putCount.value, 2, "the third waits: both items are out")
        handOff.giveBack(try XCTUnwrap(handOff.takeNext()).item)
        _ = producer.wait()
        XCTAssertEqual(putCount.value, 3)
    }

    /// An error thrown by one of the threads reaches the caller after all have ended.
    func testTogetherRethrows() {
        struct Failure: Error {}
        XCTAssertThrowsError(try Parallel.together(3) { part in if part == 1 { throw Failure() } })
    }
}

/// An item of a hand-off's set. Safe because the hand-off gives it to one thread at a time.
private final class Box: @unchecked Sendable {
    var value = 0
}
