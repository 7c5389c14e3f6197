import Foundation
import XCTest

/// Every refusal of the incident file and the window: exit 1, a message naming the file, the
/// line and the key, and no output at all.
final class RefusalTests: XCTestCase {
    static let base = """
    incident: refusals
    log:
      format: nginx
      pattern: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" cache=$upstream_cache_status uid=$cookie_uid host=$host'
      node: dir
    viewer: $cookie_uid
    anonymous: $remote_addr
    cache:
      key: $host$request_uri
      status: $upstream_cache_status
    rules:
      - name: account-page
        path: /account/
        subject: viewer
        fields: [name, email]
      - name: qa-authors
        path: /questions/{asin}
        subject: { table: qa_authors, key: '{asin}' }
        fields: [name]
    tables:
      qa_authors: qa.csv
    directory: users.csv

    """
    /// The base file as a run accepts it complete: the one line's cached page is served at most a
    /// minute, and the table's page, which no line asks for, may match nothing.
    static let accepted = base.replacingOccurrences(of: "  status: $upstream_cache_status\n", with: "  status: $upstream_cache_status\n  max_age: 1m\n")
        .replacingOccurrences(of: "    fields: [name]\n", with: "    fields: [name]\n    may_match_nothing: true\n")
    // One line at 19:50:00Z: a one-minute window is what it covers (SPEC §3.8).
    let window = "2015-12-25T19:50:00Z..2015-12-25T19:51:00Z"

