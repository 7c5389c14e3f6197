import ArgumentParser
import Foundation
import ReplayKit

// Exit statuses: `ExitStatus` (0 complete, 1 nothing done, 2 incomplete, 3 results not written).
func fail(_ message: String, status: ExitStatus = .failed) -> Never {
    FileHandle.standardError.write(("replay: error: " + message + "\n").data(using: .utf8)!)
    exit(status.rawValue)
}

// A file size limit (ulimit -f) makes write() fail with EFBIG instead of killing replay.
signal(SIGXFSZ, SIG_IGN)

// `replay` alone: the run's options (the command most users want), then the others.
if CommandLine.arguments.count == 1 {
    FileHandle.standardError.write((ReplayCommand.helpMessage(for: RunCommand.self)
        + "\n\nOther commands: replay check, replay explain, replay init, replay verify (replay help COMMAND).\n").data(using: .utf8)!)
    exit(1)
}

do {
    var command = try ReplayCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch let failure as ReplayFailure {
    fail(failure.message, status: failure.status)
} catch {
    if ReplayCommand.exitCode(for: error) == .success {
        ReplayCommand.exit(withError: error)
    }
    fail(ReplayCommand.fullMessage(for: error).replacingOccurrences(of: "Error: ", with: ""))
}
