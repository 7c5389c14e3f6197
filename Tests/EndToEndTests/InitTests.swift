import Foundation
import XCTest

/// `replay init` on each format it recognises: its file, once its rules and cache key are
/// replaced by the hand-written ones, gives the run the hand-written incident file gives.
final class InitTests: XCTestCase {
    /// The steam trace's lines, as fields.
    struct Line {
        var addr, user, time, request, status, bytes, referer, agent, cache, uid, host: String
    }

    static func steamLines() -> [String: [Line]] {
        let folder = ReplayBinary.packageRoot.appendingPathComponent("Traces/steam-cache-leak")
        let regex = try! NSRegularExpression(pattern: #"^(\S+) - (\S+) \[([^\]]+)\] "([^"]*)" (\d+) (\d+) "([^"]*)" "([^"]*)" cache=(\S+) uid=(\S+) host=(\S+)$"#)
        var byNode: [String: [Line]] = [:]
        for path in Generated.logFiles(folder) {
            let node = path.split(separator: "/")[1]
            let text = String(decoding: TestRun.output("/usr/bin/env", ["gzip", "-dc"], input: (try? Data(contentsOf: folder.appendingPathComponent(path))) ?? Data()), as: UTF8.self)
            for line in text.split(separator: "\n") {
                let s = String(line)
                guard let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { continue }
                let f = (1...11).map { String(s[Range(m.range(at: $0), in: s)!]) }
                byNode[String(node), default: []].append(Line(addr: f[0], user: f[1], time: f[2], request: f[3], status: f[4], bytes: f[5],
                                                              referer: f[6], agent: f[7], cache: f[8], uid: f[9], host: f[10]))
            }
        }
        return byNode
    }

    static let local: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        return f
    }()

