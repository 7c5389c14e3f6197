/// Which cache node wrote a line.
public enum NodeSource: Equatable, Sendable {
    /// The name of the folder the file is in.
    case directory
    /// A logged variable, e.g. `$hostname`.
    case variable(String)
}
