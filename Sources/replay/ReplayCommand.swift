import ArgumentParser

/// `replay`: the exposure-window replay, with `verify` for the nightly regression.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replays access logs through a bug window and writes who was exposed, to whom, when and where.",
        version: "0.1.0",
        subcommands: [RunCommand.self, CheckCommand.self, VerifyCommand.self, InitCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
