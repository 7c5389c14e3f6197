import Foundation
import XCTest

/// `replay verify`, the nightly regression: passes on the committed traces, and fails with a
/// readable diff when an expected file changes.
final class VerifyTests: XCTestCase {
    func testEveryCommittedTracePasses() {
        let traces = try? FileManager.default.contentsOfDirectory(atPath: ReplayBinary.packageRoot.appendingPathComponent("Traces").path)
        let count = (traces ?? []).filter {
            FileManager.default.fileExists(atPath: ReplayBinary.packageRoot.appendingPathComponent("Traces/\($0)/replay.yaml").path)
        }.count
        XCTAssertGreaterThanOrEqual(count, 5)
        let run = ReplayBinary.run(["verify", "Traces"], in: ReplayBinary.packageRoot)
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.contains("\(count) passed, 0 failed"), run.stdout)
    }

    func testAChangedExpectedFileFailsWithAReadableDiff() throws {
        let folder = ReplayBinary.copyOfTrace("rules-by-hand")
        XCTAssertEqual(ReplayBinary.run(["verify", folder.path], in: folder).status, 0)

        let exposures = folder.appendingPathComponent("expected/exposures.csv")
        var rows = ReplayBinary.read(exposures).components(separatedBy: "\r\n")
        let changed = rows[5]
        rows[5] = changed.replacingOccurrences(of: ",kim,", with: ",kimberly,")
        try rows.joined(separator: "\r\n").write(to: exposures, atomically: true, encoding: .utf8)
        let summary = folder.appendingPathComponent("expected/summary.json")
        try ReplayBinary.read(summary).replacingOccurrences(of: "\"exposures\": 19", with: "\"exposures\": 20")
            .write(to: summary, atomically: true, encoding: .utf8)

        let run = ReplayBinary.run(["verify", folder.path], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("FAIL  \(folder.path)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("exposures.csv: 19 rows expected, 19 replayed; 1 missing, 1 unexpected"), run.stdout)
        // Row numbers and the column that differs, never the ids (personal data).
        XCTAssertTrue(run.stdout.contains("expected row 5, replayed row 5: viewer differ"), run.stdout)
        XCTAssertFalse(run.stdout.contains("kim"), run.stdout)
        XCTAssertFalse(run.stdout.contains(changed), run.stdout)
        XCTAssertTrue(run.stdout.contains("exposures: expected 20, replayed 19"), run.stdout)
        XCTAssertTrue(run.stdout.contains("0 passed, 1 failed"), run.stdout)

        // Asked for by name, the rows themselves.
        let shown = ReplayBinary.run(["verify", "--show-rows", folder.path], in: folder)
        XCTAssertEqual(shown.status, 1)
        XCTAssertTrue(shown.stdout.contains("- expected row 5: " + rows[5]), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("+ replayed row 5: " + changed), shown.stdout)
    }

    /// Expected files with other line ends, or without their header: still no id printed.
    func testNoIdIsPrintedWhateverTheExpectedFilesLookLike() throws {
        let folder = ReplayBinary.copyOfTrace("rules-by-hand")
        let exposures = folder.appendingPathComponent("expected/exposures.csv")
        let rows = ReplayBinary.read(exposures).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let ids = Set(ReplayBinary.records(exposures).dropFirst().flatMap { [$0[3], $0[4]] })
        XCTAssertFalse(ids.isEmpty)
        for variant in [rows.joined(separator: "\n") + "\n", rows.dropFirst().joined(separator: "\r\n") + "\r\n",
                        rows.dropFirst().joined(separator: "\n")] {
            try variant.write(to: exposures, atomically: true, encoding: .utf8)
            let run = ReplayBinary.run(["verify", folder.path], in: folder)
            // Ids are short names ("sam"): compared with the words printed, not their letters ("same").
            let words = Set((run.stdout + run.stderr).split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init))
            XCTAssertTrue(words.isDisjoint(with: ids), "\(words.intersection(ids)) in: \(run.stdout)")
        }
        let run = ReplayBinary.run(["verify", folder.path], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("first row is not the header replay writes"), run.stdout)
    }

    /// A trace with the truth of real nginx: verify holds the promise of SPEC 3.7, and says when
    /// a confirmed row did not happen or a row that happened is in neither file.
    func testATraceWithItsTruthHoldsTheBound() throws {
        let folder = ReplayBinary.copyOfTrace("nginx-possible")
        XCTAssertEqual(ReplayBinary.run(["verify", folder.path], in: folder).status, 0)
        let real = folder.appendingPathComponent("expected/real-exposures.csv")
        let rows = ReplayBinary.read(real).components(separatedBy: "\r\n")
        // One confirmed row dropped from what happened, one row added that nothing shows.
        var changed = rows
        changed.remove(at: 1)
        changed.insert(rows[1].replacingOccurrences(of: "account-page", with: "account-page-2"), at: 2)
        try changed.joined(separator: "\r\n").write(to: real, atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["verify", folder.path], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("the promise: 1 confirmed rows did not happen"), run.stdout)
        XCTAssertTrue(run.stdout.contains("the promise: 1 rows that happened are neither confirmed nor possible (real-exposures.csv rows 2)"), run.stdout)
        XCTAssertFalse(run.stdout.contains("u0"), "row numbers, not ids")
    }
}
