import XCTest
import TestSupport
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplayCache
@testable import ReplayPipeline
@testable import ReplayReporting

/// affected.csv's rows: per subject, its exposures, distinct viewers, first and last times,
/// rules and fields, in the people's order.
final class AffectedSubjectTests: XCTestCase {
    func incident(rules count: Int) throws -> Incident {
        let rules = (0..<count).map { i in
            "  - name: r\(String(format: "%02d", i))\n    path: /p\(i)/{id}\n    subject: viewer\n    fields: [f\(i % 3)]\n"
        }.joined()
        let yaml = "log:\n  pattern: combined\nviewer: $remote_user\nrules:\n" + rules
        let folder = TestFiles.folder()
        return try IncidentLoader.load(path: TestFiles.write(Data(yaml.utf8), "replay.yaml", in: folder))
    }

    func exposure(_ time: Int64, subject: Int32, viewer: Int32, rule: Int32) -> Exposure {
        Exposure(time: time, renderedAt: time, line: Int(time), subject: subject, viewer: viewer, rule: rule, file: 0, node: 0, fromCache: true)
    }

    func result(_ incident: Incident, people: Int, _ exposures: [Exposure]) -> ReplayResult {
        ReplayResult(incident: incident, window: Window(start: 0, end: 1_000_000), inputs: [], nodes: [], exposures: exposures,
                     people: (0..<people).map { "p\($0)" }, subjectCount: 0, viewerCount: 0, tally: MatchTally())
    }

    // Subjects 1 and 3 of six people; viewers repeat, one viewer is also a subject.
    func testSubjectsCountTheirDistinctViewersTimesAndRules() throws {
        let run = result(try incident(rules: 3), people: 6, [
            exposure(50, subject: 3, viewer: 5, rule: 2),
            exposure(10, subject: 1, viewer: 2, rule: 0),
            exposure(20, subject: 1, viewer: 2, rule: 1),
            exposure(30, subject: 1, viewer: 3, rule: 0),
            exposure(40, subject: 3, viewer: 2, rule: 2),
            exposure(60, subject: 1, viewer: 5, rule: 0),
            exposure(70, subject: 3, viewer: 5, rule: 2),
        ])
        let affected = AffectedSubject.from(run)
        XCTAssertEqual(affected.map(\.subject), ["p1", "p3"])
        XCTAssertEqual(affected.map(\.exposures), [4, 3])
        XCTAssertEqual(affected.map(\.viewers), [3, 2])
        XCTAssertEqual(affected.map(\.firstExposed), [10, 40])
        XCTAssertEqual(affected.map(\.lastExposed), [60, 70])
        XCTAssertEqual(affected.map(\.rules), [["r00", "r01"], ["r02"]])
        XCTAssertEqual(affected.map(\.fields), [["f0", "f1"], ["f2"]])
        XCTAssertEqual(AffectedSubject.from(run, []), [])
    }

    // Past 64 rules, the rules are gathered as pairs instead of bits: the same rows.
    func testManyRulesGiveTheSameRows() throws {
        let run = result(try incident(rules: 70), people: 4, [
            exposure(10, subject: 2, viewer: 0, rule: 69),
            exposure(20, subject: 2, viewer: 1, rule: 3),
            exposure(30, subject: 2, viewer: 0, rule: 69),
            exposure(40, subject: 0, viewer: 3, rule: 65),
        ])
        let affected = AffectedSubject.from(run)
        XCTAssertEqual(affected.map(\.subject), ["p0", "p2"])
        XCTAssertEqual(affected.map(\.viewers), [1, 2])
        XCTAssertEqual(affected.map(\.rules), [["r65"], ["r03", "r69"]])
        XCTAssertEqual(affected.map(\.fields), [["f2"], ["f0"]])
    }
}
