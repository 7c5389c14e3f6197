import XCTest
@testable import ReplaySupport
@testable import ReplayCache
@testable import ReplayPipeline

final class ExposureMergeTests: XCTestCase {
    /// A group whose people are interned in the order given (not bytewise).
    /// A group of one node and one file, whose people are interned in the order given (not bytewise).
    func group(_ node: String, file: Int, people: [String], sightings: [(time: Int64, line: Int, subject: Int, viewer: Int)]) -> GroupOutcome {
        var outcome = GroupOutcome()
        outcome.accounts = [(file, InputAccount(path: "\(node).log"))]
        outcome.people = ByteInterner(capacity: 16)
        for p in people { _ = outcome.people.intern(p) }
        outcome.sightings = [(node, sightings.map { s in
            Sighting(time: s.time, rule: 0, subject: Int32(s.subject), viewer: Int32(s.viewer), file: Int32(file), line: s.line,
                     fromCache: false, renderedAt: s.time)
        })]
        return outcome
    }

    func testOneNumberingInBytewiseOrderAndEvidenceOrder() {
        var outcomes = [
            group("edge2", file: 1, people: ["zoe", "anna", "bob"], sightings: [(2000, 7, 1, 0), (1000, 3, 1, 2), (2000, 7, 2, 0)]),
            group("edge1", file: 0, people: ["carl", "bob", "unseen"], sightings: [(1500, 1, 1, 0), (2000, 2, 0, 1)]),
        ]
        for g in outcomes.indices { outcomes[g].order(fileRanks: [0, 1]) }
        let merged = ExposureMerge(&outcomes, nodeIndex: ["edge1": 0, "edge2": 1], fileRanks: [0, 1])
        XCTAssertEqual(merged.people, ["anna", "bob", "carl", "zoe"], "people named by sightings, once each, bytewise")
        let rows = merged.exposures.map { e in "\(e.time) \(e.node) \(e.line) \(merged.people[Int(e.subject)])>\(merged.people[Int(e.viewer)])" }
        XCTAssertEqual(rows, ["1000 1 3 anna>bob", "1500 0 1 bob>carl", "2000 0 2 carl>bob", "2000 1 7 anna>zoe", "2000 1 7 bob>zoe"])
        XCTAssertEqual(merged.subjects, 3)
        XCTAssertEqual(merged.viewers, 3)
    }
}
