import Foundation
import XCTest

/// Ids compared as raw bytes everywhere (issue "Attacked again", 4 and 5): an id with a `\`
/// finds its directory row and its answer; a subject the directory gives two rows is named by
/// line, never by value.
final class IdsAsBytesTests: XCTestCase {
    let corpLines = [
        #"1451074800.000 10.0.0.2 "GET /account/ HTTP/1.1" 200 MISS uid=CORP\x5Calice"#,   // 20:20, nginx writes \ as \x5C
        #"1451074860.000 10.0.0.3 "GET /account/ HTTP/1.1" 200 HIT uid=bob"#,              // 20:21, to bob
    ]

    func testAnIdWithABackslashIsJoinedAndExplained() throws {
        let folder = try NotificationFolder.make(extraLines: corpLines, extraUsers: "CORP\\alice,corp@example.com,Corp A,DE,Europe/Berlin\n")
        let affected = ReplayBinary.records(folder.appendingPathComponent("out/affected.csv"))
        let header = try XCTUnwrap(affected.first)
        let row = try XCTUnwrap(affected.first { $0.first == "CORP\\x5Calice" }, "\(affected)")
        XCTAssertEqual(row[try XCTUnwrap(header.firstIndex(of: "email"))], "corp@example.com", "the directory's row is joined")
        for typed in ["CORP\\alice", "CORP\\x5Calice", "CORP\\x5calice"] {
            let answer = ReplayBinary.run(["explain", "--out", "out", typed], in: folder)
            XCTAssertEqual(answer.status, 0, answer.stderr)
            XCTAssertTrue(answer.stdout.hasPrefix("CORP\\x5Calice: affected (confirmed)"), answer.stdout)
        }
        XCTAssertEqual(ReplayBinary.run(["explain", "--out", "out", "CORP\\bob"], in: folder).status, 1, "an unknown id stays unknown")
    }

    /// An id with a line end and a right-to-left override is written with escapes in every
    /// output and in explain's answer: nothing reorders or splits the text around it.
    func testControlsInAnIdAreWrittenAsEscapes() throws {
        let folder = try NotificationFolder.make(extraLines: [
            #"1451074800.000 10.0.0.2 "GET /account/ HTTP/1.1" 200 MISS uid=ev\x0Ail\xE2\x80\xAEgpj"#,
            #"1451074860.000 10.0.0.3 "GET /account/ HTTP/1.1" 200 HIT uid=bob"#,
        ])
        let shown = "ev\\x0Ail\\x{202E}gpj"
        let affected = ReplayBinary.read(folder.appendingPathComponent("out/affected.csv"))
        XCTAssertTrue(affected.contains(shown), affected)
        XCTAssertFalse(affected.contains("\u{202E}"), "no raw override")
        let answer = ReplayBinary.run(["explain", "--out", "out", shown], in: folder)
        XCTAssertEqual(answer.status, 0, answer.stderr)
        XCTAssertTrue(answer.stdout.hasPrefix(shown + ": affected (confirmed)"), answer.stdout)
        XCTAssertFalse(answer.stdout.contains("\u{202E}"))
    }

    func testADuplicateDirectoryRowMakesTheRunIncomplete() throws {
        // alice twice, with two emails; carol twice with the same row (no doubt: not a duplicate).
        let folder = try NotificationFolder.make(extraUsers: "alice,other@example.com,-Alice-,GB,Europe/London\n"
                                                 + "carol,carol@example.com,\"Carol, C.\",FR,Europe/Paris\n", expectStatus: 2)
        let run = ReplayBinary.run(["--window", "2015-12-25T19:50:00Z..2015-12-25T20:50:00Z", "--quiet", "--out", "again", "logs"], in: folder)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("directory-duplicate: users.csv gives 1 affected or possibly affected subject(s) two different rows (lines 4 and 12)")
                      || run.stderr.contains("gives 1 affected or possibly affected subject(s) two different rows (lines 4 and 12)"), run.stderr)
        XCTAssertFalse(run.stderr.contains("other@example.com") || run.stderr.contains("alice"), "no value, no id: \(run.stderr)")
        let summary = ReplayBinary.summary(folder.appendingPathComponent("again"))
        XCTAssertTrue((summary["incomplete_because"] as? [String] ?? []).contains { $0.hasPrefix("directory-duplicate:") })
    }
}
