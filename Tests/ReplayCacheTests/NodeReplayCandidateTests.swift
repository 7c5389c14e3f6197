import XCTest
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplayCache

/// The candidate rule of SPEC §3.7, case by case, on hand-written requests: which renders a
/// cache delivery may have served when the logs leave stores or times open, and which pairs
/// come out confirmed or possible.
final class NodeReplayCandidateTests: XCTestCase {
    let window = Window(start: 10_000, end: 100_000)
    var line = 0

    func node(maxRequest: Int64 = 0, spans: Bool = false, lock: Bool = false, horizon: Int64? = nil) -> NodeReplay {
        let u = Uncertainty(exact: false, maxRequest: maxRequest, spans: spans, lock: lock, horizon: horizon ?? maxRequest, maxAge: nil)
        return NodeReplay(name: "edge1", window: window, reorder: 60_000, coverage: Coverage(start: 10_000, end: 100_000, gap: 600_000),
                          lists: SubjectLists(), uncertainty: u)
    }

    /// A request logged at `time`; `store` for a stored-status line; `took`/`upstream` in ms.
    func request(_ time: Int64, _ status: CacheStatusClass, viewer: Int32, subject: Int32? = nil, store: RequestTiming.Store = .none,
                 fresh: Bool = false, took: Int32 = -1, upstream: Int32 = -1) -> Request {
        line += 1
        var timing = RequestTiming()
        timing.store = store
        timing.fresh = fresh
        timing.took = took
        timing.upstream = upstream
        return Request(time: time, file: 0, line: line, rule: 0, head: false, cacheStatus: status, key: 0, viewer: viewer,
                       subjects: subject.map { .one($0) } ?? .none, timing: timing)
    }

    func replay(_ node: NodeReplay, _ requests: [Request]) {
        for r in requests { node.accept(r, late: !node.observe(r.time)) }
        node.finish()
    }

    /// The cache deliveries' pairs: "subject->viewer confirmed" or "subject->viewer possible/N".
    func pairs(_ node: NodeReplay) -> [String] {
        node.sightings.filter(\.fromCache).map { "\($0.subject)->\($0.viewer) " + ($0.candidates == 0 ? "confirmed" : "possible/\($0.candidates)") }
    }

    // A table's page shows many people: each is counted over the candidates, past the
    // short list's length too (40 subjects, 30 of them on both candidates).
    func testManySubjectsPerRenderAreCountedOverTheCandidates() {
        let lists = SubjectLists()
        let first = lists.add(Array(100..<140))
        let second = lists.add(Array(110..<150))
        let u = Uncertainty(exact: false, maxRequest: 0, spans: false, lock: false, horizon: 0, maxAge: nil)
        let n = NodeReplay(name: "edge1", window: window, reorder: 60_000, coverage: Coverage(start: 10_000, end: 100_000, gap: 600_000),
                           lists: lists, uncertainty: u)
        var a = request(11_000, .stored, viewer: 1, store: .maybe)
        a.subjects = .listed(first)
        var b = request(13_000, .stored, viewer: 2, store: .maybe)
        b.subjects = .listed(second)
        replay(n, [a, request(12_000, .served, viewer: 9, fresh: true), b, request(14_000, .served, viewer: 8, fresh: false)])
        XCTAssertEqual(n.sightings.filter { $0.viewer == 9 }.map(\.subject), Array(100..<140), "the fresh hit proves a's store")
        let served = n.sightings.filter { $0.viewer == 8 }
        XCTAssertEqual(served.map(\.subject), Array(100..<150), "every subject once, in order")
        XCTAssertEqual(served.filter { $0.candidates == 0 }.map(\.subject), Array(110..<140), "shown by both candidates: confirmed")
        XCTAssertEqual(served.first { $0.subject == 145 }?.renderedAt, 13_000)
        XCTAssertEqual(served.first { $0.subject == 105 }?.renderedAt, 11_000)
    }

