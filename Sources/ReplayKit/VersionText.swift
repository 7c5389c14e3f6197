import ReplaySupport
import ReplayReading

/// What `replay --version` prints: the version, the commit, the inflaters built in and the
/// packages, one per line.
package enum VersionText {
    package static var text: String {
        ([
            "replay \(BuildInfo.version)",
            "commit \(BuildInfo.commit)",
            "inflaters " + InflaterKind.allCases.map(\.library).joined(separator: ", ") + " (--inflater \(InflaterKind.preferred.rawValue) by default)",
        ] + BuildInfo.packages.map { "package \($0.name) \($0.version)" }).joined(separator: "\n")
    }
}
