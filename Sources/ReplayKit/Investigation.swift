import Foundation
import ReplayThreads
import ReplayReading
import ReplayIncident
import ReplayPipeline
import ReplayReporting

/// One incident's logs read against its incident file: what `replay run`, `replay check` and
/// `replay verify` share. The incident file is loaded and the inputs collected once, here; the
/// results are written by the one writer, as one set; failures come out as `ReplayFailure`s
/// with their exit status.
package struct Investigation {
    package let incident: Incident
    package let inputs: [LogInput]
    /// The log files and folders given, relative paths read from the incident's folder when given.
    package let arguments: [String]

    /// Loads the incident file `rules` and collects the log files `logs` names (paths relative
    /// to `folder` when given). A missing default `replay.yaml` says how to name or make one.
    package init(rules: String, logs: [String], relativeTo folder: String? = nil) throws(ReplayFailure) {
        let path = folder.map { ($0 as NSString).appendingPathComponent(rules) } ?? rules
        if rules == "replay.yaml" && !FileManager.default.fileExists(atPath: path) {
            throw .refused("there is no replay.yaml here: name the incident file with --rules FILE, "
                           + "or write one (`replay init LOG...` starts one from the logs)")
        }
        do { incident = try IncidentLoader.load(path: path) } catch { throw .refused("\(error)") }
        arguments = logs.map { folder == nil || $0.hasPrefix("/") ? $0 : (folder! as NSString).appendingPathComponent($0) }
        do {
            inputs = try LogInput.collect(logs, relativeTo: folder, folders: incident.node.folderLevels, byFolder: incident.node.isDirectory)
        } catch {
            throw .refused("\(error)")
        }
        guard !inputs.isEmpty else { throw .refused("no log files found in \(logs.joined(separator: " "))") }
        // Archives and compressions replay does not read are the cause, not "rejected lines".
        for input in inputs {
            if let format = ArchiveFormat.of(path: input.location) {
                throw .refused("\(input.path) is a \(format.rawValue) file, not a log replay reads (gzip or plain text): \(format.advice)")
            }
        }
    }

    /// Refuses an incident file whose rules are still `replay init`'s examples: a run on them
    /// would answer a question nobody asked, and call it complete.
    package func refuseExampleRules() throws(ReplayFailure) {
        let examples = incident.rules.filter { $0.exampleLine != nil }
        guard !examples.isEmpty else { return }
        let lines = examples.compactMap(\.exampleLine).map(String.init).joined(separator: ", ")
        throw .refused("\(incident.path):\(lines): rule(s) \(examples.map(\.name).joined(separator: ", ")) are the examples `replay init` "
                       + "wrote (example: true): write the incident's own pages (path, subject, fields) in their place and remove "
                       + "`example: true`; `replay check` tries rules against the logs")
    }

    /// The bytes of all inputs as stored, for progress.
    package var inputBytes: Int {
        inputs.reduce(0) { $0 + Int((try? $1.location.stat().size) ?? 0) }
    }

    /// Checks, makes and locks `--out` before any log is read: a run that cannot write its
    /// results fails now, not after an hour of replaying.
    package static func results(in out: String) throws(ReplayFailure) -> ResultSet {
        let set: ResultSet
        do { set = try ResultSet(out: out) } catch { throw .refused("\(error)") }
        // SIGINT or SIGTERM: the staging folder goes with the process.
        _ = Interruption.onInterrupt { [weak set] in set?.discard() }
        return set
    }

    /// Refuses an `--out` inside a folder of logs given (the next run would read its results as
    /// logs), or a log inside `--out` (replacing it would remove the logs).
    package func refuseOut(_ out: String) throws(ReplayFailure) {
        let outPath = Self.realPath(out)
        for argument in arguments {
            let given = Self.realPath(argument)
            if Self.path(outPath, isInside: given) {
                throw .refused("--out \(out) is inside \(argument), a log folder given: the next run would read the results as logs; "
                               + "name a folder outside the logs")
            }
            if Self.path(given, isInside: outPath) {
                throw .refused("\(argument) is inside --out \(out): writing the results would replace it; name another --out")
            }
        }
    }

    /// `path` with its links resolved, as far as it exists (the rest as written).
    static func realPath(_ path: String) -> String {
        // Split by hand: the parts that do not exist yet are kept as written.
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var tail: [String] = []
        while true {
            let head = (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
            if let resolved = realpath(head.isEmpty ? "." : head, nil) {
                // Safe because realpath(_, nil) returns a NUL-terminated string it allocated, freed here.
                defer { free(resolved) }
                let base = String(cString: resolved)
                return tail.isEmpty ? base : lexical(base + "/" + tail.reversed().joined(separator: "/"))
            }
            guard let last = parts.popLast() else { return path }
            tail.append(last)
        }
    }

    /// `path` made absolute and with `.` and `..` taken away by their text, for the part of a
    /// path that does not exist yet (`newdir/../logs/out`).
    static func lexical(_ path: String) -> String {
        var out: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = out.popLast(); continue }
            out.append(part)
        }
        return "/" + out.joined(separator: "/")
    }

    static func path(_ inner: String, isInside outer: String) -> Bool {
        inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// The run's window: `--window`, or, with per-page windows (`rules[].window`), the span
    /// from the earliest one's start to the latest one's end. Refused when a rule has no window.
    package func window(_ given: Window?) throws(ReplayFailure) -> Window {
        guard let run = incident.runWindow(given) else {
            let bare = incident.rules.filter { $0.window == nil }.map(\.name)
            throw .refused("no bug window for \(bare.prefix(3).joined(separator: ", ")): give --window START..END, or a window to every rule (rules[].window)")
        }
        return run
    }

    /// Replays the inputs through the window (`--window`, and each rule's own).
    package func replay(window given: Window?, jobs: Int, reader: LineReader, progress: ProgressCounter? = nil,
                        times: PhaseTimes = PhaseTimes()) throws -> ReplayResult {
        let run = try window(given)
        var resolved = incident
        for i in resolved.rules.indices where resolved.rules[i].window == nil { resolved.rules[i].window = given }
        return try ReplayRun(incident: resolved, window: run, jobs: jobs, reader: reader, progress: progress, times: times).run(inputs: inputs)
    }

    /// Writes the results into `set` and swaps them in as one set; returns the run's warnings.
    /// On failure nothing of this run stays and `--out` keeps what it held.
    package static func write(_ result: ReplayResult, into set: ResultSet, jobs: Int) throws(ReplayFailure) -> [String] {
        do {
            let warnings = try ResultWriter(jobs: jobs).write(result, into: set)
            try set.commit()
            return warnings
        } catch {
            set.discard()
            throw ReplayFailure(.notWritten, "writing the results failed: \(error); \(set.path) still holds the previous results, if any")
        }
    }

    /// The dry run of `replay check`.
    package func check(jobs: Int, reader: LineReader, window: Window?, budget: Int?, show: Int) throws -> FormatCheck.Report {
        var check = FormatCheck(incident: incident, jobs: jobs, reader: reader, window: window, budget: budget)
        check.show = show
        return try check.run(inputs: inputs)
    }
}
