/// A bad incident file or input list: exit 1, nothing written.
struct UsageFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
