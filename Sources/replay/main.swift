import ArgumentParser
import Foundation

// Exit status: 0 complete, 1 bad usage or incident file (nothing written), 2 incomplete run.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(("replay: error: " + message + "\n").data(using: .utf8)!)
    exit(1)
}

do {
    var command = try ReplayCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch let failure as UsageFailure {
    fail(failure.message)
} catch {
    if ReplayCommand.exitCode(for: error) == .success {
        ReplayCommand.exit(withError: error)
    }
    fail(ReplayCommand.fullMessage(for: error).replacingOccurrences(of: "Error: ", with: ""))
}
