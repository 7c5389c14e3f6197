import Foundation
import XCTest
import ReplayCSV

/// Runs the built `replay` binary, as a user or a script would.
enum ReplayBinary {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var executable: URL {
        // The test bundle sits in the same build folder as the executable.
        let beside = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent().appendingPathComponent("replay")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/replay")
    }

    final class Marker {}

    @discardableResult
    static func run(_ arguments: [String], in folder: URL) -> Outcome {
        TestRun.run(executable.path, arguments, in: folder)
    }

    /// A private copy of a trace folder (runs write their results beside it).
    static func copyOfTrace(_ name: String) -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("replay-e2e-\(UUID().uuidString)")
        try? FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Traces/\(name)"), to: target)
        return target
    }

    /// A new empty folder for a test's incident, with `logs` folder inside it.
    static func newFolder(_ name: String, logs: String = "logs") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(logs), withIntermediateDirectories: true)
        return folder
    }

    static func read(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// A CSV output's lines as text, to compare files line by line.
    static func rows(_ url: URL) -> [String] {
        read(url).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// A CSV output's records, the header first, each cell's value read as `explain` reads it.
    static func records(_ url: URL) -> [[String]] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        var records: [[String]] = []
        do {
            try data.withUnsafeBytes { raw in
                try CSVReader.forEachRecord(in: raw, undoingFormulaGuard: true) { record, _ in records.append(record.strings) }
            }
        } catch {
            XCTFail("\(url.lastPathComponent): \(error)")
        }
        return records
    }

    static func summary(_ folder: URL) -> [String: Any] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("summary.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }
}
