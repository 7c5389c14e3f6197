/// A validated incident file: how to read the logs, who views, the cache, and the rules.
public struct Incident: Sendable {
    /// Free text copied into summary.json.
    public var name: String
    /// The incident file's path and SHA-256.
    public var path: String
    public var sha256: String
    public var pattern: LogPattern
    public var timeFormat: TimeFormat
    public var node: NodeSource
    /// How far a line may lag behind its node's newest line, in milliseconds.
    public var reorder: Int64
    /// The longest silence a node's log may have inside the window (and its cache tail) and
    /// still cover it, in milliseconds (`log.gap`, default 10 minutes).
    public var gap: Int64
    public var viewer: ValueTemplate
    public var anonymous: ValueTemplate
    public var cache: CacheRules?
    public var rules: [Rule]
    public var tables: [String: SubjectTable]
    public var directory: Directory?
}
