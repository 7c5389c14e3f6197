import XCTest
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplayCache

/// The cache replay of one node, rule by rule of SPEC §3, on hand-written requests. Viewers and
/// subjects are numbers; a viewer's own page shows that viewer.
final class NodeReplayRulesTests: XCTestCase {
    let window = Window(start: 10_000, end: 20_000)
    var lists = SubjectLists()
    var line = 0

    func node(reorder: Int64 = 1_000, gap: Int64 = 60_000) -> NodeReplay {
        NodeReplay(name: "edge1", window: window, reorder: reorder, coverage: Coverage(start: 10_000, end: 20_000, gap: gap), lists: lists)
    }

    /// A request at `time` by `viewer`, whose render (if it makes one) shows `subject`.
    func request(_ time: Int64, _ status: CacheStatusClass, key: Int32 = 0, viewer: Int32, subject: Int32?, head: Bool = false) -> Request {
        line += 1
        return Request(time: time, file: 0, line: line, rule: 0, head: head, cacheStatus: status, key: key, viewer: viewer,
                       subjects: subject.map { .one($0) } ?? .none)
    }

    func replay(_ node: NodeReplay, _ requests: [Request]) {
        for r in requests { node.accept(r, late: !node.observe(r.time)) }
        node.finish()
    }

    /// Each sighting as "subject->viewer@time from render-time (cache|origin)".
    func seen(_ node: NodeReplay) -> [String] {
        node.sightings.map { "\($0.subject)->\($0.viewer)@\($0.time) from \($0.renderedAt) \($0.fromCache ? "cache" : "origin")" }
    }

    // §3.1 A render is a response the origin produced; its requester receives it.
    func testAnOriginResponseIsARenderDeliveredToItsRequester() {
        let n = node()
        replay(n, [request(12_000, .origin, viewer: 2, subject: 1), request(13_000, .stored, viewer: 3, subject: 4)])
        XCTAssertEqual(seen(n), ["1->2@12000 from 12000 origin", "4->3@13000 from 13000 origin"])
        XCTAssertEqual(n.counts.renders, 2)
        XCTAssertEqual(n.counts.deliveries, 2)
    }

    // §3.1 A HEAD request to a GET page renders it, and may store it, but delivers no body.
    func testAHeadRequestRendersAndStoresButDeliversNothing() {
        let n = node()
        replay(n, [request(12_000, .stored, viewer: 2, subject: 1, head: true), request(13_000, .served, viewer: 3, subject: nil)])
        XCTAssertEqual(seen(n), ["1->3@13000 from 12000 cache"], "only the later hit shows the HEAD's render")
        XCTAssertEqual(n.counts.renders, 1)
        XCTAssertEqual(n.counts.deliveries, 1)
    }

    // §3.2 A render is exposing when its time lies in the window, which is half-open.
    func testOnlyRendersInTheHalfOpenWindowExpose() {
        let n = node()
        replay(n, [request(9_999, .origin, viewer: 2, subject: 1), request(10_000, .origin, viewer: 2, subject: 1),
                   request(19_999, .origin, viewer: 2, subject: 1), request(20_000, .origin, viewer: 2, subject: 1)])
        XCTAssertEqual(seen(n), ["1->2@10000 from 10000 origin", "1->2@19999 from 19999 origin"])
    }

    // §3.3 A cache delivery serves the render stored last under its key, on its node.
    func testAHitDeliversTheRenderStoredLastUnderItsKey() {
        let n = node()
        replay(n, [request(11_000, .stored, key: 0, viewer: 1, subject: 1), request(12_000, .stored, key: 0, viewer: 2, subject: 2),
                   request(13_000, .stored, key: 1, viewer: 3, subject: 3), request(14_000, .served, key: 0, viewer: 9, subject: nil)])
        XCTAssertEqual(seen(n).last, "2->9@14000 from 12000 cache")
        XCTAssertEqual(n.counts.cacheDeliveries, 1)
    }

    // §3.3 Nodes never share a cache.
    func testNodesNeverShareACache() {
        let a = node(), b = node()
        replay(a, [request(11_000, .stored, viewer: 1, subject: 1)])
        replay(b, [request(12_000, .served, viewer: 9, subject: nil)])
        XCTAssertEqual(seen(b), [])
        XCTAssertEqual(b.counts.unresolved, 1)
    }

