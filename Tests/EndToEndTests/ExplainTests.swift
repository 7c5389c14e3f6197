import Foundation
import XCTest

/// `replay explain SUBJECT` (issue 13): what one person is told, never another person's id.
final class ExplainTests: XCTestCase {
    static let viewers = ["bob", "erin", "frank", "gina"]

    func explain(_ args: [String], in folder: URL) -> ReplayBinary.Outcome {
        ReplayBinary.run(["explain", "--out", "out"] + args, in: folder)
    }

    func json(_ outcome: ReplayBinary.Outcome) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], outcome.stdout)
    }

    func assertNamesNobodyElse(_ text: String, _ subject: String, file: StaticString = #filePath, line: UInt = #line) {
        for other in Self.viewers + ["alice", "carol", "dave", "zoe", "76561198000000097"] where other != subject {
            XCTAssertFalse(text.contains(other), "\(other) in: \(text)", file: file, line: line)
        }
        XCTAssertFalse(text.contains("@example.com"), "an email in: \(text)", file: file, line: line)
    }

    func testAConfirmedSubjectWithLocalTime() throws {
        let folder = try NotificationFolder.make()
        let steam = explain(["76561198000000097"], in: folder)
        XCTAssertEqual(steam.status, 0, steam.stderr)
        XCTAssertTrue(steam.stdout.contains("affected (confirmed)"), steam.stdout)
        XCTAssertTrue(steam.stdout.contains("data shown:   email (in all)\n"), steam.stdout)
        XCTAssertTrue(steam.stdout.contains("on page seller-profile:\n    data shown:  email\n"), steam.stdout)
        XCTAssertTrue(steam.stdout.contains("2015-12-25T19:55:00.000Z (UTC), 2015-12-25 20:55:00 GMT+1 (Europe/Berlin) local time"), steam.stdout)
        XCTAssertTrue(steam.stdout.contains("shown 1 time to 1 different person"), steam.stdout)
        assertNamesNobodyElse(steam.stdout + steam.stderr, "76561198000000097")

        // An id that looks like a formula is matched as the directory writes it, not as the
        // formula-safe cell of affected.csv.
        let formula = explain(["@SUM(1+1)"], in: folder)
        XCTAssertEqual(formula.status, 0)
        XCTAssertTrue(formula.stdout.contains("affected (confirmed)") && formula.stdout.contains("EST (America/New_York)"), formula.stdout)

        let alice = explain(["alice", "--json"], in: folder)
        XCTAssertEqual(alice.status, 0)
        let a = try json(alice)
        XCTAssertEqual(a["standing"] as? String, "confirmed")
        XCTAssertEqual(a["fields"] as? [String], ["email", "name"])
        XCTAssertEqual((a["confirmed"] as? [String: Int])?["exposures"], 2)
        XCTAssertEqual((a["confirmed"] as? [String: Int])?["viewers"], 2, "erin and frank, counted")
        let page = try XCTUnwrap((a["pages"] as? [[String: Any]])?.first)
        XCTAssertEqual((page["shown"] as? [String: String])?["last_local"], "2015-12-25 20:02:00 GMT (Europe/London)")
        assertNamesNobodyElse(alice.stdout, "alice")
    }

    /// Each page with its own kinds of data, times and counts: alice's billing address was on
    /// one page for one minute, her name and email on another; nothing merges the two.
    func testTheAnswerIsGivenPerPage() throws {
        let folder = try NotificationFolder.make(extraLines: [
            #"1451074800.000 10.0.0.2 "GET /billing/ HTTP/1.1" 200 MISS uid=alice"#,   // 20:20
            #"1451074860.000 10.0.0.3 "GET /billing/ HTTP/1.1" 200 HIT uid=bob"#,      // 20:21, to bob
        ], extraRules: """
          - name: billing-page
            path: /billing/
            subject: viewer
            fields: [billing_address]
        """)
        let alice = try json(explain(["alice", "--json"], in: folder))
        XCTAssertEqual(alice["fields"] as? [String], ["billing_address", "email", "name"])
        let pages = try XCTUnwrap(alice["pages"] as? [[String: Any]])
        XCTAssertEqual(pages.map { $0["rule"] as? String }, ["account-page", "billing-page"])
        XCTAssertEqual(pages.map { $0["fields"] as? [String] }, [["email", "name"], ["billing_address"]])
        XCTAssertEqual(pages.map { ($0["shown"] as? [String: String])?["first"] }, ["2015-12-25T20:01:00.000Z", "2015-12-25T20:21:00.000Z"])
        XCTAssertEqual(pages.map { ($0["shown"] as? [String: String])?["last"] }, ["2015-12-25T20:02:00.000Z", "2015-12-25T20:21:00.000Z"])
        XCTAssertEqual(pages.map { ($0["confirmed"] as? [String: Int])?["viewers"] }, [2, 1])
        XCTAssertNil(alice["shown"], "no merged first and last time")
        XCTAssertEqual((alice["confirmed"] as? [String: Int])?["viewers"], 3, "erin, frank and bob in all")

        let text = explain(["alice"], in: folder).stdout
        XCTAssertTrue(text.contains("""
          on page billing-page:
            data shown:  billing_address
            first shown: 2015-12-25T20:21:00.000Z (UTC), 2015-12-25 20:21:00 GMT (Europe/London) local time
            last shown:  2015-12-25T20:21:00.000Z (UTC), 2015-12-25 20:21:00 GMT (Europe/London) local time
            confirmed:   shown 1 time to 1 different person
        """), text)
        XCTAssertTrue(text.contains("  in all:       shown 3 times to 3 different people"), text)
        assertNamesNobodyElse(text, "alice")
    }


    func testEvidenceGivesFileAndLineButNoViewer() throws {
        let folder = try NotificationFolder.make()
        let alice = explain(["alice", "--evidence"], in: folder)
        XCTAssertEqual(alice.status, 0)
        XCTAssertTrue(alice.stdout.contains("logs/edge1/access.log:4"), alice.stdout)
        XCTAssertTrue(alice.stdout.contains("logs/edge1/access.log:5"), alice.stdout)
        assertNamesNobodyElse(alice.stdout, "alice")
        let evidence = try XCTUnwrap(try json(explain(["alice", "--evidence", "--json"], in: folder))["evidence"] as? [[String: Any]])
        XCTAssertEqual(evidence.map { $0["line"] as? Int }, [4, 5])
    }

    func testAPossibleSubject() throws {
        let folder = try NotificationFolder.make()
        let carol = explain(["carol"], in: folder)
        XCTAssertEqual(carol.status, 0, carol.stderr)
        XCTAssertTrue(carol.stdout.contains("possibly affected"), carol.stdout)
        XCTAssertTrue(carol.stdout.contains("may have been shown 1 time, to 1 different person"), carol.stdout)
        assertNamesNobodyElse(carol.stdout, "carol")
        XCTAssertEqual(try json(explain(["dave", "--json"], in: folder))["standing"] as? String, "possible")
    }

    func testUnaffectedAndUnknown() throws {
        let folder = try NotificationFolder.make()
        let zoe = explain(["zoe"], in: folder)
        XCTAssertEqual(zoe.status, 0)
        XCTAssertTrue(zoe.stdout.contains("zoe: not affected by this incident"), zoe.stdout)
        let nobody = explain(["nobody"], in: folder)
        XCTAssertEqual(nobody.status, 1)
        XCTAssertTrue(nobody.stdout.contains("unknown id"), nobody.stdout)
        XCTAssertEqual(try json(explain(["nobody", "--json"], in: folder))["standing"] as? String, "unknown")
        // summary.json records the directory by its absolute path and SHA-256: explain finds it
        // from any folder, even without the incident file.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("replay.yaml"))
        let parent = folder.deletingLastPathComponent(), out = folder.lastPathComponent + "/out"
        let far = ReplayBinary.run(["explain", "--out", out, "nobody"], in: parent)
        XCTAssertEqual(far.status, 1, far.stdout)
        XCTAssertTrue(far.stdout.contains("unknown id"), far.stdout)
        XCTAssertEqual(ReplayBinary.run(["explain", "--out", out, "zoe"], in: parent).status, 0)
        let alice = ReplayBinary.run(["explain", "--out", out, "alice"], in: parent)
        XCTAssertEqual(alice.status, 0)
        XCTAssertTrue(alice.stdout.contains("affected (confirmed)"), alice.stdout)

        // A directory changed since the run is refused: no exposure is then never "not affected".
        try (NotificationFolder.users + "nobody,n@example.com,N,SE,\n").write(to: folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        for id in ["nobody", "zoe"] {
            let unchecked = ReplayBinary.run(["explain", "--out", out, id], in: parent)
            XCTAssertEqual(unchecked.status, 1, unchecked.stdout)
            XCTAssertFalse(unchecked.stdout.contains("not affected"), unchecked.stdout)
            XCTAssertTrue(unchecked.stdout.contains("could not be checked against a directory") && unchecked.stdout.contains("changed since the run"),
                          unchecked.stdout)
            XCTAssertEqual(try json(ReplayBinary.run(["explain", "--out", out, id, "--json"], in: parent))["standing"] as? String, "unchecked")
        }
        // Named by hand, it is used as it is.
        let named = ReplayBinary.run(["explain", "--out", out, "--directory", folder.lastPathComponent + "/users.csv", "nobody"], in: parent)
        XCTAssertEqual(named.status, 0, named.stdout)
        XCTAssertTrue(named.stdout.contains("nobody: not affected"), named.stdout)
        // A confirmed person's answer does not depend on the directory.
        XCTAssertEqual(ReplayBinary.run(["explain", "--out", out, "alice"], in: parent).status, 0)
    }

    func testAnIncompleteRunSaysWhy() throws {
        let folder = try NotificationFolder.make(extraLines: ["this is not a log line"], expectStatus: 2)
        let zoe = explain(["zoe"], in: folder)
        XCTAssertEqual(zoe.status, 2)
        XCTAssertTrue(zoe.stdout.contains("no exposure found, but the run is incomplete because"), zoe.stdout)
        XCTAssertTrue(zoe.stdout.contains("rejected"), zoe.stdout)
        let alice = explain(["alice"], in: folder)
        XCTAssertEqual(alice.status, 2, "an affected person on an incomplete run: the answer may miss exposures")
        XCTAssertTrue(alice.stdout.contains("the run is incomplete because"), alice.stdout)
    }

    func testAChangedRunIsRefused() throws {
        let folder = try NotificationFolder.make()
        let affected = folder.appendingPathComponent("out/affected.csv")
        let handle = try FileHandle(forWritingTo: affected)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("zoe,1,1,2015-12-25T20:00:00.000Z,2015-12-25T20:00:00.000Z,account-page,email\r\n".utf8))
        try handle.close()
        let zoe = explain(["zoe"], in: folder)
        XCTAssertEqual(zoe.status, 1)
        XCTAssertTrue(zoe.stderr.contains("affected.csv does not match SHA256SUMS"), zoe.stderr)
        XCTAssertEqual(zoe.stdout, "")
        let elsewhere = ReplayBinary.run(["explain", "--out", "logs", "zoe"], in: folder)
        XCTAssertEqual(elsewhere.status, 1)
        XCTAssertTrue(elsewhere.stderr.contains("holds no SHA256SUMS"), elsewhere.stderr)
    }
}

