import Foundation
import XCTest

/// The fuzz targets' seed corpora (and the inputs fuzzing once found) run through the targets
/// as plain programs: every input that ever crashed a parser stays fixed. `Tools/fuzz/run`
/// runs the targets under libFuzzer.
final class FuzzCorpusTests: XCTestCase {
    func testEverySeedRunsThroughItsTarget() throws {
        let corpus = ReplayBinary.packageRoot.appendingPathComponent("Tools/fuzz/corpus")
        let targets = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        XCTAssertEqual(targets, ["csv", "gzip-lines", "ids", "incident", "pattern-lines", "table", "window"])
        for target in targets {
            let program = ReplayBinary.executable.deletingLastPathComponent().appendingPathComponent("fuzz-\(target)")
            let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(target).path).sorted()
            XCTAssertFalse(seeds.isEmpty, target)
            let run = TestRun.run(program.path, seeds.map { corpus.appendingPathComponent("\(target)/\($0)").path })
            XCTAssertEqual(run.status, 0, "\(target): \(run.stderr)")
            XCTAssertEqual(run.stdout.split(separator: "\n").count, seeds.count, target)
        }
    }
}
