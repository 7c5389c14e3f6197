import Foundation
import XCTest

/// A gzip member that fails its check puts nothing in the results: its lines were replayed
/// before the check and are rolled back; the members before it stand. Inputs that are all
/// damage (empty lines, short rejected lines) take flat memory. The same file given twice is
/// read once.
final class DamageNeverReachesResultsTests: XCTestCase {
    let damaged = "logs/edge1/access.log-2015122519.gz"

    /// Rows of the generator's truth, but those of `file` from line `from` on.
    func truth(_ folder: URL, without file: String, from line: Int) -> [[String]] {
        ReplayBinary.records(folder.appendingPathComponent("expected/exposures.csv")).filter { cells in
            !(cells[5] == file && Int(cells[6])! >= line)
        }
    }

    func testAFlippedBitInvitesNobody() throws {
        // The case, smaller: one member per file, one bit flipped inside edge1's last file.
        let folder = Generated.trace(scenario: "mixed", seed: 7, lines: 40000, extra: ["--nodes", "2", "--hours", "2"])
        let path = folder.appendingPathComponent(damaged)
        var data = try Data(contentsOf: path)
        data[data.count / 3] ^= 0x10
        try data.write(to: path)
        let run = ReplayBinary.run(["--window", Generated.window(folder), "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("damaged gzip members not replayed (unverified)"), run.stderr)
        let expected = truth(folder, without: damaged, from: 1)
        XCTAssertEqual(ReplayBinary.records(folder.appendingPathComponent("out/exposures.csv")), expected)
        // Nobody the truth does not name is on the list.
        let subjects = Set(expected.dropFirst().map { $0[3] })
        let listed = ReplayBinary.records(folder.appendingPathComponent("out/affected.csv")).dropFirst().map { $0[0] }
        XCTAssertEqual(Set(listed), subjects)
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out"))
        let entry = (summary["inputs"] as? [[String: Any]])?.first { ($0["path"] as? String) == damaged }
        XCTAssertEqual(entry?["unverified"] as? Int, entry?["lines"] as? Int)
        XCTAssertEqual(entry?["parsed"] as? Int, 0)
        XCTAssertEqual((entry?["errors"] as? [[String: Any]])?.first?["offset"] as? Int, 0, "the damaged member begins at byte 0")
    }

    func testMembersBeforeTheDamagedOneAreReplayed() throws {
        let folder = Generated.trace(scenario: "mixed", seed: 8, lines: 30000, extra: ["--nodes", "2", "--hours", "2"])
        let path = folder.appendingPathComponent(damaged)
        // Rewrite the file as four members (as logrotate and nginx's gzip= make them), then
        // damage the third.
        let text = TestRun.output("/usr/bin/env", ["gzip", "-dc"], input: try Data(contentsOf: path))
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { Data($0) + Data([0x0A]) }
        XCTAssertGreaterThan(lines.count, 1000)
        let quarter = lines.count / 4
        var members: [Data] = []
        while !lines.isEmpty {
            let part = lines.prefix(members.count == 3 ? lines.count : quarter)
            lines.removeFirst(part.count)
            members.append(TestRun.output("/usr/bin/env", ["gzip", "-c", "-n"], input: part.reduce(Data(), +)))
        }
        var third = members[2]
        third[third.startIndex + third.count / 2] ^= 0x04
        try (members[0] + members[1] + third + members[3]).write(to: path)
        let run = ReplayBinary.run(["--window", Generated.window(folder), "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2)
        let firstUnverified = 2 * quarter + 1
        let got = ReplayBinary.records(folder.appendingPathComponent("out/exposures.csv"))
        let expected = truth(folder, without: damaged, from: firstUnverified)
        XCTAssertTrue(got.contains { $0[5] == damaged }, "the first two members' exposures are there")
        // The lost member is a hole on its node: every confirmed row happened, and every row
        // before the hole is confirmed; after it, a delivery may have served a render the hole
        // hides, so its pairs are possible at best.
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out"))
        let node = (summary["nodes"] as? [[String: Any]])?.first { $0["name"] as? String == "edge1" }
        let hole = try XCTUnwrap((node?["holes"] as? [[String: Any]])?.first { $0["cause"] as? String == "damaged-member" })
        let from = try XCTUnwrap(hole["from"] as? String)
        XCTAssertTrue(Set(got).isSubset(of: Set(expected)), "confirmed ⊆ truth")
        XCTAssertEqual(got.filter { $0[0] < from || $0[1] != "edge1" }, expected.filter { $0[0] < from || $0[1] != "edge1" },
                       "before the hole, and on the other node, exactly the truth")
        XCTAssertLessThan(got.count, expected.count, "the hole made some pairs possible")
        let entry = (summary["inputs"] as? [[String: Any]])?.first { ($0["path"] as? String) == damaged }
        XCTAssertEqual(entry?["gzip_members"] as? Int, 2)
        XCTAssertEqual((entry?["errors"] as? [[String: Any]])?.first?["offset"] as? Int, members[0].count + members[1].count)
        XCTAssertEqual((entry?["parsed"] as? Int).map { $0 + (entry?["unverified"] as? Int ?? 0) }, entry?["lines"] as? Int)
    }

    /// A file of empty lines (the issue: 80 MB of them took 11.6 GB) and one of short rejected
    /// lines: peak memory stays flat as the input grows (`Tools/stress-memory` runs the large
    /// sizes: 1 GB of empty lines, 5 GB of rejected lines).
    func testEmptyAndRejectedLinesTakeFlatMemory() throws {
        let folder = try ReplayBinary.newFolder("flat")
        try """
            log:
              format: nginx
              pattern: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" uid=$cookie_uid'
            viewer: $cookie_uid
            rules:
              - name: account
                path: /account/
                subject: viewer
                fields: [email]

            """.write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        func gz(_ name: String, _ line: String, count: Int) throws {
            let chunk = Data(String(repeating: line, count: 1 << 20).utf8)
            let shell = "for i in $(seq \(count)); do cat chunk; done | gzip -1 > \(name)"
            try chunk.write(to: folder.appendingPathComponent("chunk"))
            XCTAssertEqual(TestRun.status("/bin/sh", ["-c", shell], in: folder), 0)
        }
        try gz("small.gz", "\n", count: 2)
        try gz("large.gz", "\n", count: 24)
        try gz("rejected.gz", "no\n", count: 10)
        var peaks: [String: Int] = [:]
        for name in ["small.gz", "large.gz", "rejected.gz"] {
            let run = TestRun.peakMemory(ReplayBinary.executable.path,
                                         ["--window", "2015-12-25T19:50:00Z..2015-12-25T20:50:00Z", "--quiet", "--out", "out-\(name)", name], in: folder)
            XCTAssertEqual(run.status, 2, name)
            peaks[name] = run.bytes
        }
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out-large.gz"))
        XCTAssertEqual((summary["lines"] as? [String: Any])?["rejected"] as? Int, 24 << 20, "every empty line is counted")
        let small = try XCTUnwrap(peaks["small.gz"]), large = try XCTUnwrap(peaks["large.gz"]), rejected = try XCTUnwrap(peaks["rejected.gz"])
        XCTAssertLessThan(large, 100 << 20, "24 MB of empty lines (as many lines) under 100 MB")
        XCTAssertLessThan(large, small + (24 << 20), "ten times the input, about the same peak")
        XCTAssertLessThan(rejected, small + (24 << 20), "30 MB of rejected lines, about the same peak")
    }

    func testTheSameFileGivenTwiceIsReadOnce() throws {
        let folder = ReplayBinary.copyOfTrace("steam-cache-leak")
        let window = ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(ReplayBinary.run(["--window", window, "--quiet", "--out", "once", "logs"], in: folder).status, 0)
        let file = "logs/edge1/access.log-2015122519.gz"
        // A link beside it in its node's folder (a link elsewhere would put it under another node).
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("logs/edge1/again.gz"),
                                                   withDestinationURL: folder.appendingPathComponent(file))
        // Through a link, another spelling and an absolute path, in two orders.
        let extra = ["logs/edge1/again.gz", "./" + file, folder.appendingPathComponent(file).path]
        let a = ReplayBinary.run(["--window", window, "--quiet", "--out", "twice", "logs"] + extra, in: folder)
        let b = ReplayBinary.run(["--window", window, "--quiet", "--out", "reversed"] + extra.reversed() + ["logs"], in: folder)
        XCTAssertEqual(a.status, 0)
        XCTAssertEqual(b.status, 0)
        XCTAssertTrue(a.stderr.contains("the same file, read once"), a.stderr)
        let once = ReplayBinary.rows(folder.appendingPathComponent("once/exposures.csv"))
        let twice = ReplayBinary.rows(folder.appendingPathComponent("twice/exposures.csv"))
        XCTAssertEqual(twice.count, once.count, "no exposure counted twice")
        XCTAssertEqual(twice, ReplayBinary.rows(folder.appendingPathComponent("reversed/exposures.csv")), "the order given changes nothing")
        // Read under the bytewise-smallest of its paths ("./" sorts before "/").
        let inputs = ReplayBinary.summary(folder.appendingPathComponent("twice"))["inputs"] as? [[String: Any]] ?? []
        let entry = inputs.first { ($0["path"] as? String) == "./" + file }
        XCTAssertEqual(entry?["other_paths"] as? [String], [folder.appendingPathComponent(file).path, file, "logs/edge1/again.gz"])
        XCTAssertEqual(inputs.count, 9)

        // A copy (another file, the same bytes) is read, and warned about.
        try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: folder.appendingPathComponent("copy.gz"))
        let c = ReplayBinary.run(["--window", window, "--quiet", "--out", "copy", "logs", "copy.gz"], in: folder)
        XCTAssertTrue(c.stderr.contains("have the same content (SHA-256) but are different files"), c.stderr)
        let warnings = ReplayBinary.summary(folder.appendingPathComponent("copy"))["warnings"] as? [String] ?? []
        XCTAssertEqual(warnings.filter { $0.contains("same content") }.count, 1)
    }
}
