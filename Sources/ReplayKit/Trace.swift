import Foundation

/// A captured trace: a folder with `replay.yaml`, `window` (one line `START..END`), `logs/` and
/// `expected/` (affected.csv, exposures.csv, and the summary.json fields that must hold).
package struct Trace: Sendable {
    package var folder: String
    package var name: String { (folder as NSString).lastPathComponent }

    package init(folder: String) { self.folder = folder }

    static func isTrace(_ folder: String) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: folder + "/replay.yaml") && fm.fileExists(atPath: folder + "/window")
    }

    /// The traces in `folders`: each folder that is a trace, or else the traces directly in it.
    package static func find(in folders: [String]) -> [Trace] {
        var traces: [Trace] = []
        for folder in folders {
            let clean = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
            if isTrace(clean) { traces.append(Trace(folder: clean)); continue }
            let children = ((try? FileManager.default.contentsOfDirectory(atPath: clean)) ?? [])
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            traces += children.map { clean + "/" + $0 }.filter(isTrace).map(Trace.init)
        }
        return traces
    }
}
