#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// The folder walk (issue "Attacked again", 1 and 7): every entry below a log folder is read or
/// named in an error, never skipped; a file's node is the folder it was walked under.
final class FolderWalkTests: XCTestCase {
    let fm = FileManager.default

    func trace() -> (URL, String) {
        let folder = ReplayBinary.copyOfTrace("steam-cache-leak")
        return (folder, ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The run, under `timeout` so that a hang fails the test instead of the suite.
    /// As another user (`user`), from a copy of the binary in `folder`: the build folder may be
    /// under a home only its owner can enter.
    func run(_ arguments: [String], in folder: URL, as user: [String] = []) -> ReplayBinary.Outcome {
        var program = ReplayBinary.executable.path
        if !user.isEmpty {
            let copy = folder.appendingPathComponent("replay-bin")
            if !fm.fileExists(atPath: copy.path) {
                try? fm.copyItem(at: ReplayBinary.executable, to: copy)
                try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
            }
            program = copy.path
        }
        return TestRun.run("/usr/bin/timeout", ["60"] + user + [program] + arguments, in: folder)
    }

    func exposures(_ folder: URL, _ out: String) -> Int {
        ReplayBinary.records(folder.appendingPathComponent("\(out)/exposures.csv")).count - 1
    }

    func testANodeFolderThatIsALinkIsFollowed() throws {
        let (folder, window) = trace()
        XCTAssertEqual(run(["--window", window, "--quiet", "--out", "direct", "logs"], in: folder).status, 0)
        try fm.createDirectory(at: folder.appendingPathComponent("elsewhere"), withIntermediateDirectories: false)
        try fm.moveItem(at: folder.appendingPathComponent("logs/edge2"), to: folder.appendingPathComponent("elsewhere/edge2"))
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("logs/edge2").path, withDestinationPath: "../elsewhere/edge2")
        let linked = run(["--window", window, "--quiet", "--out", "linked", "logs"], in: folder)
        XCTAssertEqual(linked.status, 0, linked.stderr)
        XCTAssertEqual(exposures(folder, "linked"), exposures(folder, "direct"))
        XCTAssertGreaterThan(exposures(folder, "direct"), 0)
    }

    func testNamesThatAreNotUTF8AreReadAndShownAsBytes() throws {
        let (folder, window) = trace()
        XCTAssertEqual(run(["--window", window, "--quiet", "--out", "direct", "logs"], in: folder).status, 0)
        // edge3 becomes "edge3\xFF", its 19h file "access.log-\xFE19.gz".
        func rename(_ from: String, _ to: [UInt8]) {
            let target = Array(folder.path.utf8) + to + [0]
            XCTAssertEqual(target.withUnsafeBufferPointer { t in
                Glibc.rename(folder.appendingPathComponent(from).path, UnsafeRawPointer(t.baseAddress!).assumingMemoryBound(to: CChar.self))
            }, 0)
        }
        rename("logs/edge3/access.log-2015122519.gz", Array("/logs/edge3/access.log-".utf8) + [0xFE] + Array("19.gz".utf8))
        rename("logs/edge3", Array("/logs/edge3".utf8) + [0xFF])
        let incident = folder.appendingPathComponent("replay.yaml")
        try ReplayBinary.read(incident).replacingOccurrences(of: "  nodes: [edge1, edge2, edge3]\n", with: "")
            .write(to: incident, atomically: true, encoding: .utf8)
        let bytes = run(["--window", window, "--quiet", "--out", "bytes", "logs"], in: folder)
        XCTAssertEqual(bytes.status, 0, bytes.stderr)
        XCTAssertEqual(exposures(folder, "bytes"), exposures(folder, "direct"), "no file lost")
        let summary = ReplayBinary.summary(folder.appendingPathComponent("bytes"))
        let paths = (summary["inputs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertTrue(paths.contains("logs/edge3\\xFF/access.log-\\xFE19.gz"), "\(paths)")

        XCTAssertTrue((summary["nodes"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "edge3\\xFF" })
    }

    /// A name with a real backslash beside one with the byte it spells: both read, shown apart.
    func testABackslashInANameIsShownAsAByte() throws {
        let (folder, window) = trace()
        let edge3 = folder.appendingPathComponent("logs/edge3")
        try FileManager.default.moveItem(at: edge3.appendingPathComponent("access.log-2015122518.gz"), to: edge3.appendingPathComponent("x\\xFF.gz"))
        let target = Array(edge3.path.utf8) + Array("/x".utf8) + [0xFF] + Array(".gz".utf8) + [0]
        XCTAssertEqual(target.withUnsafeBufferPointer { t in
            Glibc.rename(edge3.appendingPathComponent("access.log-2015122519.gz").path, UnsafeRawPointer(t.baseAddress!).assumingMemoryBound(to: CChar.self))
        }, 0)
        let run = run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertNotEqual(run.status, 1, run.stderr)
        let paths = (ReplayBinary.summary(folder.appendingPathComponent("out"))["inputs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertTrue(paths.contains("logs/edge3/x\\xFF.gz") && paths.contains("logs/edge3/x\\x5CxFF.gz"), "\(paths)")
    }

    func testEveryEntryNotReadIsAnError() throws {
        let (folder, window) = trace()
        func refused(_ arguments: [String], _ message: String, as user: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
            let outcome = run(["--window", window, "--quiet", "--out", "out"] + arguments, in: folder, as: user)
            XCTAssertEqual(outcome.status, 1, outcome.stderr, file: file, line: line)
            XCTAssertTrue(outcome.stderr.contains(message), outcome.stderr, file: file, line: line)
        }
        let edge1 = folder.appendingPathComponent("logs/edge1")
        // A link to nothing.
        try fm.createSymbolicLink(atPath: edge1.appendingPathComponent("old.gz").path, withDestinationPath: "gone.gz")
        refused(["logs"], "logs/edge1/old.gz: a link to nothing")
        try fm.removeItem(at: edge1.appendingPathComponent("old.gz"))
        // A link in one node's folder to another node's file.
        try fm.createSymbolicLink(atPath: edge1.appendingPathComponent("x.gz").path, withDestinationPath: "../edge2/access.log-2015122519.gz")
        refused(["logs"], "logs/edge1/x.gz and logs/edge2/access.log-2015122519.gz are the same file, under two nodes (edge1 and edge2)")
        try fm.removeItem(at: edge1.appendingPathComponent("x.gz"))
        // A loop.
        try fm.createSymbolicLink(atPath: edge1.appendingPathComponent("back").path, withDestinationPath: "..")
        refused(["logs"], "logs/edge1/back: a link back to logs, a folder it is inside: a loop")
        try fm.removeItem(at: edge1.appendingPathComponent("back"))
        // A FIFO in a folder, and a device named: refused at once, never waited on.
        XCTAssertEqual(mkfifo(edge1.appendingPathComponent("pipe").path, 0o644), 0)
        refused(["logs"], "logs/edge1/pipe: a FIFO (named pipe), not a log file")
        try fm.removeItem(at: edge1.appendingPathComponent("pipe"))
        refused(["logs", "/dev/zero"], "/dev/zero: a character device, not a log file")
        // A folder that cannot be listed, as a user who may not (root may read anything).
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.appendingPathComponent("logs/edge2").path)
        let user = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        refused(["logs"], "logs/edge2: cannot list this folder (Permission denied): its logs would be left out; name its readable subfolders", as: user)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent("logs/edge2").path)
        XCTAssertEqual(run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder).status, 0, "and all is read again")
    }
}
