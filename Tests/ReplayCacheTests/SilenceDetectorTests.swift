import XCTest
@testable import ReplayCache

/// Silences measured against a node's traffic (issue "Attacked again", 3).
final class SilenceDetectorTests: XCTestCase {
    let minute: Int64 = 60_000

    func detector(adaptive: Bool = true, gap: Int64 = 600_000) -> SilenceDetector {
        SilenceDetector(coverage: Coverage(start: 0, end: 60 * minute, gap: gap, adaptive: adaptive))
    }

    /// 20 lines a second, then a pause of 2 minutes: 50 × 50 ms is under a minute, so a minute
    /// is allowed, and the pause counts. With log.gap at 10 minutes it does not.
    func testABusyNodesPauseCountsWhereTheFixedRuleMissesIt() {
        var busy = detector(), fixed = detector(adaptive: false)
        var t: Int64 = 0
        while t < 20 * minute { busy.observe(t); fixed.observe(t); t += 50 }
        let resumed = t + 2 * minute
        busy.observe(resumed)
        fixed.observe(resumed)
        XCTAssertEqual(busy.silences.map(\.threshold), [minute])
        XCTAssertEqual(busy.silences.first?.from, t - 50)
        XCTAssertEqual(fixed.silences, [], "ten minutes allowed: the fixed rule misses it")
        XCTAssertEqual(busy.longest?.to, resumed)
    }

    /// 2 lines a second: 50 × 500 ms = 25 s, under the minute's floor; 1 line every 4 s: 200 s.
    /// Fewer than 100 lines in the ten minutes before: ten minutes.
    func testTheThresholdFollowsTheRateBetweenAMinuteAndTen() {
        for (step, expected) in [(Int64(500), minute), (4_000, 200_000), (7_000, 600_000)] {
            var d = detector()
            var t: Int64 = 0
            while t < 15 * minute { d.observe(t); t += step }
            XCTAssertEqual(d.threshold(), expected, "a line every \(step) ms")
        }
    }

    /// At the edges, the first and last ten minutes of lines: a busy node that stops 9 minutes
    /// before the end of the span does not cover it (it did, under the fixed 10 minutes).
    func testABusyNodeThatStopsNineMinutesEarlyDoesNotCoverTheSpan() {
        var d = detector()
        var t: Int64 = 0
        while t <= 51 * minute { d.observe(t); t += 100 }
        XCTAssertEqual(d.edges.start, minute)
        XCTAssertEqual(d.edges.end, minute)
        let coverage = d.coverage
        XCTAssertNotNil(coverage.shortfall(first: 0, last: 51 * minute, silences: d.silences, edges: d.edges))
        XCTAssertNil(coverage.shortfall(first: 0, last: 51 * minute, silences: d.silences), "the fixed ten minutes let it pass")
    }
}
