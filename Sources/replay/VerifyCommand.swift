import ArgumentParser
import Foundation
import ReplayKit

/// `replay verify [DIR...]`: the nightly regression. Replays each trace and compares the
/// results with its expected/ folder; exit 0 only when every trace matches.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay captured traces and compare the results with their expected/ folders."
    )

    @OptionGroup var reading: ReadingOptions

    @Flag(name: .long, help: "Print the differing rows themselves (they hold ids: personal data). Otherwise only row numbers and column names.")
    var showRows = false

    @Argument(help: "Trace folders, or folders of traces (default: Traces/).")
    var folders: [String] = ["Traces"]

    func run() throws {
        let traces = Trace.find(in: folders)
        guard !traces.isEmpty else { throw ReplayFailure.refused("no traces (folders with replay.yaml and window) in \(folders.joined(separator: " "))") }
        var verifier = TraceVerifier(jobs: reading.jobs, reader: reading.reader)
        verifier.showRows = showRows
        var failed = 0
        for trace in traces {
            let verdict = verifier.verify(trace)
            if verdict.passed {
                Console.out("ok    \(trace.folder) (\(verdict.exposures) exposures, \(verdict.complete ? "complete" : "incomplete") run)\n")
            } else {
                failed += 1
                Console.out("FAIL  \(trace.folder)\n")
                for d in verdict.differences { Console.out(d.components(separatedBy: "\n").map { "      " + $0 }.joined(separator: "\n") + "\n") }
            }
        }
        Console.out("\(traces.count - failed) passed, \(failed) failed\n")
        if failed > 0 { throw ExitCode(ExitStatus.failed.rawValue) }
    }
}