    // A fresh hit right after a miss proves that miss stored: exact, whatever `stores`.
    func testAFreshHitAfterAMissIsConfirmedWithStoresUncertain() {
        let n = node()
        replay(n, [request(11_000, .stored, viewer: 1, subject: 1, store: .maybe),
                   request(12_000, .served, viewer: 9, fresh: true),
                   request(13_000, .stored, viewer: 2, subject: 2, store: .maybe),
                   request(14_000, .served, viewer: 8, fresh: true)])
        XCTAssertEqual(pairs(n), ["1->9 confirmed", "2->8 confirmed"])
    }

    // A stale answer may come from an entry the latest miss did not replace: possible.
    func testAStaleAnswerAfterAnUncertainMissIsPossible() {
        let n = node()
        replay(n, [request(11_000, .stored, viewer: 1, subject: 1, store: .maybe),
                   request(12_000, .served, viewer: 9, fresh: true),
                   request(13_000, .stored, viewer: 2, subject: 2, store: .maybe),
                   request(14_000, .served, viewer: 8, fresh: false)])
        XCTAssertEqual(pairs(n), ["1->9 confirmed", "1->8 possible/2", "2->8 possible/2"])
        XCTAssertEqual(n.counts.possibleFromStores, 2)
    }

    // With stores certain, the same stale answer serves the latest store.
    func testAStaleAnswerAfterACertainMissIsConfirmed() {
        let n = node()
        replay(n, [request(11_000, .stored, viewer: 1, subject: 1, store: .certain),
                   request(13_000, .stored, viewer: 2, subject: 2, store: .certain),
                   request(14_000, .served, viewer: 8, fresh: false)])
        XCTAssertEqual(pairs(n), ["2->8 confirmed"])
    }

    // A `not_stored` condition: the miss's render goes to its requester only.
    func testADeclinedStoreIsNeverServed() {
        let n = node()
        replay(n, [request(11_000, .stored, viewer: 3, subject: 1, store: .certain),
                   request(13_000, .stored, viewer: 4, subject: 2, store: .declined),
                   request(14_000, .served, viewer: 8, fresh: false)])
        XCTAssertEqual(pairs(n), ["1->8 confirmed"])
        XCTAssertEqual(n.sightings.filter { !$0.fromCache }.map { "\($0.subject)->\($0.viewer)" }, ["1->3", "2->4"],
                       "each miss's own requester sees its page")
    }

    // Without spans, requests within `max_request` of each other may have overlapped: both
    // misses may be the one a hit served, and a hit that may have looked up before either may
    // have served an entry from before the logs (a third candidate). Later, both stores are
    // surely done, but either may have come last.
    func testOverlappingRequestsWithoutSpansArePossible() {
        let n = node(maxRequest: 2_000)
        replay(n, [request(11_000, .stored, viewer: 1, subject: 1, store: .certain),
                   request(11_500, .stored, viewer: 2, subject: 2, store: .certain),
                   request(12_000, .served, viewer: 9, fresh: true),
                   request(30_000, .served, viewer: 7, fresh: true)])
        XCTAssertEqual(pairs(n), ["1->9 possible/3", "2->9 possible/3", "1->7 possible/2", "2->7 possible/2"])
        XCTAssertEqual(n.counts.possibleFromTime, 4)
        let apart = node(maxRequest: 2_000)
        replay(apart, [request(11_000, .stored, viewer: 1, subject: 1, store: .certain),
                       request(15_000, .stored, viewer: 2, subject: 2, store: .certain),
                       request(30_000, .served, viewer: 7, fresh: true)])
        XCTAssertEqual(pairs(apart), ["2->7 confirmed"], "further apart than max_request, the logs decide")
    }

    // With spans: a slow client's miss stored when its upstream answer ended, long before its
    // line; a hit logged between the two got that render.
    func testASlowClientsMissStoredBeforeItsLine() {
        let n = node(spans: true, horizon: 60_000)
        replay(n, [request(20_000, .stored, viewer: 1, subject: 1, store: .certain, took: 50, upstream: 40),
                   request(24_293, .served, viewer: 9, fresh: true, took: 10),
                   request(25_610, .stored, viewer: 2, subject: 2, store: .certain, took: 2_000, upstream: 100)])
        XCTAssertEqual(pairs(n), ["2->9 confirmed"])
    }

