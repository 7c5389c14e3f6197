import ArgumentParser
import ReplayKit

/// `replay`: the exposure-window replay, with `verify` for the nightly regression.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replays access logs through a bug window and writes who was exposed, to whom, when and where.",
        version: VersionText.text,
        subcommands: [RunCommand.self, CheckCommand.self, ExplainCommand.self, VerifyCommand.self, InitCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
