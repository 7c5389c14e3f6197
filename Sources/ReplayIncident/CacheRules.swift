import ReplayParsing

/// The `cache` section: how to replay a shared cache in front of the origin.
package struct CacheRules: Equatable, Sendable {
    package var key: ValueTemplate
    /// The variable (without `$`) that logs the cache status.
    package var status: String
    package var served: Set<String>
    package var stored: Set<String>
    package var refresh: Set<String>
    /// The longest an entry is served after it was stored (`cache.max_age`), in milliseconds:
    /// the logs must cover the window's cache tail that long.
    package var maxAge: Int64?
}
