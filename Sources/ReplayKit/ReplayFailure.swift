/// Why a command stopped, with the exit status it stops with (`ExitStatus`): the message names
/// the file, line or key, and holds no personal data.
package struct ReplayFailure: Error, CustomStringConvertible, Sendable {
    package var status: ExitStatus
    package var message: String
    package var description: String { message }

    package init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Bad usage, or an input replay refuses: exit 1, nothing written.
    package static func refused(_ message: String) -> ReplayFailure { ReplayFailure(.failed, message) }
}
