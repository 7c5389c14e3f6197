import Foundation
import XCTest

/// Ordinary mistakes a new user makes, each of which gave a wrong list called complete
/// (issue "Never a confident wrong answer, round 2"): each now makes the run incomplete or is
/// refused, naming the cause and what to do.
final class OrdinaryMistakesTests: XCTestCase {
    func trace(_ name: String) -> (URL, String) {
        let folder = ReplayBinary.copyOfTrace(name)
        let window = ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
        return (folder, window)
    }

    func edit(_ folder: URL, _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = folder.appendingPathComponent("replay.yaml")
        let text = ReplayBinary.read(url)
        XCTAssertTrue(text.contains(old), "the incident file has \(old)", file: file, line: line)
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// One node's folder forgotten on the command line.
    func testAForgottenNodeIsNamedWhenTheFleetIsListed() throws {
        let (folder, window) = trace("steam-cache-leak")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs/edge1", "logs/edge2"], in: folder)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("1 node(s) listed in log.nodes have no log file: edge3"), run.stderr)
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out"))
        XCTAssertEqual(summary["nodes_checked"] as? Bool, true)
        XCTAssertTrue((summary["incomplete_because"] as? [String] ?? []).contains { $0.contains("edge3") })

        // A node whose logs are there but that the list does not name.
        let extra = folder.appendingPathComponent("logs/edge9")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("logs/edge3"), to: extra)
        let more = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(more.status, 2, more.stderr)
        XCTAssertTrue(more.stderr.contains("1 node(s) not listed in log.nodes have logs: edge9"), more.stderr)
    }

    func testWithoutTheListTheRunSaysTheNodesWereNotChecked() throws {
        let (folder, window) = trace("steam-cache-leak")
        try edit(folder, "  nodes: [edge1, edge2, edge3]\n", "")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs/edge1", "logs/edge2"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("replay: complete, but the nodes were not checked against a list: write log.nodes"), run.stderr)
        let out = folder.appendingPathComponent("out")
        XCTAssertEqual(ReplayBinary.summary(out)["nodes_checked"] as? Bool, false)
        XCTAssertTrue(ReplayBinary.read(out.appendingPathComponent("report.html")).contains("The nodes were not checked against a list of the fleet"))
    }