/// The formula guard is injective (issue "Never a confident wrong answer, round 2"): `=x`,
/// `'=x` and `''=x` are three people in every output and in `explain`, not one.
final class DistinctIdsTests: XCTestCase {
    func testIdsThatDifferByTheGuardStayDistinct() throws {
        let seller = { (id: String, time: Int, viewer: String) in
            #"\#(1451073360 + time).000 10.0.0.9 "GET /sellers/\#(id)/profile HTTP/1.1" 200 - uid=\#(viewer)"#
        }
        let folder = try NotificationFolder.make(extraLines: [
            seller("=x", 1, "bob"),
            seller("'=x", 2, "bob"), seller("'=x", 3, "erin"),
            seller("''=x", 4, "bob"), seller("''=x", 5, "erin"), seller("''=x", 6, "frank"),
        ].sorted())
        let out = folder.appendingPathComponent("out")
        let written = ReplayBinary.rows(out.appendingPathComponent("affected.csv")).map { $0.split(separator: ",").first.map(String.init) ?? "" }
        for cell in ["'=x", "''=x", "'''=x"] { XCTAssertEqual(written.filter { $0 == cell }.count, 1, "\(cell) written in \(written)") }
        let affected = ReplayBinary.records(out.appendingPathComponent("affected.csv")).map { $0[0] }
        for id in ["=x", "'=x", "''=x"] { XCTAssertEqual(affected.filter { $0 == id }.count, 1, "\(id) read back from \(affected)") }
        let exposures = ReplayBinary.records(out.appendingPathComponent("exposures.csv"))
        XCTAssertEqual(exposures.filter { $0[3] == "'=x" }.count, 2, "'=x, written ''=x, seen twice")
        for (id, times) in [("=x", 1), ("'=x", 2), ("''=x", 3)] {
            let answer = ReplayBinary.run(["explain", "--out", "out", id, "--json"], in: folder)
            XCTAssertEqual(answer.status, 0, answer.stderr)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any], answer.stdout)
            XCTAssertEqual((json["confirmed"] as? [String: Int])?["exposures"], times, id)
        }
    }
}
