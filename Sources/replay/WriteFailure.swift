/// Writing the results failed: exit 3, the previous results in `--out` intact.
struct WriteFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
