import ArgumentParser
import Foundation

// Exit status: 0 complete, 1 bad usage or incident file (nothing written), 2 incomplete run,
// 3 writing the results failed (the previous results intact).
func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(("replay: error: " + message + "\n").data(using: .utf8)!)
    exit(status)
}

// A file size limit (ulimit -f) makes write() fail with EFBIG instead of killing replay.
signal(SIGXFSZ, SIG_IGN)

// `replay` alone: the run's options (the command most users want), then the others.
if CommandLine.arguments.count == 1 {
    FileHandle.standardError.write((ReplayCommand.helpMessage(for: RunCommand.self)
        + "\n\nOther commands: replay check, replay init, replay verify (replay help COMMAND).\n").data(using: .utf8)!)
    exit(1)
}

do {
    var command = try ReplayCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch let failure as UsageFailure {
    fail(failure.message)
} catch let failure as WriteFailure {
    fail(failure.message, status: 3)
} catch {
    if ReplayCommand.exitCode(for: error) == .success {
        ReplayCommand.exit(withError: error)
    }
    fail(ReplayCommand.fullMessage(for: error).replacingOccurrences(of: "Error: ", with: ""))
}
