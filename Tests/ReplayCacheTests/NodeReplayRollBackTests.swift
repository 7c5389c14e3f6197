import XCTest
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplayCache

/// A node rolled back to a checkpoint is exactly the node that never saw what came after it —
/// its cache, its held requests, its counts and its sightings — but for the hole the lost lines
/// leave (`Hole`): the clean node is given the same hole where the lines were lost.
final class NodeReplayRollBackTests: XCTestCase {
    let window = Window(start: 1_000, end: 100_000)

    /// A stream of requests on a few keys: stores, cache hits, renders, out of order within the
    /// reorder allowance, viewers 0…9 whose own pages show themselves.
    func requests(_ range: Range<Int>, seed: Int) -> [Request] {
        var state = UInt64(seed)
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return range.map { i in
            let status: CacheStatusClass = [.stored, .served, .served, .origin, .refresh][next(5)]
            let viewer = Int32(next(10))
            // For the replay with candidates: stores certain, undecided or declined, fresh hits.
            var timing = RequestTiming()
            if status == .stored || status == .refresh { timing.store = [.certain, .maybe, .maybe, .declined][next(4)] }
            timing.fresh = status == .served && next(2) == 0
            return Request(time: Int64(1_000 + i * 50 - next(300)), file: 0, line: i + 1, rule: 0, head: next(9) == 0,
                           cacheStatus: status, key: Int32(next(6)), viewer: viewer, subjects: .one(viewer), timing: timing)
        }
    }

    /// With `candidates`, the replay of SPEC 3.7 (uncertain stores, requests up to 300 ms).
    var candidates = false

    func node() -> NodeReplay {
        let uncertainty = candidates ? Uncertainty(exact: false, maxRequest: 300, spans: false, lock: false, horizon: 300, maxAge: nil) : .none
        return NodeReplay(name: "edge1", window: window, reorder: 400, coverage: Coverage(start: 1_000, end: 100_000, gap: 600_000),
                          lists: SubjectLists(), uncertainty: uncertainty)
    }

    func feed(_ node: NodeReplay, _ list: [Request]) {
        for r in list {
            let onTime = node.observe(r.time)
            node.accept(r, late: !onTime)
        }
    }

    func state(_ node: NodeReplay) -> [String] {
        node.finish()
        return [node.counts.exposures, node.counts.renders, node.counts.deliveries, node.counts.unresolved, node.counts.lateLines].map(String.init)
            + [node.counts.possible].map(String.init)
            + node.sightings.map { "\($0.time) \($0.line) \($0.subject) \($0.viewer) \($0.renderedAt) \($0.fromCache) \($0.candidates)" }
    }

    func testRollBackForgetsEverythingSinceTheCheckpoint() {
        for seed in 1...20 {
            let before = requests(0..<300, seed: seed)
            let damaged = requests(300..<700, seed: seed + 100)
            let after = requests(300..<600, seed: seed + 200)

            let rolled = node()
            feed(rolled, before)
            rolled.takeCheckpoint()
            feed(rolled, damaged)
            rolled.rollBack()
            feed(rolled, after)

            let clean = node()
            feed(clean, before)
            clean.markLinesLost(upTo: damaged.map(\.time).max()!)
            feed(clean, after)
            XCTAssertEqual(state(rolled), state(clean), "seed \(seed)")
        }
    }

    func testCommitKeepsWhatCameAfterTheCheckpoint() {
        let list = requests(0..<600, seed: 3)
        let committed = node()
        feed(committed, Array(list[..<250]))
        committed.takeCheckpoint()
        feed(committed, Array(list[250...]))
        committed.commit()
        let plain = node()
        feed(plain, list)
        let expected = state(plain)
        XCTAssertGreaterThan(expected.count, 10, "the stream exposes someone")
        XCTAssertEqual(state(committed), expected)
    }

    /// The same, for the replay with candidates: its waiting deliveries, its keys' histories
    /// and the stores a fresh hit proved are undone too.
    func testRollBackAndCommitWithCandidates() {
        candidates = true
        testRollBackForgetsEverythingSinceTheCheckpoint()
        testCommitKeepsWhatCameAfterTheCheckpoint()
        let n = node()
        feed(n, requests(0..<300, seed: 5))
        XCTAssertGreaterThan(state(n).count, 10)
    }
}
