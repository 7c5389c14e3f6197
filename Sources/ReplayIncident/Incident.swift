import ReplayParsing

/// A validated incident file: how to read the logs, who views, the cache, and the rules.
package struct Incident: Sendable {
    /// Free text copied into summary.json.
    package var name: String
    /// The incident file's path and SHA-256.
    package var path: String
    package var sha256: String
    package var pattern: LogPattern
    package var timeFormat: TimeFormat
    package var node: NodeSource
    /// How far a line may lag behind its node's newest line, in milliseconds.
    package var reorder: Int64
    /// The longest silence a node's log may have inside the window (and its cache tail) and
    /// still cover it, in milliseconds (`log.gap`, default 10 minutes).
    package var gap: Int64
    /// How long a request may have lasted when the pattern does not log `$request_time`, in
    /// milliseconds (`log.max_request`, default 2 s; 0: lines are instants).
    package var maxRequest: Int64 = 2_000
    package var viewer: ValueTemplate
    package var anonymous: ValueTemplate
    package var cache: CacheRules?
    package var rules: [Rule]
    package var tables: [String: SubjectTable]
    package var directory: Directory?

    /// Whether each request is a span: the pattern logs `$request_time` (SPEC §3.7).
    package var spans: Bool { pattern.index(of: "request_time") != nil }
    /// Whether a store's moment within its span is logged (`$upstream_response_time`).
    package var storeTimes: Bool { spans && pattern.index(of: "upstream_response_time") != nil }
}