    func testTheFleetMayBeListedInAFile() throws {
        let (folder, window) = trace("steam-cache-leak")
        try "# the edge fleet\nedge1\nedge2\n\nedge3\n".write(to: folder.appendingPathComponent("nodes.txt"), atomically: true, encoding: .utf8)
        try edit(folder, "  nodes: [edge1, edge2, edge3]\n", "  nodes: {file: nodes.txt}\n")
        XCTAssertEqual(ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder).status, 0)
        let short = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs/edge2", "logs/edge3"], in: folder)
        XCTAssertEqual(short.status, 2, short.stderr)
        XCTAssertTrue(short.stderr.contains("have no log file: edge1"), short.stderr)
    }

    /// A rule path with a trailing slash the site does not have.
    func testARuleThatMatchesNothingNamesTheNearestTemplates() throws {
        let (folder, window) = trace("seller-email-storefront")
        try edit(folder, "path: /sellers/{seller}/profile\n", "path: /sellers/{seller}/profile/\n")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("rule seller-profile (GET, status 200, /sellers/{seller}/profile/) matched no request in the logs"), run.stderr)
        XCTAssertTrue(run.stderr.contains("the nearest paths in the logs: /sellers/{…}/profile ("), run.stderr)
        XCTAssertFalse(run.stderr.contains("/sellers/s0"), "no logged value is printed: \(run.stderr)")

        let check = ReplayBinary.run(["check", "--window", window, "logs"], in: folder)
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains("/sellers/{…}/profile ("), check.stdout)
        XCTAssertEqual(ReplayBinary.run(["check", "--full", "logs"], in: folder).status, 2)

        // A page that may really have had no visit: a warning, and the run stands.
        try edit(folder, "path: /sellers/{seller}/profile/\n", "path: /sellers/{seller}/profile/\n    may_match_nothing: true\n")
        let allowed = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("replay: warning: rule seller-profile"), allowed.stderr)
    }

    func testARuleThatMatchedOnlyOutsideItsWindowSaysSo() throws {
        let (folder, _) = trace("seller-email-storefront")
        // The logs start at 12:00Z: a window (and its cache tail) an hour before them.
        let run = ReplayBinary.run(["--window", "2019-03-04T11:00:00Z..2019-03-04T11:00:01Z", "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("none inside its window or cache tail: is its window right?"), run.stderr)
    }

    /// `replay init` writes replay.starter.yaml; a run refuses its example rules.
    func testTheStarterFileIsRefusedUntilItsRulesAreReal() throws {
        let (folder, window) = trace("steam-cache-leak")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("replay.yaml"))
        let made = ReplayBinary.run(["init", "logs"], in: folder)
        XCTAssertEqual(made.status, 0, made.stderr)
        let starter = ReplayBinary.read(folder.appendingPathComponent("replay.starter.yaml"))
        XCTAssertTrue(starter.contains("    example: true"), starter)
        XCTAssertTrue(starter.contains("  nodes: ['edge1', 'edge2', 'edge3']"), starter)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("replay.yaml").path))

        // Without --rules there is no replay.yaml: refused, pointing to --rules and init.
        XCTAssertEqual(ReplayBinary.run(["--window", window, "--quiet", "logs"], in: folder).status, 1)
        let line = starter.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("example: true") }! + 1
        let refused = ReplayBinary.run(["--window", window, "--quiet", "--rules", "replay.starter.yaml", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("replay.starter.yaml:\(line): rule(s) account-page are the examples `replay init` wrote"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")

        let check = ReplayBinary.run(["check", "--rules", "replay.starter.yaml", "logs"], in: folder)
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains("are `replay init`'s examples"), check.stdout)

        // --out replay.yaml asks for the default name.
        XCTAssertEqual(ReplayBinary.run(["init", "--out", "replay.yaml", "logs"], in: folder).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("replay.yaml").path))
    }

    /// Three nodes' files copied flat into one folder.
    func testOverlappingFilesOfOneNodeAreSeveralServers() throws {
        let (folder, window) = trace("steam-cache-leak")
        let flat = folder.appendingPathComponent("flat/all")
        try FileManager.default.createDirectory(at: flat, withIntermediateDirectories: true)
        for node in ["edge1", "edge2", "edge3"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("logs/\(node)").path) {
                try FileManager.default.copyItem(at: folder.appendingPathComponent("logs/\(node)/\(name)"), to: flat.appendingPathComponent("\(node)-\(name)"))
            }
        }
        try edit(folder, "  nodes: [edge1, edge2, edge3]\n", "")
        try edit(folder, "reorder: 60s", "reorder: 4h")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "flat"], in: folder)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("node all: flat/all/edge1-access.log-2015122518.gz and flat/all/edge2-access.log-2015122518.gz overlap in time by"), run.stderr)
        XCTAssertTrue(run.stderr.contains("several servers' logs in one folder"), run.stderr)
        // check says what the large allowance hides.
        let check = ReplayBinary.run(["check", "--window", window, "flat"], in: folder)
        XCTAssertTrue(check.stdout.contains("log.reorder is 4h0m:\n  at 60 s (the default), "), check.stdout)
        XCTAssertTrue(check.stdout.contains("of the lines read would be late"), check.stdout)
        let own = ReplayBinary.run(["check", "--window", window, "logs"], in: folder)
        XCTAssertTrue(own.stdout.contains("no line read is more than 60 s behind its node's newest line: the default (60s) would do"), own.stdout)
    }

    /// One empty access.log passed alone.
    func testEmptyLogsDoNotCoverTheWindow() throws {
        let folder = try ReplayBinary.newFolder("empty", logs: "logs/edge1")
        try ReplayBinary.read(ReplayBinary.packageRoot.appendingPathComponent("Traces/steam-cache-leak/replay.yaml"))
            .replacingOccurrences(of: "  nodes: [edge1, edge2, edge3]\n", with: "")
            .write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        try "".write(to: folder.appendingPathComponent("logs/edge1/access.log"), atomically: true, encoding: .utf8)
        let window = "2015-12-25T19:50:00Z..2015-12-25T20:40:00Z"
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs/edge1/access.log"], in: folder)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("the logs hold no line at all (logs/edge1/access.log)"), run.stderr)

        // An empty node beside one with lines.
        let full = ReplayBinary.copyOfTrace("steam-cache-leak")
        let edge4 = full.appendingPathComponent("logs/edge4")
        try FileManager.default.createDirectory(at: edge4, withIntermediateDirectories: true)
        try "".write(to: edge4.appendingPathComponent("access.log"), atomically: true, encoding: .utf8)
        try edit(full, "  nodes: [edge1, edge2, edge3]\n", "  nodes: [edge1, edge2, edge3, edge4]\n")
        let partly = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: full)
        XCTAssertEqual(partly.status, 2, partly.stderr)
        XCTAssertTrue(partly.stderr.contains("node edge4 has no line (its files are empty: logs/edge4/access.log)"), partly.stderr)
    }

    /// Exposing renders still in a cache when the logs end, and no max_age to bound them.
    func testTheCachePastTheLogsIsNamed() throws {
        let (folder, window) = trace("steam-cache-leak")
        try edit(folder, "  max_age: 10m", "  # max_age: 10m")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("node edge1's cache still held exposing renders under 1 key(s) when its logs end (2015-12-25T20:59:58.000Z; "
                                          + "its last exposure 2015-12-25T20:40:46.000Z)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("set cache.max_age"), run.stderr)
        let nodes = ReplayBinary.summary(folder.appendingPathComponent("out"))["nodes"] as? [[String: Any]] ?? []
        XCTAssertEqual(nodes.map { $0["keys_exposing_at_end"] as? Int }, [1, 1, 1])
    }

    /// nginx's statuses have fixed meanings; a value nginx never logs makes the run incomplete.
    func testCacheStatusesByTheirNginxMeaning() throws {
        let folder = try ReplayBinary.newFolder("statuses", logs: "logs/edge1")
        let lines = [
            #"1451073600.000 10.0.0.2 "GET /account/ HTTP/1.1" 200 MISS uid=alice"#,
            #"1451073660.000 10.0.0.3 "GET /account/ HTTP/1.1" 200 STALE uid=erin"#,    // alice's page, by nginx's meaning of STALE
            #"1451073700.000 10.0.0.4 "GET /account/ HTTP/1.1" 200 BYPASS uid=bob"#,
            #"1451073710.000 10.0.0.4 "GET /static/a.js HTTP/1.1" 200 - uid=bob"#,
            #"1451076590.000 10.0.0.8 "GET /account/ HTTP/1.1" 200 - uid=-"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("logs/edge1/access.log"), atomically: true, encoding: .utf8)
        func incident(served: String) -> String {
            """
            log:
              pattern: '$msec $remote_addr "$request" $status $upstream_cache_status uid=$cookie_uid'
              max_request: 0
              gap: 1h
            viewer: $cookie_uid
            cache:
              stores: certain
              key: $request_uri
              status: $upstream_cache_status
              served: \(served)
              max_age: 10m
            rules:
              - name: account-page
                path: /account/
                subject: viewer
                fields: [email]
            """
        }
        let window = "2015-12-25T19:50:00Z..2015-12-25T20:50:00Z"
        try incident(served: "[HIT]").write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("replay: warning: cache status STALE (1 matched requests) is in no list of cache (served, stored, refresh): "
                                          + "taken as nginx means it (served from the cache)"), run.stderr)
        XCTAssertFalse(run.stderr.contains("BYPASS"), run.stderr)
        XCTAssertEqual(ReplayBinary.rows(folder.appendingPathComponent("out/exposures.csv")).count, 2, "alice's page, served STALE to erin")

        // A status nginx never logs: the run cannot tell what it was.
        let odd = lines.map { $0.replacingOccurrences(of: " STALE ", with: " WARM ") }
        try (odd.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("logs/edge1/access.log"), atomically: true, encoding: .utf8)
        let unknown = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("cache status WARM (1 matched requests) is not one nginx logs"), unknown.stderr)
        let check = ReplayBinary.run(["check", "logs"], in: folder)
        XCTAssertEqual(check.status, 2, check.stdout)
        XCTAssertTrue(check.stdout.contains("WARM: 1, UNKNOWN"), check.stdout)
    }

    /// Archives and compressions replay does not read are refused before any log is read,
    /// naming the format; an error.log among the access logs is named with its first reason.
    func testTheCauseIsNamedNotItsSymptom() throws {
        let (folder, window) = trace("steam-cache-leak")
        let magic: [(String, [UInt8])] = [("zip", [0x50, 0x4B, 0x03, 0x04]), ("bzip2", Array("BZh91AY&SY".utf8)),
                                          ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]), ("zstd", [0x28, 0xB5, 0x2F, 0xFD])]
        for (format, bytes) in magic {
            let file = folder.appendingPathComponent("logs/edge1/access.log-2015122521.\(format)")
            try Data(bytes + [UInt8](repeating: 0x41, count: 100)).write(to: file)
            let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("logs/edge1/access.log-2015122521.\(format) is a \(format) file, not a log replay reads"), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
            try FileManager.default.removeItem(at: file)
        }
        // A tar of the logs, plain and gzipped.
        let tarred = folder.appendingPathComponent("tarred/edge1")
        try FileManager.default.createDirectory(at: tarred, withIntermediateDirectories: true)
        XCTAssertEqual(TestRun.status("/usr/bin/env", ["tar", "-cf", "tarred/edge1/logs.tar", "replay.yaml"], in: folder), 0)
        XCTAssertEqual(TestRun.status("/usr/bin/env", ["tar", "-czf", "tarred/edge1/logs.tgz", "replay.yaml"], in: folder), 0)
        let tar = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "tarred/edge1/logs.tar"], in: folder)
        XCTAssertEqual(tar.status, 1, tar.stderr)
        XCTAssertTrue(tar.stderr.contains("is a tar file"), tar.stderr)
        let tgz = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "tarred/edge1/logs.tgz"], in: folder)
        XCTAssertEqual(tgz.status, 1, tgz.stderr)
        XCTAssertTrue(tgz.stderr.contains("is a tar inside gzip file"), tgz.stderr)

        // nginx's error.log in a node's folder.
        try "2015/12/25 19:50:01 [error] 1234#0: *5 open() \"/srv/favicon.ico\" failed (2: No such file or directory)\n"
            .write(to: folder.appendingPathComponent("logs/edge1/error.log"), atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("logs/edge1/error.log: 100% of its lines rejected (line 1: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("not an error.log"), run.stderr)
    }
}
