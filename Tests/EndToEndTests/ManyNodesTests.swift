import Foundation
import XCTest

/// Memory per node is released when the node finishes (issue "Attacked again", 8): 5,000 node
/// folders took 2.7 GB, kept until the merge (each group's numbering of people, made for a
/// node's whole traffic).
final class ManyNodesTests: XCTestCase {
    func testFiveThousandNodeFoldersInLessThanAGigabyte() throws {
        let folder = Generated.trace(scenario: "mixed", seed: 5, lines: 500_000, extra: ["--nodes", "5000", "--hours", "1", "--no-truth"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("logs").path).count, 5000)
        let (status, peak) = TestRun.peakMemory(ReplayBinary.executable.path,
                                                ["--window", Generated.window(folder), "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertTrue(status == 0 || status == 2, "status \(status)")
        XCTAssertEqual((ReplayBinary.summary(folder.appendingPathComponent("out"))["nodes"] as? [Any])?.count, 5000)
        XCTAssertLessThan(peak, 1 << 30, "peak \(peak >> 20) MB")
        try? FileManager.default.removeItem(at: folder)
    }
}
