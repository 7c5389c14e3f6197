import Foundation

/// Traces made by Tools/gen-trace for the tests (generated, never committed).
enum Generated {
    static func trace(scenario: String, seed: Int, lines: Int, extra: [String] = []) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-gen-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ReplayBinary.packageRoot.appendingPathComponent("Tools/gen-trace").path,
                             "--scenario", scenario, "--seed", String(seed), "--lines", String(lines), "--out", folder.path] + extra
        try? process.run()
        process.waitUntilExit()
        return folder
    }

    static func window(_ folder: URL) -> String {
        ReplayBinary.read(folder.appendingPathComponent("window")).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func logFiles(_ folder: URL) -> [String] {
        let logs = folder.appendingPathComponent("logs")
        let walker = FileManager.default.enumerator(atPath: logs.path)
        var files: [String] = []
        while let p = walker?.nextObject() as? String { if p.hasSuffix(".gz") { files.append("logs/" + p) } }
        return files.sorted()
    }
}