    // §3.3 A refresh receives the stored render, then its own render replaces it.
    func testARefreshReceivesTheStoredRenderThenReplacesIt() {
        let n = node()
        replay(n, [request(11_000, .stored, viewer: 1, subject: 1), request(12_000, .refresh, viewer: 5, subject: 5),
                   request(13_000, .served, viewer: 7, subject: nil)])
        XCTAssertEqual(seen(n), ["1->5@12000 from 11000 cache", "5->7@13000 from 12000 cache"])
        XCTAssertEqual(n.counts.renders, 2)
    }

    // §3.3 Lines are replayed in time order, put right within `log.reorder`.
    func testLinesOutOfOrderWithinTheAllowanceArePutRight() {
        let n = node(reorder: 1_000)
        replay(n, [request(12_600, .served, viewer: 9, subject: nil), request(12_000, .stored, viewer: 1, subject: 1)])
        XCTAssertEqual(seen(n), ["1->9@12600 from 12000 cache"])
        XCTAssertEqual(n.counts.lateLines, 0)
    }

    // §3.3 Lines with equal times keep their log order.
    func testLinesWithEqualTimesKeepTheirLogOrder() {
        let stored = node()
        replay(stored, [request(12_000, .stored, viewer: 1, subject: 1), request(12_000, .served, viewer: 9, subject: nil)])
        XCTAssertEqual(seen(stored).last, "1->9@12000 from 12000 cache")
        let hitFirst = node()
        replay(hitFirst, [request(12_000, .served, viewer: 9, subject: nil), request(12_000, .stored, viewer: 1, subject: 1)])
        XCTAssertEqual(hitFirst.counts.unresolved, 1, "the hit came first in the log: nothing was stored yet")
    }

    // §3.3 A line that lags further than `log.reorder` is counted as late.
    func testALineLaterThanTheAllowanceIsCountedLate() {
        let n = node(reorder: 1_000)
        replay(n, [request(15_000, .origin, viewer: 2, subject: 1), request(13_000, .origin, viewer: 2, subject: 1)])
        XCTAssertEqual(n.counts.lateLines, 1)
    }

    // §3.4 One exposure per (delivery, subject), never to the subject itself.
    func testOneExposurePerDeliveryAndSubjectNeverToTheSubjectItself() {
        let listed = lists.add([1, 2, 3])
        let n = node()
        line += 1
        let render = Request(time: 12_000, file: 0, line: line, rule: 0, head: false, cacheStatus: .stored, key: 0, viewer: 2,
                             subjects: .listed(listed))
        replay(n, [render, request(13_000, .served, viewer: 3, subject: nil)])
        XCTAssertEqual(seen(n), ["1->2@12000 from 12000 origin", "3->2@12000 from 12000 origin",
                                 "1->3@13000 from 12000 cache", "2->3@13000 from 12000 cache"])
        XCTAssertEqual(n.counts.exposures, 4)
    }

    // §3.4 The cache tail counts; a render made before the window does not.
    func testTheCacheTailCountsAndRendersBeforeTheWindowDoNot() {
        let tail = node()
        replay(tail, [request(19_000, .stored, viewer: 1, subject: 1), request(25_000, .served, viewer: 9, subject: nil)])
        XCTAssertEqual(seen(tail), ["1->9@25000 from 19000 cache"])
        let before = node()
        replay(before, [request(9_000, .stored, viewer: 1, subject: 1), request(12_000, .served, viewer: 9, subject: nil)])
        XCTAssertEqual(seen(before), [])
        XCTAssertEqual(before.counts.unresolved, 0, "the stored render is known: it exposes nobody")
    }

    // §3.5 A cache delivery whose stored render is not in the logs is unresolved, and counted.
    func testAHitWithNothingStoredIsUnresolved() {
        let n = node()
        replay(n, [request(9_000, .served, viewer: 9, subject: nil), request(12_000, .served, key: 3, viewer: 9, subject: nil)])
        XCTAssertEqual(n.counts.unresolved, 2)
        XCTAssertEqual(n.counts.unresolvedFromWindowStart, 1, "only the one at or after the window's start may have shown an exposing render")
        XCTAssertEqual(seen(n), [])
    }

    // §3.8 A silence longer than `log.gap` within the span the node must cover is noted.
    func testASilenceLongerThanTheGapIsNoted() {
        let n = node(gap: 2_000)
        replay(n, [request(10_500, .origin, viewer: 2, subject: nil), request(12_000, .origin, viewer: 2, subject: nil),
                   request(15_500, .origin, viewer: 2, subject: nil), request(17_000, .origin, viewer: 2, subject: nil)])
        XCTAssertEqual(n.silences, [Coverage.Silence(from: 12_000, to: 15_500, threshold: 2_000)])
        XCTAssertEqual(n.firstTime, 10_500)
        XCTAssertEqual(n.lastTime, 17_000)
    }
}