    static func date(_ l: Line) -> Date { local.date(from: l.time)! }
    static func msec(_ l: Line) -> String { String(format: "%.3f", date(l).timeIntervalSince1970) }
    static func iso(_ l: Line) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date(l))
    }

    let steamIncident = ReplayBinary.read(ReplayBinary.packageRoot.appendingPathComponent("Traces/steam-cache-leak/replay.yaml"))
    let window = ReplayBinary.read(ReplayBinary.packageRoot.appendingPathComponent("Traces/steam-cache-leak/window"))
        .trimmingCharacters(in: .whitespacesAndNewlines)

    /// Writes the steam trace's lines in another format, runs init and the hand-written
    /// incident, and compares. `handWritten` is the log section and viewer of the incident.
    func check(_ name: String, handWritten: String, cache: Bool = true, format: (Line) -> String) throws {
        let folder = try ReplayBinary.newFolder("init-\(name)")
        for (node, lines) in Self.steamLines() {
            let dir = folder.appendingPathComponent("logs/\(node)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try (lines.map(format).joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("access.log"), atomically: true, encoding: .utf8)
        }
        // Without a cache a viewer's own page exposes nobody: a page that shows its seller does.
        let rules = cache ? String(steamIncident[steamIncident.range(of: "rules:")!.lowerBound...])
            : "rules:\n  - name: seller-profile\n    path: /sellers/{seller}/profile\n    subject: '{seller}'\n    fields: [email]\n"
        let cacheSection = String(steamIncident[steamIncident.range(of: "cache:")!.lowerBound..<steamIncident.range(of: "rules:")!.lowerBound])
        try (handWritten + (cache ? cacheSection : "") + rules).write(to: folder.appendingPathComponent("hand.yaml"), atomically: true, encoding: .utf8)

        let initRun = ReplayBinary.run(["init", "--out", "init.yaml", "logs"], in: folder)
        XCTAssertEqual(initRun.status, 0, "\(name): \(initRun.stderr)")
        var made = ReplayBinary.read(folder.appendingPathComponent("init.yaml"))
        XCTAssertEqual(made.contains("\ncache:"), cache, "\(name): \(made)")
        // Its rules and cache key replaced by the hand-written ones.
        made = String(made[..<made.range(of: "\nrules:")!.lowerBound]) + "\n" + rules
        made = made.replacingOccurrences(of: #"(?m)^  key: .*$"#, with: "  key: $host$request_uri", options: .regularExpression)
        // The user says how long the cache kept a page (the starter leaves it commented).
        made = made.replacingOccurrences(of: #"(?m)^  # max_age: 10m .*$"#, with: "  max_age: 10m", options: .regularExpression)
        try made.write(to: folder.appendingPathComponent("init.yaml"), atomically: true, encoding: .utf8)

        let byHand = ReplayBinary.run(["--window", window, "--rules", "hand.yaml", "--quiet", "--out", "hand", "logs"], in: folder)
        let byInit = ReplayBinary.run(["--window", window, "--rules", "init.yaml", "--quiet", "--out", "init", "logs"], in: folder)
        XCTAssertEqual(byHand.status, 0, "\(name): \(byHand.stderr)")
        XCTAssertEqual(byInit.status, 0, "\(name): \(byInit.stderr)")
        let expected = ReplayBinary.rows(folder.appendingPathComponent("hand/exposures.csv"))
        XCTAssertGreaterThan(expected.count, 10, name)
        XCTAssertEqual(ReplayBinary.rows(folder.appendingPathComponent("init/exposures.csv")), expected, name)
        XCTAssertEqual(ReplayBinary.rows(folder.appendingPathComponent("init/affected.csv")), ReplayBinary.rows(folder.appendingPathComponent("hand/affected.csv")), name)

        // init never overwrites.
        let again = ReplayBinary.run(["init", "--out", "init.yaml", "logs"], in: folder)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("never overwrites"), again.stderr)
    }

    func testCombinedWithExtraFields() throws {
        try check("combined-extra", handWritten: """
            log:
              pattern: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" cache=$upstream_cache_status uid=$cookie_uid host=$host'
            viewer: $cookie_uid

            """) { l in
            "\(l.addr) - \(l.user) [\(l.time)] \"\(l.request)\" \(l.status) \(l.bytes) \"\(l.referer)\" \"\(l.agent)\" cache=\(l.cache) uid=\(l.uid) host=\(l.host)"
        }
    }

    func testMainWithTheUserInRemoteUser() throws {
        try check("main", handWritten: """
            log:
              pattern: main
            viewer: $remote_user

            """, cache: false) { l in
            "\(l.addr) - \(l.uid) [\(l.time)] \"\(l.request)\" \(l.status) \(l.bytes) \"\(l.referer)\" \"\(l.agent)\" \"203.0.113.7\""
        }
    }

    func testMsecFirst() throws {
        try check("msec", handWritten: """
            log:
              pattern: '$msec $remote_addr "$request" $status cache=$upstream_cache_status uid=$cookie_uid host=$host'
            viewer: $cookie_uid

            """) { l in
            "\(Self.msec(l)) \(l.addr) \"\(l.request)\" \(l.status) cache=\(l.cache) uid=\(l.uid) host=\(l.host)"
        }
    }

    func testTimeISO8601First() throws {
        try check("iso", handWritten: """
            log:
              pattern: '$time_iso8601 $remote_addr "$request" $status cache=$upstream_cache_status uid=$cookie_uid host=$host'
            viewer: $cookie_uid

            """) { l in
            "\(Self.iso(l)) \(l.addr) \"\(l.request)\" \(l.status) cache=\(l.cache) uid=\(l.uid) host=\(l.host)"
        }
    }

    func testEscapeJSON() throws {
        try check("json", handWritten: """
            log:
              pattern: '{"t":"$time_iso8601","ip":"$remote_addr","r":"$request","s":$status,"cache":"$upstream_cache_status","uid":"$cookie_uid","host":"$host"}'
              escape: json
            viewer: $cookie_uid

            """) { l in
            #"{"t":"\#(Self.iso(l))","ip":"\#(l.addr)","r":"\#(l.request)","s":\#(l.status),"cache":"\#(l.cache)","uid":"\#(l.uid)","host":"\#(l.host)"}"#
        }
    }

    func testNothingFitsSaysWhatWasTried() throws {
        let folder = try ReplayBinary.newFolder("init-none", logs: "logs/edge1")
        try "this is not an access log\n".write(to: folder.appendingPathComponent("logs/edge1/x.log"), atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["init", "logs"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("fits none of the formats replay init knows (combined; main;"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("replay.yaml").path))
    }
}
