import Foundation
import XCTest

/// A damaged input makes the run incomplete (exit 2) and is reported with its offset, while
/// every other file's results are still written.
final class DamagedInputTests: XCTestCase {
    func testTruncatedGzipIsReportedAndTheRestIsReplayed() throws {
        let folder = Generated.trace(scenario: "mixed", seed: 11, lines: 12000)
        let damaged = folder.appendingPathComponent("logs/edge2/access.log-2015122519.gz")
        let data = try Data(contentsOf: damaged)
        let cut = data.count / 2
        try data.prefix(cut).write(to: damaged)

        let run = ReplayBinary.run(["--window", Generated.window(folder), "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("INCOMPLETE"))
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out"))
        XCTAssertEqual(summary["complete"] as? Bool, false)
        let inputs = summary["inputs"] as? [[String: Any]] ?? []
        let entry = inputs.first { ($0["path"] as? String) == "logs/edge2/access.log-2015122519.gz" }
        let error = (entry?["errors"] as? [[String: Any]])?.first
        XCTAssertEqual(error?["kind"] as? String, "truncated")
        XCTAssertEqual(error?["offset"] as? Int, cut)
        XCTAssertEqual(inputs.filter { ($0["complete"] as? Bool) == true }.count, inputs.count - 1)

        // The other nodes' evidence is exactly the generator's truth for them.
        func rows(_ url: URL, node: String) -> [[String]] {
            ReplayBinary.records(url).filter { $0[1] == node }
        }
        for node in ["edge1", "edge3"] {
            let expected = rows(folder.appendingPathComponent("expected/exposures.csv"), node: node)
            XCTAssertFalse(expected.isEmpty)
            XCTAssertEqual(rows(folder.appendingPathComponent("out/exposures.csv"), node: node), expected, node)
        }
        // edge2's lines before the damaged file are all there too.
        let before = rows(folder.appendingPathComponent("expected/exposures.csv"), node: "edge2").filter { $0[5].hasSuffix("2015122518.gz") }
        let got = rows(folder.appendingPathComponent("out/exposures.csv"), node: "edge2").filter { $0[5].hasSuffix("2015122518.gz") }
        XCTAssertEqual(got, before)
    }

    func testRejectedLinesAreListedWithFileLineAndReason() throws {
        let folder = ReplayBinary.copyOfTrace("rules-by-hand")
        let log = folder.appendingPathComponent("logs/edge-sfo/access.log")
        var text = ReplayBinary.read(log)
        text += "this is not a log line\n" + String(repeating: "y", count: 2 << 20) + "\n"
        try text.write(to: log, atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--window", "2015-12-25T19:50:00Z..2015-12-25T20:50:00Z", "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2)
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out"))
        let inputs = summary["inputs"] as? [[String: Any]] ?? []
        let entry = inputs.first { ($0["path"] as? String) == "logs/edge-sfo/access.log" }
        let rejected = entry?["rejected_lines"] as? [[String: Any]] ?? []
        XCTAssertEqual(rejected.map { $0["line"] as? Int }, [3, 4])
        XCTAssertEqual(rejected.first?["reason"] as? String, "$remote_addr at byte 0: expected ' - ' after the value")
        XCTAssertEqual(rejected.last?["reason"] as? String, "line of 2097152 bytes is longer than the limit")
        XCTAssertEqual((summary["lines"] as? [String: Any])?["rejected"] as? Int, 2)
        XCTAssertEqual(ReplayBinary.rows(folder.appendingPathComponent("out/exposures.csv")).count, 20, "the good lines are replayed as before")
    }
}
