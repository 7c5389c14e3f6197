import Foundation
import XCTest

/// The same inputs give byte-identical affected.csv and exposures.csv whatever the order of
/// the files on the command line and whatever --jobs.
final class DeterminismTests: XCTestCase {
    func assertSameResults(in folder: URL, window: String, files: [String], file: StaticString = #filePath, line: UInt = #line) {
        var rng = SystemRandomNumberGenerator()
        let runs: [(String, [String])] = [
            ("a", ["--jobs", "1", "logs"]),
            ("b", ["--jobs", "4"] + files.shuffled(using: &rng)),
            ("c", ["--jobs", "2"] + files.reversed()),
            ("d", ["--jobs", "3"] + files.shuffled(using: &rng)),
        ]
        var outputs: [String: [String]] = [:]
        for (name, arguments) in runs {
            let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out-\(name)"] + arguments, in: folder)
            XCTAssertTrue(run.status == 0 || run.status == 2, run.stderr, file: file, line: line)
            outputs[name] = ["affected.csv", "exposures.csv"].map { ReplayBinary.read(folder.appendingPathComponent("out-\(name)/\($0)")) }
        }
        XCTAssertGreaterThan(outputs["a"]?[1].count ?? 0, 200, "the run found exposures to compare", file: file, line: line)
        for name in ["b", "c", "d"] {
            XCTAssertEqual(outputs[name], outputs["a"], "run \(name) differs", file: file, line: line)
        }
    }

    func testGeneratedTraceAnyOrderAnyJobs() {
        let folder = Generated.trace(scenario: "mixed", seed: 7, lines: 20000, extra: ["--nodes", "4"])
        assertSameResults(in: folder, window: Generated.window(folder), files: Generated.logFiles(folder))
    }

    func testHandWrittenTraceAnyOrderAnyJobs() {
        let folder = ReplayBinary.copyOfTrace("rules-by-hand")
        let files = ["logs/edge-sfo/access.log", "logs/edge-sfo/access.log.1.gz", "logs/edge-fra/access.log.gz", "logs/edge-blr/access.log.gz"]
        assertSameResults(in: folder, window: "2015-12-25T19:50:00Z..2015-12-25T20:50:00Z", files: files)
    }
}
