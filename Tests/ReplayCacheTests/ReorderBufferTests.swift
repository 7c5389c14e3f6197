import XCTest
@testable import ReplaySupport
@testable import ReplayCache

final class ReorderBufferTests: XCTestCase {
    /// A request told apart by its line.
    func request(_ time: Int64, _ line: Int) -> Request {
        Request(time: time, file: 0, line: line, rule: 0, head: false, cacheStatus: .origin,
                key: -1, viewer: 0, subjects: .none)
    }

    func testReleasesInTimeOrderEqualTimesInArrivalOrder() {
        var buffer = ReorderBuffer(allowance: 1000)
        var released: [Int] = []
        let times: [Int64] = [5000, 4500, 5000, 4200, 7000, 9000, 8500, 12000]
        for (i, t) in times.enumerated() {
            XCTAssertFalse(buffer.isLate(t))
            buffer.observe(t)
            buffer.push(request(t, i))
            buffer.release { released.append($0.line) }
        }
        buffer.drain { released.append($0.line) }
        XCTAssertEqual(released, [3, 1, 0, 2, 4, 6, 5, 7])
    }

    /// Each request is shown to the look-ahead once, before its own release and at most a run
    /// ahead of it, and only when it is released in the same call.
    func testLookAheadShowsEachReleasedRequestOnceAndAheadOfIt() {
        var buffer = ReorderBuffer(allowance: 1000)
        var events: [(shown: Bool, line: Int)] = []
        var line = 0
        for second in 0..<20 {
            // Whole seconds: a second's 150 requests become due together.
            for _ in 0..<150 {
                let t = Int64(second) * 1000
                buffer.observe(t)
                buffer.push(request(t, line))
                line += 1
            }
            buffer.release({ events.append((false, $0.line)) }, lookAhead: { events.append((true, $0.line)) })
            let released = events.filter { !$0.shown }.map(\.line)
            XCTAssertEqual(released, Array(0..<released.count), "released in order")
            XCTAssertEqual(events.filter(\.shown).map(\.line), released, "shown once each, only if released in this call")
        }
        buffer.drain({ events.append((false, $0.line)) }, lookAhead: { events.append((true, $0.line)) })
        XCTAssertEqual(events.filter { !$0.shown }.map(\.line), Array(0..<line))
        XCTAssertEqual(events.filter(\.shown).map(\.line), Array(0..<line))
        for (i, e) in events.enumerated() where !e.shown {
            let shownAt = events.firstIndex { $0.shown && $0.line == e.line }!
            XCTAssertLessThan(shownAt, i, "line \(e.line) is shown before it is released")
            let releasedBetween = events[shownAt..<i].filter { !$0.shown }.count
            XCTAssertLessThan(releasedBetween, ReorderBuffer.lookAheadRun)
        }
    }

    func testLateLinesAreThoseBeyondTheAllowance() {
        var buffer = ReorderBuffer(allowance: 1000)
        buffer.observe(10_000)
        XCTAssertFalse(buffer.isLate(9000), "exactly the allowance behind is on time")
        XCTAssertTrue(buffer.isLate(8999))
    }

    func testJitteredLogsComeOutAsAStableSortByTime() {
        var generator = SystemRandomNumberGenerator()
        var buffer = ReorderBuffer(allowance: 5000)
        var released: [(Int64, Int)] = []
        var pushed: [(Int64, Int)] = []
        for i in 0..<30_000 {
            // Mostly in order, some lines up to 5 s early, many equal times.
            let t = Int64(i / 3) * 10 - (Int.random(in: 0..<10, using: &generator) == 0 ? Int64.random(in: 0...5000, using: &generator) : 0)
            guard !buffer.isLate(t) else { continue }
            buffer.observe(t)
            buffer.push(request(t, i))
            pushed.append((t, i))
            buffer.release { released.append(($0.time, $0.line)) }
            XCTAssertEqual(pushed.count - released.count, buffer.held)
        }
        buffer.drain { released.append(($0.time, $0.line)) }
        let expected = pushed.enumerated().sorted { a, b in a.element.0 != b.element.0 ? a.element.0 < b.element.0 : a.offset < b.offset }
        XCTAssertEqual(released.map(\.1), expected.map(\.element.1))
        XCTAssertEqual(buffer.held, 0)
    }

    func testMemoryStaysWithinTheAllowance() {
        var buffer = ReorderBuffer(allowance: 1000)
        var released = 0
        for i in 0..<100_000 {
            let t = Int64(i) * 100
            buffer.observe(t)
            buffer.push(request(t, i))
            buffer.release { _ in released += 1 }
            XCTAssertLessThanOrEqual(buffer.held, 12, "only the last second's requests are held")
            XCTAssertEqual(i + 1 - released, buffer.held)
        }
    }
}

final class ByteInternerTests: XCTestCase {
    func testSameBytesSameNumberAcrossGrowth() {
        let interner = ByteInterner(capacity: 4)
        var ids: [Int32] = []
        for i in 0..<5000 { ids.append(interner.intern("key-\(i)/" + String(repeating: "x", count: i % 23))) }
        XCTAssertEqual(Set(ids).count, 5000)
        for i in stride(from: 0, to: 5000, by: 7) {
            XCTAssertEqual(interner.intern("key-\(i)/" + String(repeating: "x", count: i % 23)), ids[i])
        }
        XCTAssertEqual(interner.string(ids[42]), "key-42/" + String(repeating: "x", count: 42 % 23))
        XCTAssertEqual(interner.intern(""), interner.intern(""))
        XCTAssertEqual(interner.withBytes(interner.intern("anon:1.2.3.4")) { Array($0) }, Array("anon:1.2.3.4".utf8))
    }
}
