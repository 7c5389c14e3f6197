import Foundation
import XCTest

/// Per-page windows (SPEC §2 `rules[].window`): a seller page that leaked for eight minutes
/// beside an account page that leaked for an hour, in one run.
final class PerRuleWindowTests: XCTestCase {
    static func folder(accountWindow: Bool) throws -> URL {
        let folder = try ReplayBinary.newFolder("rule-windows", logs: "logs/edge1")
        let lines = [
            #"1451073300.000 10.0.0.1 "GET /sellers/s1/profile HTTP/1.1" 200 - uid=bob"#,    // 19:55, in the seller page's window
            #"1451073600.000 10.0.0.2 "GET /account/ HTTP/1.1" 200 MISS uid=alice"#,         // 20:00
            #"1451073660.000 10.0.0.3 "GET /account/ HTTP/1.1" 200 HIT uid=erin"#,           // 20:01: alice's page, to erin
            #"1451073900.000 10.0.0.4 "GET /sellers/s1/profile HTTP/1.1" 200 - uid=carol"#,  // 20:05, after the seller page's window
            #"1451076590.000 10.0.0.5 "GET /static/app.js HTTP/1.1" 200 - uid=-"#,          // 20:49:50: the node's logs cover the window
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("logs/edge1/access.log"), atomically: true, encoding: .utf8)
        try """
        log:
          pattern: '$msec $remote_addr "$request" $status $upstream_cache_status uid=$cookie_uid'
          max_request: 0
          gap: 1h
        viewer: $cookie_uid
        cache:
          stores: certain
          key: $request_uri
          status: $upstream_cache_status
          max_age: 10m
        rules:
          - name: account-page
            path: /account/
            subject: viewer
            fields: [email]
        \(accountWindow ? "    window: 2015-12-25T19:50:00Z..2015-12-25T20:50:00Z" : "")
          - name: seller-profile
            path: /sellers/{seller}/profile
            subject: '{seller}'
            fields: [email]
            window: 2015-12-25T19:50:00Z..2015-12-25T19:58:00Z
        """.write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func pairs(_ folder: URL) -> [String] {
        ReplayBinary.records(folder.appendingPathComponent("out/exposures.csv")).dropFirst().map { "\($0[2]) \($0[3])->\($0[4])" }
    }

    func testEachPageIsExposingInItsOwnWindowWithoutWindowOption() throws {
        let f = try Self.folder(accountWindow: true)
        let run = ReplayBinary.run(["--quiet", "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(pairs(f), ["seller-profile s1->bob", "account-page alice->erin"], "carol's 20:05 seller page is after its window")
        let window = try XCTUnwrap(ReplayBinary.summary(f.appendingPathComponent("out"))["window"] as? [String: Any])
        XCTAssertEqual(window["start"] as? String, "2015-12-25T19:50:00.000Z")
        XCTAssertEqual(window["end"] as? String, "2015-12-25T20:50:00.000Z", "the run spans the earliest start to the latest end")
        let byRule = try XCTUnwrap(window["by_rule"] as? [String: [String: String]])
        XCTAssertEqual(byRule["seller-profile"]?["end"], "2015-12-25T19:58:00.000Z")
    }

    func testARuleWithoutAWindowNeedsTheOption() throws {
        let f = try Self.folder(accountWindow: false)
        let refused = ReplayBinary.run(["--quiet", "--out", "out", "logs"], in: f)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("no bug window for account-page"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.appendingPathComponent("out").path), "nothing written")
        let run = ReplayBinary.run(["--window", "2015-12-25T19:50:00Z..2015-12-25T20:50:00Z", "--quiet", "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(pairs(f), ["seller-profile s1->bob", "account-page alice->erin"])
    }

    func testABadRuleWindowIsRefusedByItsKey() throws {
        let f = try Self.folder(accountWindow: true)
        let yaml = f.appendingPathComponent("replay.yaml")
        try ReplayBinary.read(yaml).replacingOccurrences(of: "2015-12-25T19:58:00Z", with: "2015-12-25T19:58:00").write(to: yaml, atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--quiet", "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("rules[1].window"), run.stderr)
        XCTAssertTrue(run.stderr.contains("has no UTC offset"), run.stderr)
    }
}
