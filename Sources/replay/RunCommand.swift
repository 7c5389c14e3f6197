import ArgumentParser
import Foundation
import ReplayKit
import ReplayThreads
import ReplayIncident
import ReplayPipeline

/// `replay --window START..END [--rules FILE] [--out DIR] [--jobs N] LOG...`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay logs through the bug window (the default command)."
    )

    @Option(name: .long, help: "The bug window, half-open: START..END, ISO 8601 with seconds and an offset (optional when every rule has its own window).",
            transform: Window.init(parsing:))
    var window: Window?

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
    }

    func run() throws {
        let times = PhaseTimes()
        let investigation = try Investigation(rules: rules, logs: logs)
        try investigation.refuseExampleRules()
        _ = try investigation.window(window)
        try investigation.refuseOut(out)
        let set = try Investigation.results(in: out)
        times.mark("incident file")

        let counter = ProgressCounter(totalBytes: investigation.inputBytes)
        let display = quiet ? nil : ProgressDisplay(counter: counter)
        display?.start()
        let result: ReplayResult
        do {
            result = try investigation.replay(window: window, jobs: reading.jobs, reader: reading.reader, progress: counter, times: times)
        } catch {
            set.discard()   // nothing of this run stays beside --out
            throw error
        }
        display?.stop()
        let warnings = try Investigation.write(result, into: set, jobs: reading.jobs)
        times.mark("write results")
        if timings {
            let text = times.phases.filter { $0.name != "start" }.map { String(format: "replay: %@ %.2fs (CPU %.2fs)", $0.name, $0.seconds, $0.cpu) }
            Console.error(text.joined(separator: "\n") + "\n")
        }

        let totals = result.totals
        var lines = ["replay: \(result.exposures.count) exposures of \(result.subjectCount) subjects to \(result.viewerCount) viewers; \(totals.renders) renders, \(totals.deliveries) deliveries, \(totals.unresolved) unresolved"]
        if let possible = PossibleLine.text(result) { lines.append(possible) }
        lines.append("replay: results in \(out)/ (report.html, affected.xlsx, affected.csv, exposures.csv, possibly-affected.csv, possible-exposures.csv, summary.json, SHA256SUMS)")
        for warning in warnings { lines.append("replay: warning: " + warning) }
        let reasons = result.incompleteness
        if reasons.isEmpty {
            lines.append(result.incident.nodes == nil
                         ? "replay: complete, but the nodes were not checked against a list: write log.nodes (the fleet) to check them"
                         : "replay: complete")
        } else {
            lines.append("replay: INCOMPLETE: " + reasons.joined(separator: "; ") + " (see summary.json)")
        }
        Console.error(lines.joined(separator: "\n") + "\n")
        // The results are on disk: leave without tearing down millions of objects one by one.
        Foundation.exit(ExitStatus.of(result).rawValue)
    }
}
