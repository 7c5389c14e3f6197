/// The `cache` section: how to replay a shared cache in front of the origin.
public struct CacheRules: Equatable, Sendable {
    public var key: ValueTemplate
    /// The variable (without `$`) that logs the cache status.
    public var status: String
    public var served: Set<String>
    public var stored: Set<String>
    public var refresh: Set<String>
    /// The longest an entry is served after it was stored (`cache.max_age`), in milliseconds:
    /// the logs must cover the window's cache tail that long.
    public var maxAge: Int64?
}
