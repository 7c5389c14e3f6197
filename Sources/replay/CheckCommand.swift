import ArgumentParser
import Foundation
import ReplayKit

/// `replay check`: reads and parses every line against the incident file's log pattern and
/// prints, per file, the lines parsed and rejected (counts, field names and byte offsets only).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that the incident file's log pattern reads the logs, without replaying."
    )

    @Option(name: .long, help: "The incident file.")
    var rules: String = "replay.yaml"

    @OptionGroup var reading: ReadingOptions

    @Argument(help: "Log files or directories.")
    var logs: [String] = []

    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("name at least one log file or directory") }
    }

    func run() throws {
        let incident: Incident
        incident = try IncidentLoader.loadForCommand(path: rules)
        let inputs: [LogInput]
        do { inputs = try LogInput.collect(logs, folders: incident.node.folderLevels) } catch { throw UsageFailure(message: "\(error)") }
        let accounts = try FormatCheck(incident: incident, jobs: reading.jobs, reader: reading.reader).run(inputs: inputs)
        var bad = false
        var out = ""
        for a in accounts {
            out += "\(a.path): \(a.report.lines) lines, \(a.parsed) parsed, \(a.rejected) rejected\n"
            for r in a.rejections.prefix(5) { out += "  line \(r.line): \(r.reason)\n" }
            for p in a.report.problems { out += "  \(p)\n" }
            if a.rejected > 0 || !a.report.isComplete { bad = true }
        }
        FileHandle.standardOutput.write(out.data(using: .utf8)!)
        if bad { throw ExitCode(2) }
    }
}
