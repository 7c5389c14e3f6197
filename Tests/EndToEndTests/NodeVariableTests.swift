import Foundation
import XCTest

/// `log.node: $hostname`: the nodes of one file told apart by a logged variable, each with its
/// own cache and its own reorder allowance.
final class NodeVariableTests: XCTestCase {
    func testNodesFromALoggedVariable() throws {
        let folder = try ReplayBinary.newFolder("nodevar")
        try """
        log:
          pattern: '$hostname $time_iso8601 "$request" $status $upstream_cache_status uid=$cookie_uid'
          node: $hostname
          reorder: 10s
          max_request: 0
        viewer: $cookie_uid
        anonymous: $hostname
        cache:
          stores: certain
          key: $request_uri
          status: $upstream_cache_status
        rules:
          - name: account
            path: /account/
            subject: viewer
            fields: [email]
        """.write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        // Two nodes in one file, and in a second file that begins later.
        try """
        edge-a 2015-12-25T20:00:00+00:00 "GET /account/ HTTP/1.1" 200 MISS uid=alice
        edge-b 2015-12-25T20:00:01+00:00 "GET /account/ HTTP/1.1" 200 HIT uid=bob
        edge-a 2015-12-25T20:00:02+00:00 "GET /account/ HTTP/1.1" 200 HIT uid=carol
        edge-b 2015-12-25T20:00:03+00:00 "GET /account/ HTTP/1.1" 200 MISS uid=dave
        edge-a 2015-12-25T19:59:55+00:00 "GET /account/ HTTP/1.1" 200 HIT uid=erin

        """.write(to: folder.appendingPathComponent("logs/one.log"), atomically: true, encoding: .utf8)
        try """
        edge-b 2015-12-25T20:00:04+00:00 "GET /account/ HTTP/1.1" 200 HIT uid=frank
        edge-a 2015-12-25T20:00:30+00:00 "GET /account/ HTTP/1.1" 200 HIT uid=gil
        edge-a 2015-12-25T20:00:05+00:00 "GET /account/ HTTP/1.1" 200 HIT uid=hal

        """.write(to: folder.appendingPathComponent("logs/two.log"), atomically: true, encoding: .utf8)
        var outputs: [String] = []
        for jobs in ["1", "2"] {
            let run = ReplayBinary.run(["--window", "2015-12-25T20:00:00Z..2015-12-25T21:00:00Z", "--jobs", jobs, "--quiet",
                                        "--out", "out\(jobs)", "logs/two.log", "logs/one.log"], in: folder)
            XCTAssertEqual(run.status, 2, run.stderr)
            outputs.append(ReplayBinary.read(folder.appendingPathComponent("out\(jobs)/exposures.csv")))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(ReplayBinary.rows(folder.appendingPathComponent("out1/exposures.csv")), [
            "time,node,rule,subject,viewer,file,line,delivery,rendered_at",
            // erin's line lags 7 s (within 10 s): replayed in time order, before alice's MISS: unresolved.
            "2015-12-25T20:00:02.000Z,edge-a,account,alice,carol,logs/one.log,3,cache,2015-12-25T20:00:00.000Z",
            // bob's HIT on edge-b cannot get edge-a's page: unresolved; frank gets dave's.
            "2015-12-25T20:00:04.000Z,edge-b,account,dave,frank,logs/two.log,1,cache,2015-12-25T20:00:03.000Z",
            // hal's line lags gil's by 25 s: late, counted, replayed when it arrives.
            "2015-12-25T20:00:05.000Z,edge-a,account,alice,hal,logs/two.log,3,cache,2015-12-25T20:00:00.000Z",
            "2015-12-25T20:00:30.000Z,edge-a,account,alice,gil,logs/two.log,2,cache,2015-12-25T20:00:00.000Z",
        ])
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out1"))
        XCTAssertEqual((summary["lines"] as? [String: Any])?["late"] as? Int, 1)
        XCTAssertEqual((summary["unresolved"] as? [String: Any])?["total"] as? Int, 2)
        XCTAssertEqual((summary["nodes"] as? [[String: Any]])?.map { $0["name"] as? String }, ["edge-a", "edge-b"])
    }
}
