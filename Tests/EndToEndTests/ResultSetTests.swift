import Foundation
import XCTest

/// `--out` holds the files of one run as a set (SPEC §4): after kill -9 at any moment, a full
/// disk, a file size limit or a second run, it holds every file of the previous run or every
/// file of the new one; nothing is written through a link or outside `--out`.
final class ResultSetTests: XCTestCase {
    /// A generated trace large enough that a run takes a while, and two windows whose results
    /// differ, so that a mix of two sets would show.
    static let trace: URL = Generated.trace(scenario: "mixed", seed: 5, lines: 60000)
    static let windows = ["2015-12-25T19:00:00Z..2015-12-25T19:40:00Z", "2015-12-25T19:10:00Z..2015-12-25T19:30:00Z"]

    /// A fresh folder holding the trace's incident and logs (by link), for one test's runs.
    func workspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-set-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["replay.yaml", "logs", "qa_authors.csv", "users.csv"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: Self.trace.appendingPathComponent(name))
        }
        return folder
    }

    func arguments(_ window: Int, out: String = "out") -> [String] {
        ["--window", Self.windows[window], "--quiet", "--out", out, "logs"]
    }

    /// The set in `folder`: its SHA256SUMS, after checking that it names exactly the other
    /// files there and that each matches (as `sha256sum -c` would).
    func checkedSet(_ folder: URL, file: StaticString = #filePath, line: UInt = #line) -> String? {
        let sums = ReplayBinary.read(folder.appendingPathComponent("SHA256SUMS"))
        guard !sums.isEmpty else { return nil }
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        var named: Set<String> = ["SHA256SUMS"]
        for entry in sums.split(separator: "\n") {
            let parts = entry.components(separatedBy: "  ")
            XCTAssertEqual(parts.count, 2, "a sha256sum line", file: file, line: line)
            guard parts.count == 2 else { continue }
            named.insert(parts[1])
            let data = (try? Data(contentsOf: folder.appendingPathComponent(parts[1]))) ?? Data()
            XCTAssertEqual(sha256(data), parts[0], "\(parts[1]) matches its digest", file: file, line: line)
        }
        XCTAssertEqual(present, named, "the folder holds exactly the set", file: file, line: line)
        return sums
    }

    func sha256(_ data: Data) -> String {
        String(decoding: TestRun.output("/usr/bin/env", ["sha256sum"], input: data).prefix(64), as: UTF8.self)
    }

    func leftovers(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".out.replay-") }
    }

    func testSumsAreWhatSha256sumChecks() throws {
        let folder = try workspace()
        XCTAssertEqual(ReplayBinary.run(arguments(0), in: folder).status, 0)
        let sums = try XCTUnwrap(checkedSet(folder.appendingPathComponent("out")))
        XCTAssertEqual(sums.split(separator: "\n").map { $0.components(separatedBy: "  ")[1] }, ["affected.csv", "affected.xlsx", "exposures.csv", "possible-exposures.csv", "possibly-affected.csv", "report.html", "summary.json"])
        let check = TestRun.status("/bin/sh", ["-c", "cd out && sha256sum -c --quiet SHA256SUMS"], in: folder)
        XCTAssertEqual(check, 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("out").path)
        XCTAssertEqual((attributes[.posixPermissions] as? Int), 0o700)
        for name in ["affected.csv", "exposures.csv", "summary.json", "SHA256SUMS"] {
            let a = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("out/\(name)").path)
            XCTAssertEqual((a[.posixPermissions] as? Int), 0o600, name)
        }
        XCTAssertEqual(leftovers(in: folder), [])
    }

    func testKilledAtAnyMomentLeavesTheOldSetOrTheNew() throws {
        let folder = try workspace()
        XCTAssertEqual(ReplayBinary.run(arguments(1), in: folder).status, 0)
        let old = try XCTUnwrap(checkedSet(folder.appendingPathComponent("out")))
        let scratch = try workspace()
        XCTAssertEqual(ReplayBinary.run(arguments(0), in: scratch).status, 0)
        let new = try XCTUnwrap(checkedSet(scratch.appendingPathComponent("out")))
        XCTAssertNotEqual(old, new)
        // How long a run takes here, to spread the kills over it.
        let started = Date()
        _ = ReplayBinary.run(arguments(0, out: "timing"), in: scratch)
        let length = Date().timeIntervalSince(started)
        var seenOld = 0, seenNew = 0
        for k in 0..<12 {
            let delay = length * Double(k) / 10
            let status = TestRun.killed(ReplayBinary.executable.path, arguments(k % 2 == 0 ? 0 : 1), in: folder, after: delay)
            let now = try XCTUnwrap(checkedSet(folder.appendingPathComponent("out")), "kill after \(delay) s")
            XCTAssertTrue(now == old || now == new, "kill after \(delay) s left a set that is neither run's")
            if now == old { seenOld += 1 } else { seenNew += 1 }
            _ = status
            // The next run starts from the set there now.
            if now == new { XCTAssertEqual(ReplayBinary.run(arguments(1), in: folder).status, 0) }
        }
        XCTAssertGreaterThan(seenOld, 0, "some kills came before the swap")
        // A run after the kills removes what they left beside --out.
        XCTAssertEqual(ReplayBinary.run(arguments(0), in: folder).status, 0)
        XCTAssertEqual(leftovers(in: folder), [])
        XCTAssertEqual(checkedSet(folder.appendingPathComponent("out")), new)
    }

    func testTwoRunsAtOnceNeverMix() throws {
        let folder = try workspace()
        let scratch = try workspace()
        XCTAssertEqual(ReplayBinary.run(arguments(0), in: scratch).status, 0)
        XCTAssertEqual(ReplayBinary.run(arguments(1, out: "other"), in: scratch).status, 0)
        let sets = [try XCTUnwrap(checkedSet(scratch.appendingPathComponent("out"))), try XCTUnwrap(checkedSet(scratch.appendingPathComponent("other")))]
        var refused = 0
        for _ in 0..<6 {
            let statuses = TestRun.together(ReplayBinary.executable.path, [arguments(0), arguments(1)], in: folder)
            for (i, run) in statuses.enumerated() {
                XCTAssertTrue(run.status == 0 || run.status == 1, "run \(i) exited \(run.status): \(run.stderr)")
                if run.status == 1 {
                    refused += 1
                    XCTAssertTrue(run.stderr.contains("in use by another replay run"), run.stderr)
                }
            }
            let now = try XCTUnwrap(checkedSet(folder.appendingPathComponent("out")))
            XCTAssertTrue(sets.contains(now), "two runs at once left a mix")
            XCTAssertEqual(leftovers(in: folder), [])
        }
        XCTAssertGreaterThan(refused, 0, "runs that overlapped: the second refused")
    }

    func testAFileSizeLimitExitsThreeAndKeepsThePreviousSet() throws {
        let folder = try workspace()
        XCTAssertEqual(ReplayBinary.run(arguments(1), in: folder).status, 0)
        let before = try XCTUnwrap(checkedSet(folder.appendingPathComponent("out")))
        let quoted = ([ReplayBinary.executable.path] + arguments(0)).map { "'\($0)'" }.joined(separator: " ")
        let run = TestRun.run("/bin/bash", ["-c", "ulimit -f 256; exec \(quoted)"], in: folder)
        XCTAssertEqual(run.status, 3, run.stderr)
        XCTAssertTrue(run.stderr.contains("writing the results failed"), run.stderr)
        XCTAssertTrue(run.stderr.contains("File too large"), run.stderr)
        XCTAssertEqual(checkedSet(folder.appendingPathComponent("out")), before)
        XCTAssertEqual(leftovers(in: folder), [])
    }

    func testAFullDiskExitsThreeAndKeepsThePreviousSet() throws {
        // A 1 MB tmpfs (as root; CI runs as root, so there this test never skips).
        let disk = FileManager.default.temporaryDirectory.appendingPathComponent("replay-tiny-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        guard TestRun.status("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]) == 0 else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("CI runs as root and must be able to mount a tmpfs") }
            throw XCTSkip("cannot mount a tmpfs here (not root)")
        }
        defer { _ = TestRun.status("/bin/umount", [disk.path]) }
        let folder = try workspace()
        let out = disk.appendingPathComponent("out").path
        // A narrow window's results fit; the wide window's do not.
        let narrow = ["--window", "2015-12-25T19:10:00Z..2015-12-25T19:11:00Z", "--quiet", "--out", out, "logs"]
        XCTAssertEqual(ReplayBinary.run(narrow, in: folder).status, 0)
        let before = try XCTUnwrap(checkedSet(disk.appendingPathComponent("out")))
        let run = ReplayBinary.run(arguments(0, out: out), in: folder)
        XCTAssertEqual(run.status, 3, run.stderr)
        XCTAssertTrue(run.stderr.contains("No space left on device"), run.stderr)
        XCTAssertEqual(checkedSet(disk.appendingPathComponent("out")), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.path), ["out"], "the staging folder is gone")
    }

    func testUnsafeOrForeignOutIsRefusedAndLinksAreNotFollowed() throws {
        let folder = try workspace()
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("keep me\n".utf8).write(to: victim)
        let out = folder.appendingPathComponent("out")

        // Writable by others: refused, nothing written.
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o777])
        chmod(out.path, 0o777)
        var run = ReplayBinary.run(arguments(0), in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("can be written by other users"), run.stderr)
        XCTAssertTrue(run.stderr.contains("chmod 700"), run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])

        // A link planted under a result's name is replaced, never written through.
        chmod(out.path, 0o700)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("affected.csv"), withDestinationURL: victim)
        // A link planted under a staging folder's name beside --out is left alone.
        let decoy = folder.appendingPathComponent("decoy")
        try FileManager.default.createDirectory(at: decoy, withIntermediateDirectories: false)
        try Data("mine\n".utf8).write(to: decoy.appendingPathComponent("file"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(".out.replay-1-planted"), withDestinationURL: decoy)
        run = ReplayBinary.run(arguments(0), in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(ReplayBinary.read(victim), "keep me\n")
        XCTAssertEqual(ReplayBinary.read(decoy.appendingPathComponent("file")), "mine\n")
        let affected = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("affected.csv").path)
        XCTAssertEqual(affected[.type] as? FileAttributeType, .typeRegular)
        XCTAssertNotNil(checkedSet(out))

        // --out itself a link: refused.
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link"), withDestinationURL: out)
        run = ReplayBinary.run(arguments(0, out: "link"), in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is a link"), run.stderr)

        // A folder holding other files: refused, the files untouched.
        let mine = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try Data("notes\n".utf8).write(to: mine.appendingPathComponent("notes.txt"))
        run = ReplayBinary.run(arguments(0, out: "mine"), in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("holds files that replay did not write (notes.txt)"), run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mine.path), ["notes.txt"])
    }
}
