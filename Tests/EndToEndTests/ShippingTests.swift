import Foundation
import XCTest
@testable import ReplaySupport

/// What a built replay says about itself: the exact package versions Package.swift pins (the
/// same list summary.json names), the commit it was built from and the inflaters built in.
final class ShippingTests: XCTestCase {
    /// Package.swift's `exact:` pins, by package name.
    func pins() throws -> [String: String] {
        let manifest = try String(contentsOf: ReplayBinary.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\.package\(url: "[^"]*/([^"/]+?)(?:\.git)?", (\w+): "([^"]+)"\)"#)
        var found: [String: String] = [:]
        for m in pattern.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)) {
            let part = { (i: Int) in String(manifest[Range(m.range(at: i), in: manifest)!]) }
            XCTAssertEqual(part(2), "exact", "\(part(1)) is not pinned to an exact version")
            found[part(1)] = part(3)
        }
        return found
    }

    func testEveryDependencyIsPinnedToTheVersionBuildInfoNames() throws {
        let pinned = try pins()
        XCTAssertEqual(pinned.count, 4)
        XCTAssertEqual(pinned, Dictionary(uniqueKeysWithValues: BuildInfo.packages.map { ($0.name, $0.version) }))
    }

    func testVersionNamesTheCommitTheInflatersAndThePackages() throws {
        let run = ReplayBinary.run(["--version"], in: ReplayBinary.packageRoot)
        XCTAssertEqual(run.status, 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "replay \(BuildInfo.version)")
        let commit = try XCTUnwrap(lines.first { $0.hasPrefix("commit ") })
        XCTAssertNotNil(commit.range(of: #"^commit [0-9a-f]{40}(\+changes)?$"#, options: .regularExpression), commit)
        XCTAssertEqual(commit, "commit \(BuildInfo.commit)")
        let inflaters = try XCTUnwrap(lines.first { $0.hasPrefix("inflaters ") })
        XCTAssertTrue(inflaters.contains("zlib 1.") && inflaters.contains("ISA-L 2."), inflaters)
        for (name, version) in BuildInfo.packages { XCTAssertTrue(lines.contains("package \(name) \(version)"), name) }
    }

    func testSummaryNamesTheBuild() throws {
        let folder = ReplayBinary.copyOfTrace("steam-cache-leak")
        let window = ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder).status, 0)
        let tool = try XCTUnwrap(ReplayBinary.summary(folder.appendingPathComponent("out"))["tool"] as? [String: Any])
        XCTAssertEqual(tool["version"] as? String, BuildInfo.version)
        XCTAssertEqual(tool["commit"] as? String, BuildInfo.commit)
        XCTAssertEqual(tool["packages"] as? [String: String], try pins())
        let inflaters = tool["inflaters"] as? [String] ?? []
        XCTAssertEqual(inflaters.count, 2)
        XCTAssertTrue(inflaters.contains { $0.hasPrefix("ISA-L ") } && inflaters.contains { $0.hasPrefix("zlib ") }, "\(inflaters)")
    }
}
