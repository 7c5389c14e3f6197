import ArgumentParser
import Foundation

// Exit status: 0 complete, 1 bad usage or incident file (nothing written), 2 incomplete run.
do {
    var command = try ReplayCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = ReplayCommand.exitCode(for: error)
    if code == .success {
        ReplayCommand.exit(withError: error)
    }
    let message = ReplayCommand.fullMessage(for: error)
    FileHandle.standardError.write(("replay: error: " + message + "\n").data(using: .utf8)!)
    Foundation.exit(1)
}
