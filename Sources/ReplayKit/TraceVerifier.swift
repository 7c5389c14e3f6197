import Foundation
import ReplayCSV
import ReplaySupport
import ReplayReading
import ReplayIncident
import ReplayPipeline
import ReplayReporting

/// Replays a trace as a run does — the same loading, the same replay, the same writer with its
/// threads, into a result set of its own in a temporary folder — and compares the files with
/// the trace's `expected/` folder: affected.csv and exposures.csv byte for byte, every field
/// that expected/summary.json names, and SHA256SUMS against the files written.
package struct TraceVerifier {
    package var jobs: Int
    package var reader: LineReader
    /// Differing rows shown per file at the most.
    package var shownRows = 8
    /// Whether differences show the rows themselves (ids and all: personal data); otherwise
    /// only row numbers and the columns that differ.
    package var showRows = false

    package init(jobs: Int, reader: LineReader = LineReader()) {
        self.jobs = jobs
        self.reader = reader
    }

    package func verify(_ trace: Trace) -> TraceVerdict {
        var verdict = TraceVerdict(trace: trace.name, differences: [], exposures: 0, complete: false)
        let folder = trace.folder
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("replay-verify-\(getpid())-\(UUID().uuidString)")
        let cleanup = Interruption.onInterrupt { try? FileManager.default.removeItem(at: scratch) }
        defer {
            Interruption.remove(cleanup)
            try? FileManager.default.removeItem(at: scratch)
        }
        do {
            let windowText = try String(contentsOfFile: folder + "/window", encoding: .utf8)
            let window = try Window(parsing: windowText)
            let investigation = try Investigation(rules: "replay.yaml", logs: ["logs"], relativeTo: folder)
            let result = try investigation.replay(window: window, jobs: jobs, reader: reader)
            verdict.exposures = result.exposures.count
            verdict.complete = result.isComplete
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let out = scratch.appendingPathComponent("out").path
            _ = try Investigation.write(result, into: try Investigation.results(in: out), jobs: jobs)
            func written(_ name: String) throws -> String { try String(contentsOfFile: out + "/" + name, encoding: .utf8) }
            let real = folder + "/expected/real-exposures.csv"
            if FileManager.default.fileExists(atPath: real) {
                // A trace whose truth is what the responses contained, where the logs leave
                // stores or times open: the promise of SPEC 3.7 is checked, not the bytes.
                checkBound(confirmed: try written("exposures.csv"), possible: try written("possible-exposures.csv"), real: real, &verdict)
            } else {
                compare(try written("affected.csv"), folder + "/expected/affected.csv", "affected.csv", &verdict)
                compare(try written("exposures.csv"), folder + "/expected/exposures.csv", "exposures.csv", &verdict)
            }
            compareSummary(try written("summary.json"), folder + "/expected/summary.json", &verdict)
            checkDigests(in: out, &verdict)
        } catch {
            verdict.differences.append("cannot replay: \(error)")
        }
        return verdict
    }

    /// confirmed ⊆ real ⊆ confirmed ∪ possible, rows compared on their time, node, rule,
    /// subject, viewer, file and line (row numbers only in the differences: rows hold ids).
    private func checkBound(confirmed: String, possible: String, real path: String, _ verdict: inout TraceVerdict) {
        guard let realText = try? String(contentsOfFile: path, encoding: .utf8) else {
            verdict.differences.append("real-exposures.csv: cannot read it")
            return
        }
        /// Each row's time, node, rule, subject, viewer, file and line (an unreadable file: no rows, and a difference).
        func keys(_ text: String, _ name: String) -> [[String]] {
            do {
                return try CSVTable(bytes: Array(text.utf8), undoingFormulaGuard: true).rows.map { Array($0.prefix(7)) }
            } catch {
                verdict.differences.append("\(name): not CSV (\(error))")
                return []
            }
        }
        let c = keys(confirmed, "exposures.csv"), p = Set(keys(possible, "possible-exposures.csv")), r = keys(realText, "real-exposures.csv")
        let realSet = Set(r), confirmedSet = Set(c)
        let invented = c.enumerated().filter { !realSet.contains($0.element) }
        let missed = r.enumerated().filter { !confirmedSet.contains($0.element) && !p.contains($0.element) }
        if !invented.isEmpty {
            verdict.differences.append("the promise: \(invented.count) confirmed rows did not happen (exposures.csv rows "
                                       + invented.prefix(shownRows).map { "\($0.offset + 1)" }.joined(separator: ", ") + ")")
        }
        if !missed.isEmpty {
            verdict.differences.append("the promise: \(missed.count) rows that happened are neither confirmed nor possible (real-exposures.csv rows "
                                       + missed.prefix(shownRows).map { "\($0.offset + 1)" }.joined(separator: ", ") + ")")
        }
    }

    /// Every file of the set is named in SHA256SUMS with the digest of what it holds.
    private func checkDigests(in out: String, _ verdict: inout TraceVerdict) {
        guard let sums = try? String(contentsOfFile: out + "/" + ResultSet.manifest, encoding: .utf8) else {
            verdict.differences.append("SHA256SUMS: not written")
            return
        }
        var named: Set<String> = []
        for line in sums.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix(" ") else { verdict.differences.append("SHA256SUMS: a line not in sha256sum form"); continue }
            let name = String(parts[1].dropFirst())
            named.insert(name)
            guard let data = FileManager.default.contents(atPath: out + "/" + name) else {
                verdict.differences.append("SHA256SUMS: names \(name), which is not in the set")
                continue
            }
            var hash = SHA256()
            data.withUnsafeBytes { hash.update($0) }
            if hash.finalizeHex() != parts[0] { verdict.differences.append("SHA256SUMS: \(name) does not have the digest listed") }
        }
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).subtracting([ResultSet.manifest])
        for missing in files.subtracting(named).sorted() { verdict.differences.append("SHA256SUMS: \(missing) is not listed") }
    }

    private func compare(_ actual: String, _ path: String, _ name: String, _ verdict: inout TraceVerdict) {
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            verdict.differences.append("\(name): expected/\(name) is missing")
            return
        }
        guard expected != actual else { return }
        let e: [[String]], a: [[String]]
        do {
            e = try Self.records(expected)
            a = try Self.records(actual)
        } catch {
            verdict.differences.append("\(name): not CSV (\(error))")
            return
        }
        let eSet = Set(e), aSet = Set(a)
        let missing = e.enumerated().filter { !aSet.contains($0.element) }
        let extra = a.enumerated().filter { !eSet.contains($0.element) }
        var lines = ["\(name): \(max(0, e.count - 1)) rows expected, \(max(0, a.count - 1)) replayed; \(missing.count) missing, \(extra.count) unexpected"]
        if e.first != a.first {
            // Said without the row: an expected file without the header holds an id there.
            lines.append("  expected/\(name)'s first row is not the header replay writes (a file without its header?)")
        }
        if showRows {
            for (i, row) in missing.prefix(shownRows) { lines.append("  - expected row \(i): \(Self.text(row))") }
            for (i, row) in extra.prefix(shownRows) { lines.append("  + replayed row \(i): \(Self.text(row))") }
        } else {
            // Row numbers and column names only: the rows hold ids (personal data).
            // The names of the columns replay wrote, never the expected file's first row.
            let header = a.first ?? []
            for k in 0..<min(shownRows, max(missing.count, extra.count)) {
                switch (k < missing.count ? missing[k] : nil, k < extra.count ? extra[k] : nil) {
                case let (m?, x?):
                    let columns = Self.differingColumns(m.element, x.element, header: header)
                    lines.append("  expected row \(m.offset), replayed row \(x.offset): \(columns) differ")
                case let (m?, nil): lines.append("  - expected row \(m.offset) is missing")
                case let (nil, x?): lines.append("  + replayed row \(x.offset) is unexpected")
                default: break
                }
            }
            lines.append("  (replay verify --show-rows prints the rows themselves)")
        }
        if missing.isEmpty && extra.isEmpty { lines.append("  the same rows in another order (or other line endings)") }
        verdict.differences.append(lines.joined(separator: "\n"))
    }

    /// The names of the columns in which two CSV rows differ.
    static func differingColumns(_ a: [String], _ b: [String], header: [String]) -> String {
        var names: [String] = []
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            names.append(i < header.count ? header[i] : "column \(i + 1)")
        }
        return names.isEmpty ? "no columns" : names.joined(separator: ", ")
    }

    /// The records of a CSV file, the header first, read as every reader of the outputs reads them.
    static func records(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        try Array(text.utf8).withUnsafeBytes { raw in
            try CSVReader.forEachRecord(in: raw, undoingFormulaGuard: true) { record, _ in rows.append(record.strings) }
        }
        return rows
    }

    /// A row as the outputs write it (without its line end).
    static func text(_ row: [String]) -> String {
        let csv = CSVWriter(capacity: 256)
        for cell in row { csv.cell(cell) }
        return String(decoding: csv.bytes, as: UTF8.self)
    }

    private func compareSummary(_ actual: String, _ path: String, _ verdict: inout TraceVerdict) {
        guard let data = FileManager.default.contents(atPath: path),
              let expected = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            verdict.differences.append("summary.json: expected/summary.json is missing or not a JSON object")
            return
        }
        guard let got = try? JSONSerialization.jsonObject(with: Data(actual.utf8)) as? [String: Any] else { return }
        var problems: [String] = []
        func walk(_ e: Any, _ a: Any?, _ key: String) {
            if let eo = e as? [String: Any] {
                guard let ao = a as? [String: Any] else { problems.append("  \(key): expected an object"); return }
                for k in eo.keys.sorted() { walk(eo[k]!, ao[k], key.isEmpty ? k : "\(key).\(k)") }
                return
            }
            if let ea = e as? [Any], ea.contains(where: { $0 is [String: Any] }) {
                // A list of objects: those with a path are found by it, the others by position.
                guard let aa = a as? [Any] else { problems.append("  \(key): expected a list"); return }
                for (i, item) in ea.enumerated() {
                    if let path = (item as? [String: Any])?["path"] as? String {
                        let match = aa.first { (($0 as? [String: Any])?["path"] as? String) == path }
                        guard let match else { problems.append("  \(key): no entry with path \(path)"); continue }
                        walk(item, match, "\(key)[\(path)]")
                    } else {
                        walk(item, i < aa.count ? aa[i] : nil, "\(key)[\(i)]")
                    }
                }
                return
            }
            let es = describe(e), ac = a.map(describe) ?? "nothing"
            if es != ac { problems.append("  \(key): expected \(es), replayed \(ac)") }
        }
        walk(expected, got, "")
        if !problems.isEmpty { verdict.differences.append((["summary.json:"] + problems).joined(separator: "\n")) }
    }

    /// A leaf value as canonical JSON text (so that 1, true and "1" stay apart).
    private func describe(_ v: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .sortedKeys]) else { return "\(v)" }
        return String(decoding: data, as: UTF8.self)
    }
}
