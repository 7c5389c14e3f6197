import XCTest
@testable import ReplayCache

/// A key's events: two in place, more in an array, the same list either way.
final class EventListTests: XCTestCase {
    private func event(_ order: Int64, certain: Bool = false) -> KeyHistory.Event {
        KeyHistory.Event(render: Render(time: order * 10, rule: 0, exposing: true, subjects: .one(Int32(order))),
                         lookup: .at(Moment(time: order * 10, order: 2 * order)), store: .at(Moment(time: order * 10, order: 2 * order + 1)),
                         stores: true, certain: certain, order: order)
    }

    private func orders(_ list: EventList) -> [Int64] { list.map(\.order) }

    private func bufferOrders(_ list: inout EventList) -> [Int64] {
        list.withUnsafeBufferPointer { $0.map(\.order) }
    }

    func testAppendsInPlaceThenSpillsInOrder() {
        var list = EventList()
        XCTAssertTrue(list.isEmpty)
        for n in 1...5 {
            list.append(event(Int64(n)))
            XCTAssertEqual(orders(list), Array(1...Int64(n)))
            XCTAssertEqual(bufferOrders(&list), Array(1...Int64(n)))
            XCTAssertEqual(list.count, n)
        }
    }

    func testRemovesFromEitherPlaceAndKeepsOrder() {
        // In place: each of the four outcomes of two events.
        for (drop, left) in [([Int64](), [Int64(1), 2]), ([1], [2]), ([2], [1]), ([1, 2], [])] {
            var list = EventList([event(1), event(2)])
            list.removeAll { drop.contains($0.order) }
            XCTAssertEqual(orders(list), left, "dropping \(drop)")
            XCTAssertEqual(bufferOrders(&list), left)
            list.append(event(9))
            XCTAssertEqual(orders(list), left + [9])
        }
        // Spilled: the array kept while events are left, and growing again from there.
        var list = EventList((1...6).map { event($0) })
        list.removeAll { $0.order % 2 == 0 }
        XCTAssertEqual(orders(list), [1, 3, 5])
        list.removeAll { $0.order == 3 }
        XCTAssertEqual(orders(list), [1, 5])
        XCTAssertEqual(bufferOrders(&list), [1, 5])
        list.append(event(7))
        list.append(event(8))
        XCTAssertEqual(orders(list), [1, 5, 7, 8])
    }

    func testChangesAnEventWhereItLies() {
        var list = EventList([event(1), event(2)])
        list[1].certain = true
        XCTAssertEqual(list.map(\.certain), [false, true])
        list.append(event(3))
        list[0].certain = true
        XCTAssertEqual(list.map(\.certain), [true, true, false])
        list.sort { $0.order > $1.order }
        XCTAssertEqual(orders(list), [3, 2, 1])
    }
}
