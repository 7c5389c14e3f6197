import ArgumentParser
import Foundation
import ReplayKit
import ReplayReading
import ReplayIncident
import ReplayMatching
import ReplayPipeline

/// `replay init LOG...`: writes a commented starter incident file from the first line of the
/// logs (the log format, the cache status and cookie fields, the node layout). It never
/// overwrites a file.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter incident file from the first lines of the logs.",
        discussion: """
        Recognises nginx's combined and main formats, combined with extra quoted or key=value \
        fields, lines that start with $msec or $time_iso8601, and escape=json lines; the cache \
        status and cookie fields; and whether the logs sit in a folder per node (node: dir) or \
        per node and day (node: dir:2), and the nodes found (log.nodes). The rules are examples \
        (example: true) to replace: a run refuses them. Written to replay.starter.yaml unless --out names another file.
        """
    )

    @Option(name: .long, help: "The incident file to write (never overwritten); `--out replay.yaml` makes it the default a run reads.")
    var out: String = "replay.starter.yaml"

    @Argument(help: "Log files or directories.")
    var logs: [String] = []

    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("name at least one log file or directory") }
    }

    struct FirstLine: LineSink {
        var line: [UInt8]?
        mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
            if line == nil && bytes.count > 0 { line = Array(bytes) }
        }
        mutating func oversizedLine(number: Int, length: Int) {}
        var isDone: Bool { line != nil }
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: out) else {
            throw ReplayFailure.refused("\(out) exists; replay init never overwrites a file: remove it or name another with --out")
        }
        let inputs: [LogInput]
        do { inputs = try LogInput.collect(logs) } catch { throw ReplayFailure.refused("\(error)") }
        guard let first = inputs.first else { throw ReplayFailure.refused("no log files found in \(logs.joined(separator: " "))") }
        var sink = FirstLine()
        _ = LineReader().read(path: first.location, into: &sink)
        guard let line = sink.line else { throw ReplayFailure.refused("\(first.path): no line to read the format from") }
        let text: String
        do { text = try StarterIncident.text(firstLine: line, file: first.path, paths: inputs.map(\.path), folderNodes: inputs.map(\.folderNode)) } catch {
            throw ReplayFailure.refused("\(error)")
        }
        // What init writes must load, and read the line it was made from.
        let incident: Incident
        do { incident = try IncidentLoader.load(text: text, path: out) } catch {
            throw ReplayFailure.refused("replay init made a file it cannot load (\(error)); please report it, with the first line's format")
        }
        let probe = try LineProbe(incident: incident)
        if case .rejected(let why) = line.withUnsafeBytes({ probe.read($0) }) {
            throw ReplayFailure.refused("\(first.path): the pattern replay init found does not read the first line (\(why)); write log.pattern by hand")
        }
        let fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReplayFailure.refused("\(out): cannot create it: \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw ReplayFailure(.notWritten, "\(out): cannot write it") }
        let next = out == "replay.yaml" ? "" : " --rules \(out)"
        Console.error("replay: wrote \(out) from the first line of \(first.path); check it, then replace its example rules "
                      + "(example: true) with the pages of the bug: a run refuses examples. Then `replay check\(next) LOG...` "
                      + "and `replay --window START..END\(next) LOG...`\n")
    }
}
