import Foundation
import XCTest

/// Tools/gen-trace knows who saw whose data from its own simulation; replay, reading only the
/// logs, must find exactly that.
final class GeneratorTruthTests: XCTestCase {
    func testReplayFindsTheSimulationsTruthOnThreeSeeds() {
        for seed in [1, 2, 3] {
            let folder = Generated.trace(scenario: "mixed", seed: seed, lines: 15000, extra: ["--nodes", "3"])
            let run = ReplayBinary.run(["--window", Generated.window(folder), "--quiet", "--out", "out", "logs"], in: folder)
            XCTAssertEqual(run.status, 0, "seed \(seed): \(run.stderr)")
            for name in ["affected.csv", "exposures.csv"] {
                let expected = ReplayBinary.read(folder.appendingPathComponent("expected/\(name)"))
                XCTAssertGreaterThan(expected.count, 1000, "seed \(seed) \(name)")
                XCTAssertEqual(ReplayBinary.read(folder.appendingPathComponent("out/\(name)")), expected, "seed \(seed) \(name)")
            }
        }
    }
}
