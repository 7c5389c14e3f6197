import ArgumentParser
import Foundation
import ReplayKit
import ReplayThreads
import ReplayIncident
import ReplayPipeline
import ReplayReporting

/// `replay --window START..END [--rules FILE] [--out DIR] [--jobs N] LOG...`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay logs through the bug window (the default command)."
    )

    @Option(name: .long, help: "The bug window, half-open: START..END, ISO 8601 with seconds and an offset.")
    var window: String

    @Option(name: .long, help: "The incident file.")
    var rules: String = "replay.yaml"

    @Option(name: .long, help: "Where the results go.")
    var out: String = "replay-out"

    @OptionGroup var reading: ReadingOptions

    @Flag(name: .long, help: "No progress on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Print the seconds each phase took on stderr.")
    var timings = false

    @Argument(help: "Log files, gzipped or plain; a directory means every file below it.")
    var logs: [String] = []

    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("name at least one log file or directory") }
        do { _ = try Window(parsing: window) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let clock = PhaseTimes()
        let window = try Window(parsing: window)
        let incident: Incident
        incident = try IncidentLoader.loadForCommand(path: rules)
        let inputs: [LogInput]
        do { inputs = try LogInput.collect(logs, folders: incident.node.folderLevels) } catch { throw UsageFailure(message: "\(error)") }
        guard !inputs.isEmpty else { throw UsageFailure(message: "no log files found in \(logs.joined(separator: " "))") }

        // Checked, made and locked before any log is read: a run that cannot write its results
        // fails now, not after an hour of replaying.
        let set: ResultSet
        do { set = try ResultSet(out: out) } catch { throw UsageFailure(message: "\(error)") }

        let total = inputs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.location)[.size] as? Int) ?? 0) }
        let counter = ProgressCounter(totalBytes: total)
        let display = quiet ? nil : ProgressDisplay(counter: counter)
        display?.start()
        let reader = reading.reader
        clock.mark("incident file")
        let run = ReplayRun(incident: incident, window: window, jobs: reading.jobs, reader: reader, progress: counter)
        let result: ReplayResult
        do { result = try run.run(inputs: inputs) } catch {
            set.discard()   // nothing of this run stays beside --out
            throw error
        }
        display?.stop()
        let warnings: [String]
        do {
            warnings = try ResultWriter(jobs: reading.jobs).write(result, into: set)
            try set.commit()
        } catch {
            set.discard()
            throw WriteFailure(message: "writing the results failed: \(error); \(out) still holds the previous results, if any")
        }
        clock.mark("run")
        if timings {
            let phases = [clock.phases[0]] + run.times.phases.dropFirst() + [("write results", clock.phases[1].1 - run.times.phases.dropFirst().reduce(0) { $0 + $1.1 })]
            let text = phases.map { String(format: "replay: %@ %.2fs", $0.0, $0.1) }.joined(separator: "\n")
            FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
        }

        let totals = result.totals
        var lines = ["replay: \(result.exposures.count) exposures of \(result.subjectCount) subjects to \(result.viewerCount) viewers; \(totals.renders) renders, \(totals.deliveries) deliveries, \(totals.unresolved) unresolved"]
        lines.append("replay: results in \(out)/ (affected.csv, exposures.csv, summary.json, SHA256SUMS)")
        for warning in warnings { lines.append("replay: warning: " + warning) }
        let reasons = result.incompleteness
        if reasons.isEmpty {
            lines.append("replay: complete")
        } else {
            lines.append("replay: INCOMPLETE: " + reasons.joined(separator: "; ") + " (see summary.json)")
        }
        FileHandle.standardError.write((lines.joined(separator: "\n") + "\n").data(using: .utf8)!)
        // The results are on disk: leave without tearing down millions of objects one by one.
        Foundation.exit(reasons.isEmpty ? 0 : 2)
    }
}
