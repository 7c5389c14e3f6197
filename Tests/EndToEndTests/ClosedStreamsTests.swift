import Foundation
import XCTest

/// A run whose stderr is a full device or a pipe nobody reads (issue "Attacked again", 6 and
/// 10): its exit status and its results stand; an answer that cannot be written is exit 3.
final class ClosedStreamsTests: XCTestCase {
    /// The status of `replay arguments` with its stdout and stderr where they are given.
    func status(_ arguments: [String], in folder: URL, stdout: FileHandle = .nullDevice, stderr: FileHandle) throws -> Int32 {
        let process = Process()
        process.executableURL = ReplayBinary.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func testAnIncompleteRunKeepsItsStatusAndResults() throws {
        let folder = ReplayBinary.copyOfTrace("steam-cache-leak")
        let window = ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
        // edge3 forgotten: incomplete, with a message on stderr that cannot be written.
        let run = ["--window", window, "--out", "full", "logs/edge1", "logs/edge2"]
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        XCTAssertEqual(try status(run, in: folder, stderr: full), 2)
        XCTAssertFalse(ReplayBinary.summary(folder.appendingPathComponent("full")).isEmpty, "the results are written")

        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        XCTAssertEqual(try status(["--window", window, "--out", "closed", "logs/edge1", "logs/edge2"], in: folder,
                                  stderr: pipe.fileHandleForWriting), 2, "a reader gone is no SIGPIPE")
        XCTAssertFalse(ReplayBinary.summary(folder.appendingPathComponent("closed")).isEmpty)

        // explain: an answer that cannot be written is not an answer.
        let devnull = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/null"))
        XCTAssertEqual(try status(["explain", "--out", "full", "nobody-at-all"], in: folder, stdout: full, stderr: devnull), 3)
    }
}
