/// Whose data a rule's page shows.
package enum SubjectSource: Equatable, Sendable {
    /// The requesting user (none when anonymous).
    case viewer
    /// A value built from the path's captures, e.g. `'{seller}'`.
    case capture(CaptureTemplate)
    /// The subjects a table lists under a key built from the captures.
    case table(name: String, key: CaptureTemplate)
}
