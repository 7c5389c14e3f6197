import Synchronization

/// What must not outlive the process when SIGINT or SIGTERM stops it: a staging folder with a
/// partial exposures.csv (personal data) beside `--out`, `verify`'s temporary folders. The
/// command's signal handler runs every action registered, then exits with 128 + the signal.
package enum Interruption {
    private static let actions = Mutex<(next: Int, byToken: [Int: @Sendable () -> Void])>((0, [:]))

    /// Registers `action`; the token removes it once it is no longer needed.
    package static func onInterrupt(_ action: @escaping @Sendable () -> Void) -> Int {
        actions.withLock { state in
            state.next += 1
            state.byToken[state.next] = action
            return state.next
        }
    }

    package static func remove(_ token: Int) {
        _ = actions.withLock { $0.byToken.removeValue(forKey: token) }
    }

    /// Runs (and forgets) every action registered.
    package static func runAll() {
        let pending = actions.withLock { state -> [@Sendable () -> Void] in
            defer { state.byToken = [:] }
            return Array(state.byToken.values)
        }
        for action in pending { action() }
    }
}
