import XCTest
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplayCache

/// A hole in a node's logs makes its cache uncertain (issue "Attacked again", 2): a delivery
/// after it may have served a render made in the hole, unless a store surely after the hole
/// hides it. Exact replay (stores certain, instants); a silence of 3 s against a `log.gap` of 2 s.
final class HoleTests: XCTestCase {
    let window = Window(start: 10_000, end: 20_000)
    var line = 0

    func node(viewerRule: Bool) -> NodeReplay {
        NodeReplay(name: "edge1", window: window, reorder: 100, coverage: Coverage(start: 10_000, end: 20_000, gap: 2_000),
                   lists: SubjectLists(), viewerRules: [viewerRule])
    }

    func request(_ time: Int64, _ status: CacheStatusClass, viewer: Int32, subject: Int32?) -> Request {
        line += 1
        return Request(time: time, file: 0, line: line, rule: 0, head: false, cacheStatus: status, key: 0, viewer: viewer,
                       subjects: subject.map { .one($0) } ?? .none)
    }

    func replay(_ node: NodeReplay, _ requests: [Request]) -> [String] {
        for r in requests { node.accept(r, late: !node.observe(r.time)) }
        node.finish()
        return node.sightings.map { "\($0.subject)->\($0.viewer)@\($0.time) \($0.candidates == 0 ? "confirmed" : "possible")" }
    }

    /// alice's page stored at 11 s; silence from 12 s to 15 s; bob's HIT at 16 s. The hole may have
    /// stored carol's page (a path rule names its subject: the delivering request's, 7).
    func testAHitAfterASilenceIsPossibleAtBest() {
        let n = node(viewerRule: false)
        let seen = replay(n, [request(11_000, .stored, viewer: 1, subject: 7), request(12_000, .origin, viewer: 9, subject: nil),
                              request(15_000, .served, viewer: 2, subject: 7), request(16_000, .served, viewer: 3, subject: 7)])
        XCTAssertEqual(n.holes, [Hole(from: 12_000, to: 15_000, cause: .silence)])
        XCTAssertEqual(seen, ["7->1@11000 confirmed", "7->2@15000 possible", "7->3@16000 possible"])
        XCTAssertEqual(n.counts.possibleFromHole, 2)
    }

    /// A store after the hole hides it: the HIT after that store is confirmed again.
    func testAStoreAfterTheHoleHidesIt() {
        let n = node(viewerRule: false)
        let seen = replay(n, [request(11_000, .stored, viewer: 1, subject: 7), request(12_000, .origin, viewer: 9, subject: nil),
                              request(15_000, .stored, viewer: 4, subject: 8), request(16_000, .served, viewer: 3, subject: 8)])
        XCTAssertEqual(seen, ["7->1@11000 confirmed", "8->4@15000 confirmed", "8->3@16000 confirmed"])
    }

    /// On a `subject: viewer` page a render made in the hole showed someone the logs cannot name:
    /// the delivery is counted as possibly exposing (the run is incomplete), its logged
    /// candidate's pair possible.
    func testOnAViewersPageTheHoleIsPossiblyExposing() {
        let n = node(viewerRule: true)
        let seen = replay(n, [request(11_000, .stored, viewer: 1, subject: 1), request(12_000, .origin, viewer: 9, subject: nil),
                              request(16_000, .served, viewer: 3, subject: 3)])
        XCTAssertEqual(seen, ["1->3@16000 possible"], "alice's own page to alice is no exposure")
        XCTAssertEqual(n.counts.possiblyExposingFromHoles, 1)
    }

    /// Two members lost before a line closes the first hole: one hole, closed by the next line
    /// at the latest lost line's time, never left open to the end of time.
    func testTwoLostMembersInARowLeaveOneClosedHole() {
        let n = node(viewerRule: false)
        for r in [request(11_000, .stored, viewer: 1, subject: 7)] { n.accept(r, late: !n.observe(r.time)) }
        for lost in [Int64(11_500), 11_700] {
            n.takeCheckpoint()
            for r in [request(lost, .stored, viewer: 5, subject: 7)] { n.accept(r, late: !n.observe(r.time)) }
            n.rollBack()
        }
        _ = replay(n, [request(11_600, .served, viewer: 3, subject: 7), request(12_000, .stored, viewer: 4, subject: 9),
                       request(12_500, .served, viewer: 6, subject: 9)])
        XCTAssertEqual(n.holes, [Hole(from: 10_900, to: 11_700, cause: .damagedMember)], "closed at the lost lines' newest")
        XCTAssertEqual(n.sightings.last.map { "\($0.subject)->\($0.viewer) \($0.candidates)" }, "9->6 0", "a store after the hole: confirmed")
    }

    /// A late HIT whose key holds a render stored after it served an older one: unresolved, and
    /// the subject its page names is possible.
    func testALateHitAfterANewerStoreIsPossible() {
        let n = node(viewerRule: false)
        // The origin line at 12.5 s releases the store at 12 s before the late HIT at 11 s arrives.
        let seen = replay(n, [request(10_500, .stored, viewer: 1, subject: 7), request(12_000, .stored, viewer: 2, subject: 7),
                              request(12_500, .origin, viewer: 9, subject: nil), request(11_000, .served, viewer: 3, subject: 7)])
        XCTAssertEqual(seen, ["7->1@10500 confirmed", "7->2@12000 confirmed", "7->3@11000 possible"])
        XCTAssertEqual(n.counts.unresolved, 1)
        XCTAssertEqual(n.holes.map(\.cause), [.lateLine], "listed")
    }

    /// A rolled-back member leaves a hole from the oldest line not yet replayed to the next line.
    func testARolledBackMemberLeavesAHole() {
        let n = node(viewerRule: false)
        for r in [request(11_000, .stored, viewer: 1, subject: 7)] { n.accept(r, late: !n.observe(r.time)) }
        n.takeCheckpoint()
        for r in [request(11_500, .stored, viewer: 5, subject: 7)] { n.accept(r, late: !n.observe(r.time)) }
        n.rollBack()
        let seen = replay(n, [request(11_800, .served, viewer: 3, subject: 7)])
        XCTAssertEqual(n.holes, [Hole(from: 10_900, to: 11_800, cause: .damagedMember)])
        XCTAssertEqual(seen, ["7->1@11000 confirmed", "7->3@11800 possible"])
    }
}
