import Foundation
import XCTest

/// Confirmed and possible (SPEC §3.7) on a hand-written log: a miss nginx declined to store (it
/// set a cookie) between a stored one and a stale answer. What really happened: bob's fresh
/// hit and dave's stale answer both showed alice's page.
final class ConfirmedAndPossibleTests: XCTestCase {
    let window = "2015-12-25T19:50:00Z..2015-12-25T19:50:20Z"
    let truth: Set<String> = ["alice->bob", "alice->dave"]

    func folder(cache: String) throws -> URL {
        let folder = try ReplayBinary.newFolder("possible", logs: "logs/edge1")
        let lines = [
            #"1451073001.000 10.0.0.1 "GET /account/ HTTP/1.1" 200 MISS uid=alice sc="-" rt=0.010 urt=0.008"#,
            #"1451073002.000 10.0.0.2 "GET /account/ HTTP/1.1" 200 HIT uid=bob sc="-" rt=0.001 urt=-"#,
            #"1451073010.000 10.0.0.3 "GET /account/ HTTP/1.1" 200 MISS uid=carol sc="sid=3; Path=/" rt=0.010 urt=0.008"#,
            #"1451073011.000 10.0.0.4 "GET /account/ HTTP/1.1" 200 STALE uid=dave sc="-" rt=0.001 urt=-"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("logs/edge1/access.log"), atomically: true, encoding: .utf8)
        try """
        log:
          pattern: '$msec $remote_addr "$request" $status $upstream_cache_status uid=$cookie_uid sc="$upstream_http_set_cookie" rt=$request_time urt=$upstream_response_time'
        viewer: $cookie_uid
        cache:
          key: $request_uri
          status: $upstream_cache_status
          max_age: 1m
        \(cache)
        rules:
          - name: account
            path: /account/
            subject: viewer
            fields: [email]
        """.write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// "subject->viewer" of each row of an output.
    func pairs(_ file: URL) -> [String] {
        ReplayBinary.records(file).dropFirst().map { "\($0[3])->\($0[4])" }
    }

    func testUncertainStoresGiveAnHonestBound() throws {
        let f = try folder(cache: "")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 0, run.stderr)
        let confirmed = Set(pairs(f.appendingPathComponent("out/exposures.csv")))
        let possible = Set(pairs(f.appendingPathComponent("out/possible-exposures.csv")))
        XCTAssertEqual(confirmed, ["alice->bob"], "bob's fresh hit right after alice's miss proves that miss stored")
        XCTAssertEqual(possible, ["alice->dave", "carol->dave"])
        XCTAssertTrue(confirmed.isSubset(of: truth))
        XCTAssertTrue(truth.isSubset(of: confirmed.union(possible)), "the promise: what happened lies within confirmed and possible")
        XCTAssertEqual(ReplayBinary.rows(f.appendingPathComponent("out/possible-exposures.csv")).first,
                       "time,node,rule,subject,viewer,file,line,delivery,rendered_at,candidates")
        XCTAssertEqual(pairs(f.appendingPathComponent("out/possibly-affected.csv")).count, 1, "carol: possible and not confirmed")
        XCTAssertTrue(run.stderr.contains("1 confirmed exposures; 2 possible pairs, 1 subjects possibly affected and not confirmed"), run.stderr)
        XCTAssertTrue(run.stderr.contains("cache.stores: uncertain"), run.stderr)
        let possibleSummary = try XCTUnwrap(ReplayBinary.summary(f.appendingPathComponent("out"))["possible"] as? [String: Any])
        XCTAssertEqual(possibleSummary["exposures"] as? Int, 2)
        XCTAssertEqual(possibleSummary["subjects"] as? Int, 1)
        XCTAssertEqual((possibleSummary["caused_by"] as? [String: Int])?["stores"], 2)
        XCTAssertTrue((possibleSummary["assumptions"] as? [String] ?? []).contains { $0.contains("cache.stores: uncertain") })
        // The timeline: per minute and rule, confirmed and possible, summing to the totals.
        let timeline = try XCTUnwrap(ReplayBinary.summary(f.appendingPathComponent("out"))["timeline"] as? [[String: Any]])
        XCTAssertEqual(timeline.map { $0["minute"] as? String }, ["2015-12-25T19:50:00.000Z"])
        XCTAssertEqual(timeline.first?["confirmed"] as? [String: Int], ["account": 1])
        XCTAssertEqual(timeline.first?["possible"] as? [String: Int], ["account": 2])
    }

    func testLoggingTheCookieMakesItExact() throws {
        let f = try folder(cache: "  stores: certain\n  not_stored: [$upstream_http_set_cookie]")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(Set(pairs(f.appendingPathComponent("out/exposures.csv"))), truth)
        XCTAssertEqual(ReplayBinary.rows(f.appendingPathComponent("out/possible-exposures.csv")).count, 1, "a header only")
        XCTAssertEqual(ReplayBinary.rows(f.appendingPathComponent("out/possibly-affected.csv")).count, 1, "a header only")
        XCTAssertFalse(run.stderr.contains("possible pairs"), run.stderr)
    }

    func testCheckSaysWhatTheLogsCannotDecide() throws {
        let f = try folder(cache: "")
        let open = ReplayBinary.run(["check", "logs"], in: f)
        XCTAssertTrue(open.stdout.contains("2 stored-status lines: 2 whose store the logs cannot decide (cache.stores: uncertain), 0 declined"), open.stdout)
        XCTAssertTrue(open.stdout.contains("2 cache deliveries, 1 of them depend on an undecided store"), open.stdout)
        XCTAssertTrue(open.stdout.contains("$request_time is logged: each request is a span, its store at its upstream answer's end"), open.stdout)
        let decided = try folder(cache: "  stores: certain\n  not_stored: [$upstream_http_set_cookie]")
        let exact = ReplayBinary.run(["check", "logs"], in: decided)
        XCTAssertTrue(exact.stdout.contains("2 stored-status lines: 0 whose store the logs cannot decide, 1 declined by cache.not_stored"), exact.stdout)
        XCTAssertTrue(exact.stdout.contains("2 cache deliveries, 0 of them depend"), exact.stdout)
    }
}
