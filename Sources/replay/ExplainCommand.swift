import ArgumentParser
import Foundation
import ReplayKit

/// `replay explain SUBJECT`: what one person is told about a finished run (GDPR Art. 34).
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Tell what a finished run found for one person: which data, on which pages, when, how often, to how many people.",
        discussion: """
        Reads the run in --out after checking its SHA256SUMS (exit 1 when a file was changed). \
        Prints the kinds of data, the pages, the first and last time (UTC, and local time when \
        the directory has a timezone column), how many times and to how many different people, \
        confirmed or possible. Other people are only counted, never named; --evidence adds the \
        file and line of each exposure, for the engineer. Exit 0 on a complete run, 2 on an \
        incomplete one (the answer may miss exposures), 1 for an id the directory does not know, or \
        with no exposure when no directory could check it (never "not affected" unchecked).
        """
    )

    @Argument(help: "The person's id, as the directory and affected.csv write it.")
    var subject: String

    @Option(name: .long, help: "The run's results folder.")
    var out: String = "replay-out"

    @Option(name: .long, help: "The incident file, for its directory (default: the one the run read, as summary.json names it).")
    var rules: String?

    @Option(name: .long, help: "The directory (CSV) to check the id against (default: the one the run read, found by summary.json and checked by its SHA-256).")
    var directory: String?

    @Flag(name: .long, help: "Add the file and line of each exposure (for the engineer; names no other person).")
    var evidence = false

    @Flag(name: .long, help: "Print JSON, for the notification system.")
    var json = false

    func run() throws {
        let folder = try RunFolder(path: out)
        let explanation = try Explanation(subject: subject, folder: folder, directory: folder.directory(rules: rules, directory: directory))
        guard Console.out(json ? explanation.json(evidence: evidence) : explanation.text(evidence: evidence)) else {
            throw ReplayFailure(.notWritten, "the answer could not be written to standard output (\(String(cString: strerror(errno))))")
        }
        let status = explanation.status
        if status != .complete { throw ExitCode(status.rawValue) }
    }
}
