import Foundation
import XCTest

/// Two rules that look subjects up in two tables under the same key value: each rule reads its
/// own table, whichever asked first.
final class TableRulesTests: XCTestCase {
    func testEachRuleReadsItsOwnTable() throws {
        let folder = try ReplayBinary.newFolder("tables", logs: "logs/edge")
        try """
        log:
          pattern: '$time_iso8601 "$request" $status uid=$cookie_uid'
          node: dir
        viewer: $cookie_uid
        anonymous: $status
        rules:
          - name: questions
            path: /questions/{id}
            subject: { table: authors, key: '{id}' }
            fields: [name]
          - name: orders
            path: /orders/{id}
            subject: { table: buyers, key: '{id}' }
            fields: [address]
        tables:
          authors: authors.csv
          buyers: buyers.csv
        """.write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        try "key,subject\nB1,ann\nB1,ben\n".write(to: folder.appendingPathComponent("authors.csv"), atomically: true, encoding: .utf8)
        try "key,subject\nB1,cat\n".write(to: folder.appendingPathComponent("buyers.csv"), atomically: true, encoding: .utf8)
        try """
        2015-12-25T20:00:00+00:00 "GET /questions/B1 HTTP/1.1" 200 uid=vic
        2015-12-25T20:00:01+00:00 "GET /orders/B1 HTTP/1.1" 200 uid=wes

        """.write(to: folder.appendingPathComponent("logs/edge/access.log"), atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--window", "2015-12-25T20:00:00Z..2015-12-25T20:01:00Z", "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(ReplayBinary.records(folder.appendingPathComponent("out/exposures.csv")).dropFirst().map {
            $0[2...4].joined(separator: ",")
        }, ["questions,ann,vic", "questions,ben,vic", "orders,cat,wes"])
    }
}
