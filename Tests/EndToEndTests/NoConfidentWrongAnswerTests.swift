import Foundation
import XCTest

/// Ordinary mistakes in the incident file or the window used to give a wrong notification
/// list with `complete` and exit 0. Each now ends incomplete (exit 2) with a message naming
/// the cause.
final class NoConfidentWrongAnswerTests: XCTestCase {
    let pattern = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" cache=$upstream_cache_status uid=$cookie_uid host=$host"#

    func trace() -> (URL, String) {
        let folder = ReplayBinary.copyOfTrace("steam-cache-leak")
        let window = ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
        return (folder, window)
    }

    /// The trace's incident with its pattern replaced.
    func withPattern(_ folder: URL, _ replacement: String) throws {
        let file = folder.appendingPathComponent("replay.yaml")
        let text = ReplayBinary.read(file)
        XCTAssertTrue(text.contains(pattern))
        try text.replacingOccurrences(of: pattern, with: replacement).write(to: file, atomically: true, encoding: .utf8)
    }

    func assertIncomplete(_ run: ReplayBinary.Outcome, naming causes: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.status, 2, run.stderr, file: file, line: line)
        XCTAssertTrue(run.stderr.contains("INCOMPLETE"), run.stderr, file: file, line: line)
        for cause in causes { XCTAssertTrue(run.stderr.contains(cause), "expected '\(cause)' in: \(run.stderr)", file: file, line: line) }
    }

    func testAPatternWithoutBodyBytesSentDoesNotFit() throws {
        let (folder, window) = trace()
        try withPattern(folder, pattern.replacingOccurrences(of: " $body_bytes_sent", with: ""))
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        assertIncomplete(run, naming: ["the log pattern does not fit the logs", "replay check"])
        let rejected = (ReplayBinary.summary(folder.appendingPathComponent("out"))["inputs"] as? [[String: Any]])?.first?["rejected_lines"] as? [[String: Any]]
        XCTAssertEqual(rejected?.first?["reason"] as? String, "$status at byte 86: not a status (three digits)")
    }

    func testAPatternWithoutTheUserAgentDoesNotFit() throws {
        let (folder, window) = trace()
        try withPattern(folder, pattern.replacingOccurrences(of: #" "$http_user_agent""#, with: ""))
        assertIncomplete(ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder),
                         naming: ["the log pattern does not fit the logs"])
    }

    func testQuotedCookiesDoNotFitAnUnquotedVariable() throws {
        // The logs write uid="u01"; the pattern says uid=$cookie_uid.
        let (folder, window) = trace()
        for path in Generated.logFiles(folder) {
            let url = folder.appendingPathComponent(path)
            let text = String(decoding: TestRun.output("/usr/bin/env", ["gzip", "-dc"], input: try Data(contentsOf: url)), as: UTF8.self)
            let quoted = text.replacingOccurrences(of: #"( cache=[^ ]+ uid=)([^ ]+)"#, with: #"$1"$2""#, options: .regularExpression)
            XCTAssertNotEqual(quoted, text)
            try FileManager.default.removeItem(at: url)
            try quoted.write(to: url.deletingPathExtension(), atomically: true, encoding: .utf8)
        }
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        assertIncomplete(run, naming: ["the log pattern does not fit the logs"])
        let rejected = (ReplayBinary.summary(folder.appendingPathComponent("out"))["inputs"] as? [[String: Any]])?.first?["rejected_lines"] as? [[String: Any]]
        XCTAssertTrue((rejected?.first?["reason"] as? String)?.hasPrefix("$cookie_uid at byte") ?? false, "\(String(describing: rejected?.first))")
    }

    func testAWindowInTheWrongYear() throws {
        let (folder, window) = trace()
        let wrong = window.replacingOccurrences(of: "2015-", with: "2014-")
        let run = ReplayBinary.run(["--window", wrong, "--quiet", "--out", "out", "logs"], in: folder)
        assertIncomplete(run, naming: ["no line of any log falls inside the window", "the logs run from 2015-12-25"])
        XCTAssertEqual(ReplayBinary.summary(folder.appendingPathComponent("out"))["complete"] as? Bool, false)
    }

    func testLogsInFoldersPerDayAreNotNodes() throws {
        let (folder, window) = trace()
        // logs/edge1/2015-12-25/…: the default `node: dir` would take the day for the node.
        for node in ["edge1", "edge2", "edge3"] {
            let day = folder.appendingPathComponent("daily/\(node)/2015-12-25")
            try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("logs/\(node)").path) {
                try FileManager.default.copyItem(at: folder.appendingPathComponent("logs/\(node)/\(file)"), to: day.appendingPathComponent(file))
            }
        }
        let merged = ReplayBinary.run(["--window", window, "--quiet", "--out", "merged", "daily"], in: folder)
        assertIncomplete(merged, naming: ["node names look like dates or hours (2015-12-25)", "node: dir:2"])

        // With node: dir:2 the nodes are right, and the run equals the one on logs/NODE/.
        let incident = folder.appendingPathComponent("replay.yaml")
        try ReplayBinary.read(incident).replacingOccurrences(of: "  node: dir\n", with: "  node: dir:2\n")
            .write(to: folder.appendingPathComponent("daily.yaml"), atomically: true, encoding: .utf8)
        let fixed = ReplayBinary.run(["--window", window, "--rules", "daily.yaml", "--quiet", "--out", "fixed", "daily"], in: folder)
        XCTAssertEqual(fixed.status, 0, fixed.stderr)
        XCTAssertEqual(ReplayBinary.run(["--window", window, "--quiet", "--out", "plain", "logs"], in: folder).status, 0)
        func rows(_ out: String) -> [String] {
            ReplayBinary.rows(folder.appendingPathComponent("\(out)/exposures.csv")).map {
                $0.replacingOccurrences(of: #"(daily|logs)/(edge[0-9])(/2015-12-25)?/"#, with: "$2/", options: .regularExpression)
            }
        }
        XCTAssertEqual(rows("fixed"), rows("plain"))
        XCTAssertGreaterThan(rows("plain").count, 100)
    }

    func testCheckNamesTheFieldOfAPatternOneFieldShort() throws {
        let (folder, window) = trace()
        try withPattern(folder, pattern.replacingOccurrences(of: " $body_bytes_sent", with: ""))
        let run = ReplayBinary.run(["check", "--window", window, "logs"], in: folder)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stdout.contains("read every line of every file"), run.stdout)
        XCTAssertTrue(run.stdout.contains("0 parsed"), run.stdout)
        XCTAssertTrue(run.stdout.contains("$status at byte 86: not a status (three digits)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("most lines do not fit the log pattern"), run.stdout)
        XCTAssertFalse(run.stdout.contains("u00"), "no id without --show")

        // The right pattern: every variable's values and each cache status with its class.
        let good = ReplayBinary.copyOfTrace("steam-cache-leak")
        let ok = ReplayBinary.run(["check", "--window", window, "--show", "1", "logs"], in: good)
        XCTAssertEqual(ok.status, 0, ok.stdout)
        XCTAssertTrue(ok.stdout.contains("$status"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("HIT: "), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("served from the cache"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("BYPASS: "), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("edge1: 2015-12-25T18:00:00.000Z"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("covers the window"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("$remote_addr="), "--show prints name=value")
    }

    func testWarningsSayWhatLooksWrongWithoutFailingTheRun() throws {
        let (folder, window) = trace()
        let file = folder.appendingPathComponent("replay.yaml")
        try (ReplayBinary.read(file).replacingOccurrences(of: "viewer: $cookie_uid", with: "viewer: $http_referer")
             + "  - name: nobody-asks\n    path: /never/\n    subject: viewer\n    fields: [email]\n    may_match_nothing: true\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        let warnings = ReplayBinary.summary(folder.appendingPathComponent("out"))["warnings"] as? [String] ?? []
        XCTAssertTrue(warnings.contains { $0.hasPrefix("rule nobody-asks (GET, status 200, /never/) matched no request in the logs")
                          && $0.hasSuffix("(may_match_nothing)") }, "\(warnings)")
        XCTAssertFalse(warnings.contains { $0.contains("BYPASS") }, "BYPASS is nginx's origin render: no word (\(warnings))")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("the viewer ($http_referer) is absent (- or empty) in 100% of the matched requests") }, "\(warnings)")
        for w in warnings { XCTAssertTrue(run.stderr.contains("replay: warning: " + w), run.stderr) }

        // A directory that knows none of the affected subjects: the variable is likely wrong.
        let qa = ReplayBinary.copyOfTrace("qa-template-bug")
        let qaWindow = ReplayBinary.read(qa.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
        try "id,email\nnobody,n@example.com\n".write(to: qa.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        let qaRun = ReplayBinary.run(["--window", qaWindow, "--quiet", "--out", "out", "logs"], in: qa)
        XCTAssertEqual(qaRun.status, 0, qaRun.stderr)
        XCTAssertTrue(qaRun.stderr.contains("none of the") && qaRun.stderr.contains("affected subjects is in the directory"), qaRun.stderr)
    }

    func testDurationsNeedTheirUnitAndDatesMustExist() throws {
        let (folder, window) = trace()
        let file = folder.appendingPathComponent("replay.yaml")
        try ReplayBinary.read(file).replacingOccurrences(of: "reorder: 60s", with: "reorder: 60").write(to: file, atomically: true, encoding: .utf8)
        let noUnit = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(noUnit.status, 1)
        XCTAssertTrue(noUnit.stderr.contains("log.reorder: expected a duration with its unit"), noUnit.stderr)
        let impossible = ReplayBinary.run(["--window", "2024-02-30T00:00:00Z..2024-03-01T00:00:00Z", "logs"], in: folder)
        XCTAssertEqual(impossible.status, 1)
        XCTAssertTrue(impossible.stderr.contains("February 2024 has 29 days"), impossible.stderr)
        let empty = try ReplayBinary.newFolder("no-incident")
        let none = ReplayBinary.run(["--window", window, "logs"], in: empty)
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("there is no replay.yaml here: name the incident file with --rules"), none.stderr)
        let bare = ReplayBinary.run([], in: empty)
        XCTAssertEqual(bare.status, 1)
        XCTAssertTrue(bare.stderr.contains("--window <window>"), "replay alone shows the run's options: \(bare.stderr)")
    }
}
