import Foundation
import ReplayKit
import ReplayIncident

extension IncidentLoader {
    /// The incident file for a command: a missing default `replay.yaml` says how to name one or
    /// make one; any other problem is a usage failure (exit 1) with the loader's message.
    static func loadForCommand(path: String) throws -> Incident {
        if path == "replay.yaml" && !FileManager.default.fileExists(atPath: path) {
            throw UsageFailure(message: "there is no replay.yaml here: name the incident file with --rules FILE, "
                               + "or write one (`replay init LOG...` starts one from the logs)")
        }
        do { return try load(path: path) } catch { throw UsageFailure(message: "\(error)") }
    }
}
