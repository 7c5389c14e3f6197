/// What this replay is: its version, the commit it was built from, and the exact versions of
/// the packages it is built with. Package.swift pins the same versions (`exact:`); a test
/// checks that the two lists agree. summary.json's `tool` and `replay --version` say it.
package enum BuildInfo {
    package static let version = "0.2.0"

    /// `git rev-parse HEAD` when built, `+changes` after it when tracked files differed.
    package static let commit = buildCommit

    /// The Swift packages replay is built with, at the versions Package.swift pins.
    package static let packages: [(name: String, version: String)] = [
        ("swift-argument-parser", "1.8.2"),
        ("Yams", "6.2.2"),
        ("swift-crypto", "3.12.3"),
        ("swift-system", "1.8.1"),
    ]
}