    func folder(_ incident: String) throws -> URL {
        let f = try ReplayBinary.newFolder("refusal", logs: "logs/edge1")
        try incident.write(to: f.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        try "asin,author\nB1,alice\n".write(to: f.appendingPathComponent("qa.csv"), atomically: true, encoding: .utf8)
        try "id,email\nalice,a@example.com\n".write(to: f.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        try #"1.1.1.1 - - [25/Dec/2015:11:50:00 -0800] "GET /account/ HTTP/1.1" 200 1 "-" "-" cache=MISS uid=alice host=shop"#
            .appending("\n").write(to: f.appendingPathComponent("logs/edge1/access.log"), atomically: true, encoding: .utf8)
        return f
    }

    func assertRefused(_ incident: String, window: String? = nil, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try folder(incident)
        let run = ReplayBinary.run(["--window", window ?? self.window, "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 1, run.stderr, file: file, line: line)
        for text in expected {
            XCTAssertTrue(run.stderr.contains(text), "expected '\(text)' in: \(run.stderr)", file: file, line: line)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.appendingPathComponent("out").path), "nothing written", file: file, line: line)
    }

    func testTheBaseFileIsAccepted() throws {
        let f = try folder(Self.accepted)
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testMalformedYAML() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "  node: dir", with: "  node: [dir"), ["replay.yaml:", "malformed YAML"])
    }

    func testUnknownAndMisspeltKeys() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "rules:", with: "ruels:"), ["replay.yaml:11: ruels: unknown key (did you mean 'rules'?)"])
        try assertRefused(Self.base.replacingOccurrences(of: "    fields: [name]", with: "    feilds: [name]"), ["replay.yaml:19: rules[1].feilds: unknown key (did you mean 'fields'?)"])
        try assertRefused(Self.base.replacingOccurrences(of: "  node: dir", with: "  node: dir\n  hosts: dir"), ["replay.yaml:6: log.hosts: unknown key"])
        try assertRefused(Self.base.replacingOccurrences(of: "  node: dir", with: "  node: dir\n  nodes: dir"), ["replay.yaml:6: log.nodes: expected a list of node names"])
        try assertRefused(Self.base.replacingOccurrences(of: "    fields: [name]", with: "    fields: [name]\n    may_match_nothing: maybe"),
                          ["rules[1].may_match_nothing: expected true or false"])
    }

    func testRuleWithoutNamePathOrSubject() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "  - name: account-page\n    path: /account/", with: "  - path: /account/"),
                          ["replay.yaml:12: rules[0].name: missing"])
        try assertRefused(Self.base.replacingOccurrences(of: "    path: /account/\n", with: ""), ["replay.yaml:12: rules[0].path: missing"])
        try assertRefused(Self.base.replacingOccurrences(of: "    subject: viewer\n", with: ""), ["replay.yaml:12: rules[0].subject: missing"])
    }

    func testCaptureNotInThePath() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "subject: viewer", with: "subject: '{seller}'"),
                          ["replay.yaml:14: rules[0].subject: {seller} is not captured by the rule's path"])
        try assertRefused(Self.base.replacingOccurrences(of: "key: '{asin}'", with: "key: '{isbn}'"),
                          ["replay.yaml:18: rules[1].subject.key: {isbn} is not captured"])
    }

    func testUnknownTable() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "table: qa_authors", with: "table: qa_writers"),
                          ["replay.yaml:18: rules[1].subject.table: unknown table 'qa_writers'"])
    }

    func testVariablesThePatternCannotProvide() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "viewer: $cookie_uid", with: "viewer: $cookie_session"),
                          ["replay.yaml:6: viewer: the log pattern cannot provide $cookie_session"])
        try assertRefused(Self.base.replacingOccurrences(of: "anonymous: $remote_addr", with: "anonymous: $http_x_real_ip"),
                          ["replay.yaml:7: anonymous: the log pattern cannot provide $http_x_real_ip"])
        try assertRefused(Self.base.replacingOccurrences(of: "key: $host$request_uri", with: "key: $scheme$host$request_uri"),
                          ["replay.yaml:9: cache.key: the log pattern cannot provide $scheme"])
        try assertRefused(Self.base.replacingOccurrences(of: "status: $upstream_cache_status", with: "status: $cache_status"),
                          ["replay.yaml:10: cache.status: the log pattern cannot provide $cache_status"])
        try assertRefused(Self.base.replacingOccurrences(of: "  node: dir", with: "  node: $hostname"),
                          ["replay.yaml:5: log.node: the log pattern cannot provide $hostname"])
    }

    func testDerivedRequestVariablesAreAccepted() throws {
        let f = try folder(Self.accepted.replacingOccurrences(of: "key: $host$request_uri", with: "key: $request_method$host$uri?$args"))
        XCTAssertEqual(ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: f).status, 0)
    }

    func testPatternWithoutTimeOrRequest() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "[$time_local]", with: "[$time_zone]"),
                          ["replay.yaml:4: log.pattern: the pattern has no time variable"])
        try assertRefused(Self.base.replacingOccurrences(of: #""$request""#, with: #""$request_line""#),
                          ["replay.yaml:4: log.pattern: the pattern has no request"])
    }

    func testMissingTableOrDirectoryFile() throws {
        try assertRefused(Self.base.replacingOccurrences(of: "qa_authors: qa.csv", with: "qa_authors: missing.csv"),
                          ["replay.yaml:21: tables.qa_authors: cannot read", "missing.csv"])
        try assertRefused(Self.base.replacingOccurrences(of: "directory: users.csv", with: "directory: nobody.csv"),
                          ["replay.yaml:22: directory: cannot read", "nobody.csv"])
    }

    func testMissingIncidentFile() throws {
        let f = try folder(Self.base)
        let run = ReplayBinary.run(["--window", window, "--rules", "nope.yaml", "--out", "out", "logs"], in: f)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("nope.yaml"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.appendingPathComponent("out").path))
    }

    func testBadWindows() throws {
        try assertRefused(Self.base, window: "2015-12-25T19:50:00..2015-12-25T20:50:00Z", ["the start '2015-12-25T19:50:00' has no UTC offset"])
        try assertRefused(Self.base, window: "2015-12-25T19:50:00Z..2015-12-25T19:50:00Z", ["the window is empty"])
        try assertRefused(Self.base, window: "2015-12-25T20:50:00Z..2015-12-25T19:50:00Z", ["the window ends before it starts"])
        try assertRefused(Self.base, window: "yesterday", ["expected START..END"])
        try assertRefused(Self.base, window: "2015-12-25T19:50Z..2015-12-25T20:50:00Z", ["is not an ISO 8601 time with seconds"])
    }

    func testMissingLogFile() throws {
        let f = try folder(Self.base)
        let run = ReplayBinary.run(["--window", window, "--out", "out", "logs", "missing.gz"], in: f)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("missing.gz: no such file"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.appendingPathComponent("out").path))
    }

    func testOptionsOutOfRange() throws {
        let f = try folder(Self.base)
        for (option, value, message) in [("--jobs", "0", "--jobs must be from 1 to 1024"), ("--jobs", "100000", "--jobs must be from 1 to 1024"),
                                         ("--max-line", "0", "--max-line must be from 1"), ("--max-line", "99999999999", "--max-line must be from 1")] {
            let run = ReplayBinary.run(["--window", window, option, value, "--out", "out", "logs"], in: f)
            XCTAssertEqual(run.status, 1, "\(option) \(value)")
            XCTAssertTrue(run.stderr.contains(message), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: f.appendingPathComponent("out").path))
        }
    }
}
