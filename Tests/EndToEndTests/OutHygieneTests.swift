#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// `--out` hygiene (issue "Attacked again", 13 and 14): results never land among the logs, a
/// user's folder under a result's name is never deleted, and an interrupted run leaves no
/// staging folder (personal data) beside `--out`.
final class OutHygieneTests: XCTestCase {
    func trace() -> (URL, String) {
        let folder = ReplayBinary.copyOfTrace("steam-cache-leak")
        return (folder, ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func testOutInsideTheLogsAndLogsInsideOutAreRefused() throws {
        let (folder, window) = trace()
        let inside = ReplayBinary.run(["--window", window, "--quiet", "--out", "logs/results", "logs"], in: folder)
        XCTAssertEqual(inside.status, 1)
        XCTAssertTrue(inside.stderr.contains("--out logs/results is inside logs, a log folder given"), inside.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("logs/results").path))
        let around = ReplayBinary.run(["--window", window, "--quiet", "--out", "newdir/../logs/results", "logs"], in: folder)
        XCTAssertEqual(around.status, 1, "a path that does not exist yet, with ..")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("logs/results").path))
        let holds = ReplayBinary.run(["--window", window, "--quiet", "--out", "logs", "logs/edge1/access.log-2015122519.gz"], in: folder)
        XCTAssertEqual(holds.status, 1)
        XCTAssertTrue(holds.stderr.contains("logs/edge1/access.log-2015122519.gz is inside --out logs"), holds.stderr)
    }

    func testAUsersFolderUnderAResultsNameIsKept() throws {
        let (folder, window) = trace()
        let mine = folder.appendingPathComponent("out/exposures.csv")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.appendingPathComponent("out").path)
        try Data("keep".utf8).write(to: mine.appendingPathComponent("notes.txt"))
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("holds files that replay did not write (exposures.csv)"), run.stderr)
        XCTAssertEqual(ReplayBinary.read(mine.appendingPathComponent("notes.txt")), "keep")
    }

    /// SIGTERM (and SIGINT) while the run replays: exit 143 (130), no staging folder left.
    func testAnInterruptedRunLeavesNoStagingFolder() throws {
        let folder = Generated.trace(scenario: "mixed", seed: 3, lines: 200_000)
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            let process = Process()
            process.executableURL = ReplayBinary.executable
            process.arguments = ["--window", Generated.window(folder), "--quiet", "--out", "out", "logs"]
            process.currentDirectoryURL = folder
            process.standardError = FileHandle.nullDevice
            try process.run()
            // As soon as the staging folder exists, the run is under way.
            func staging() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".out.replay-") }
            }
            let deadline = Date().addingTimeInterval(60)
            while staging().isEmpty && process.isRunning && Date() < deadline { usleep(5_000) }
            XCTAssertTrue(process.isRunning, "the run ended before it could be interrupted")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, status)
            XCTAssertEqual(staging(), [], "no partial results beside --out")
        }
    }
}
