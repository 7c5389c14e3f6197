import ArgumentParser
import Foundation
import ReplayKit

// Exit statuses: `ExitStatus` (0 complete, 1 nothing done, 2 incomplete, 3 results not written).
func fail(_ message: String, status: ExitStatus = .failed) -> Never {
    Console.error("replay: error: " + message + "\n")
    exit(status.rawValue)
}

// A file size limit (ulimit -f) makes write() fail with EFBIG instead of killing replay; a
// reader gone from a pipe makes it fail with EPIPE (Console drops or reports it).
signal(SIGXFSZ, SIG_IGN)
signal(SIGPIPE, SIG_IGN)

// SIGINT and SIGTERM: what must not outlive the process (a staging folder with a partial
// exposures.csv, verify's temporary folders) is removed, then exit 128 + the signal (130, 143).
let interruptions = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler {
        Interruption.runAll()
        exit(128 + number)
    }
    source.resume()
    return source
}

// `replay` alone: the run's options (the command most users want), then the others.
if CommandLine.arguments.count == 1 {
    Console.error(ReplayCommand.helpMessage(for: RunCommand.self)
        + "\n\nOther commands: replay check, replay explain, replay init, replay verify (replay help COMMAND).\n")
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
