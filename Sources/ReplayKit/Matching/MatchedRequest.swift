/// Bytes in a batch's arena: where a value was copied.
struct ByteRange {
    var start: Int32
    var count: Int32

    static let none = ByteRange(start: 0, count: -1)
    var isNone: Bool { count < 0 }
}

/// A line a rule matched, as the parsing threads hand it on: the values the replay needs,
/// as bytes in the batch's arena; the replay thread numbers them.
struct MatchedRequest {
    enum Subjects: UInt8 {
        /// Outside the window, or nobody (an anonymous viewer of a `viewer` page).
        case none
        /// The viewer.
        case viewer
        /// The bytes of `subject`.
        case captured
        /// The subjects a table lists under the key in `subject`.
        case table
    }

    var rule: Int32
    var head: Bool
    var cacheStatus: CacheStatusClass
    var key: ByteRange
    /// With `anon:` before the anonymous value for an anonymous viewer.
    var viewer: ByteRange
    /// Whether the viewer variable was absent (`-` or empty), when the viewer was read.
    var anonymous: Bool
    var subjects: Subjects
    var subject: ByteRange
}