    // With spans: a hit serves what was stored when it started, not when its line was written.
    func testAHitServesWhatWasStoredWhenItStarted() {
        let n = node(spans: true, horizon: 60_000)
        replay(n, [request(20_000, .stored, viewer: 1, subject: 1, store: .certain, took: 50, upstream: 40),
                   request(29_949, .stored, viewer: 2, subject: 2, store: .certain, took: 5, upstream: 5),
                   request(30_290, .served, viewer: 9, fresh: false, took: 1_377)])
        XCTAssertEqual(pairs(n), ["1->9 confirmed"])
    }

    // Seen on nginx: a miss whose upstream answer ended in the same millisecond as a hit's
    // lookup, each on its own worker, may have stored after it: the two are not ordered.
    func testTheSameMillisecondOrdersNothingBetweenRequests() {
        let n = node(spans: true, horizon: 60_000)
        replay(n, [request(41_163, .stored, viewer: 3, subject: 6, store: .certain, took: 112, upstream: 112),
                   request(41_294, .stored, viewer: 5, subject: 2, store: .certain, took: 147, upstream: 146),
                   request(41_294, .served, viewer: 4, fresh: true, took: 0)])
        XCTAssertEqual(pairs(n), ["2->4 possible/2", "6->4 possible/2"])
    }

    // With the lock, a hit may have waited for a store during its span: both renders possible.
    func testWithTheLockAHitMayHaveWaitedForAStore() {
        let n = node(spans: true, lock: true, horizon: 60_000)
        replay(n, [request(20_000, .stored, viewer: 1, subject: 1, store: .certain, took: 50, upstream: 40),
                   request(31_000, .stored, viewer: 2, subject: 2, store: .certain, took: 1_000, upstream: 900),
                   request(31_100, .served, viewer: 9, fresh: false, took: 1_000)])
        XCTAssertEqual(pairs(n), ["1->9 possible/2", "2->9 possible/2"])
        XCTAssertEqual(n.counts.possibleFromLock, 2)
    }

    // A background update's requester receives the old render, not its own; and its update
    // may not have replaced the entry (its response is not logged: a redirect is not stored),
    // so a later stale answer may serve either.
    func testARefreshNeverServesItsOwnRenderAndMayNotReplaceTheEntry() {
        let n = node(maxRequest: 2_000)
        replay(n, [request(11_000, .stored, viewer: 1, subject: 1, store: .certain),
                   request(20_000, .refresh, viewer: 5, subject: 5, store: .certain),
                   request(30_000, .served, viewer: 7, fresh: false)])
        XCTAssertEqual(pairs(n), ["1->5 confirmed", "1->7 possible/2", "5->7 possible/2"])
    }

    // A delivery with no store that may precede it is unresolved, as in SPEC §3.5.
    func testAHitWithNoCandidateIsUnresolved() {
        let n = node(maxRequest: 2_000)
        replay(n, [request(11_000, .served, viewer: 9, fresh: true),
                   request(20_000, .stored, viewer: 1, subject: 1, store: .certain)])
        XCTAssertEqual(pairs(n), [])
        XCTAssertEqual(n.counts.unresolved, 1)
    }

    // `RequestTiming.milliseconds` reads nginx's times: seconds with milliseconds, several
    // upstreams added, `-` for none.
    func testTimesAsNginxLogsThem() {
        func ms(_ s: String) -> Int32? { Array(s.utf8).withUnsafeBytes { RequestTiming.milliseconds($0) } }
        XCTAssertEqual(ms("1.377"), 1_377)
        XCTAssertEqual(ms("0.004"), 4)
        XCTAssertEqual(ms("2"), 2_000)
        XCTAssertEqual(ms("0.100, 0.250 : 0.005"), 355)
        XCTAssertNil(ms("-"))
        XCTAssertNil(ms(""))
        XCTAssertNil(ms("1.2.3"))
    }
}
