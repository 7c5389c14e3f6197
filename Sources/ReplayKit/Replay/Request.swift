/// A log line that one of the rules matched, reduced to what the replay needs.
public struct Request: Sendable {
    /// UTC milliseconds.
    public var time: Int64
    /// The order of the line within its node's stream (files by first timestamp, then lines).
    public var sequence: Int
    /// The input's index and the line number (from 1) in it.
    public var file: Int
    public var line: Int
    public var rule: Int
    /// A HEAD request to a GET rule's page: renders (and may store), delivers nothing.
    public var head: Bool
    public var cacheStatus: CacheStatusClass
    public var cacheKey: [UInt8]
    /// The viewer id, `anon:` and the anonymous value for an anonymous viewer.
    public var viewer: String
    public var anonymous: Bool
    /// Whose data a render made by this request shows (filled only for lines in the window:
    /// a render outside it exposes nobody).
    public var subjects: [String]
}
