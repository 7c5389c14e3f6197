import ReplaySupport

/// A line a rule matched, as the parsing threads hand it on: the values the replay needs,
/// as bytes in the batch's arena; the replay thread numbers them.
package struct MatchedRequest {
    package enum Subjects: UInt8 {
        /// Outside the window, or nobody (an anonymous viewer of a `viewer` page).
        case none
        /// The viewer.
        case viewer
        /// The bytes of `subject`.
        case captured
        /// The subjects a table lists under the key in `subject`.
        case table
    }

    package var rule: Int32
    package var head: Bool
    package var cacheStatus: CacheStatusClass
    package var key: ByteSpan
    /// With `anon:` before the anonymous value for an anonymous viewer.
    package var viewer: ByteSpan
    /// Whether the viewer variable was absent (`-` or empty), when the viewer was read.
    package var anonymous: Bool
    package var subjects: Subjects
    package var subject: ByteSpan
    package var timing = RequestTiming()
}
