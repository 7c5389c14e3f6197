import Foundation
import ReplayCSV
import ReplaySupport
import ReplayReporting
import ReplayIncident

/// A finished run's `--out`, read back: its files checked against `SHA256SUMS` first (a file
/// changed, missing or not listed is refused), then its summary and its lists.
package struct RunFolder {
    package let path: String
    /// summary.json, parsed.
    package let summary: [String: Any]

    /// The files that must be listed in SHA256SUMS for a folder to be a run's.
    static let required = ["summary.json", "affected.csv", "exposures.csv"]

    /// Opens `path` and checks every file `SHA256SUMS` lists. Throws a failure with exit 1 when
    /// the folder is not a run's or a file was changed.
    package init(path: String) throws(ReplayFailure) {
        self.path = path
        let sumsPath = (path as NSString).appendingPathComponent(ResultSet.manifest)
        guard let sums = try? String(contentsOfFile: sumsPath, encoding: .utf8) else {
            throw .refused("\(path) holds no SHA256SUMS: it is not the results of a replay run (give the run's --out with --out)")
        }
        var listed: Set<String> = []
        for (n, line) in sums.split(separator: "\n").enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1)
            let name = parts.count == 2 ? parts[1].drop { $0 == " " || $0 == "*" } : ""
            guard parts.count == 2, ResultSet.names.contains(String(name)) else {
                throw .refused("\(sumsPath) line \(n + 1) is not a line replay writes: the run's files were changed")
            }
            let digest = try Self.sha256(of: (path as NSString).appendingPathComponent(String(name)))
            guard digest == parts[0] else {
                throw .refused("\(path)/\(name) does not match SHA256SUMS: the run's files were changed since replay wrote them; "
                               + "run replay again")
            }
            listed.insert(String(name))
        }
        for name in Self.required where !listed.contains(name) {
            throw .refused("SHA256SUMS in \(path) does not list \(name): the run's files were changed")
        }
        guard let data = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent("summary.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .refused("\(path)/summary.json cannot be read")
        }
        summary = object
    }

    package var complete: Bool { summary["complete"] as? Bool ?? false }
    package var incompleteBecause: [String] { summary["incomplete_because"] as? [String] ?? [] }
    package var incidentName: String { (summary["incident"] as? [String: Any])?["name"] as? String ?? "" }
    package var incidentFile: String? { (summary["incident"] as? [String: Any])?["file"] as? String }
    package var incidentSHA256: String? { (summary["incident"] as? [String: Any])?["sha256"] as? String }

    /// The incident's directory, from the incident file `rules` (by default the one the run
    /// read, as summary.json names it): whether an id is known, and a person's time zone.
    package func directory(rules: String?, directory named: String? = nil) -> Result<Directory?, ReplayFailure> {
        if let named {
            do { return .success(try Directory(path: named)) } catch { return .failure(.refused("the directory \(named) cannot be read: \(error)")) }
        }
        // The directory the run read, found by summary.json's absolute path and checked by its SHA-256.
        if rules == nil, let record = summary["directory"] as? [String: Any], let path = record["path"] as? String {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(.refused("the directory the run read, \(path), is not there (name it with --directory FILE)"))
            }
            guard SHA256.hex(of: [UInt8](data)) == record["sha256"] as? String else {
                return .failure(.refused("the directory \(path) changed since the run (its SHA-256 differs from summary.json's): "
                                         + "name the one the run read with --directory FILE"))
            }
            do { return .success(try Directory(path: path)) } catch { return .failure(.refused("the directory \(path) cannot be read: \(error)")) }
        }
        guard let file = rules ?? incidentFile else { return .failure(.refused("summary.json names no incident file")) }
        guard FileManager.default.fileExists(atPath: file) else {
            return .failure(.refused("the incident file \(file) is not here (name it with --rules FILE)"))
        }
        do { return .success(try IncidentLoader.load(path: file).directory) } catch {
            return .failure(.refused("\(error)"))
        }
    }

    /// The fields each rule showed.
    package var fieldsByRule: [String: [String]] {
        var out: [String: [String]] = [:]
        for (rule, entry) in summary["by_rule"] as? [String: Any] ?? [:] {
            out[rule] = (entry as? [String: Any])?["fields"] as? [String] ?? []
        }
        return out
    }

    /// The rows of a CSV file of the run whose `column` cell is `value` (a formula-safe cell
    /// read as its value), with the header. Read in pieces, so a large exposures.csv is not held.
    package func rows(of file: String, where column: String, is value: String) throws(ReplayFailure) -> (header: [String], rows: [[String]]) {
        let full = (path as NSString).appendingPathComponent(file)
        guard let handle = FileHandle(forReadingAtPath: full) else { throw .refused("\(full) cannot be read") }
        defer { try? handle.close() }
        var reader = CSVReader(undoingFormulaGuard: true)
        var header: [String]?
        var index = 0
        var found: [[String]] = []
        let needle = Array(value.utf8)
        var missing: String?
        func take(_ record: CSVRecord, _: Int) {
            guard missing == nil else { return }
            guard header != nil else {
                header = record.strings
                if let i = header!.firstIndex(of: column) { index = i } else { missing = column }
                return
            }
            if record.cell(index, is: needle) { found.append(record.strings) }
        }
        do {
            while missing == nil {
                let chunk = handle.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                try chunk.withUnsafeBytes { try reader.read($0, take) }
            }
            try reader.finish(take)
        } catch {
            throw .refused("\(full) is not CSV as replay writes it: \(error)")
        }
        if let missing { throw .refused("\(full) has no column \(missing)") }
        return (header ?? [], found)
    }

    private static func sha256(of file: String) throws(ReplayFailure) -> String {
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .refused("\(file) is listed in SHA256SUMS but cannot be read: the run's files were changed") }
        defer { close(fd) }
        guard let digest = SHA256.hex(ofDescriptor: fd) else {
            throw .refused("\(file) cannot be read: \(String(cString: strerror(errno)))")
        }
        return digest
    }
}
