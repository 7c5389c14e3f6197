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
    /// `cache.stores: certain`: nothing but `not_stored` declined a store (SPEC §3.7); the
    /// default, `uncertain`, says a stored-status line may not have stored.
    package var storesCertain = false
    /// `cache.not_stored`: logged conditions under which a stored-status line did not store.
    package var notStored: [NotStoredCondition] = []
    /// `cache.lock`: nginx's proxy_cache_lock was on.
    package var lock = false

    /// Whether a list names `status` (upper-case).
    package func lists(_ status: String) -> Bool {
        served.contains(status) || stored.contains(status) || refresh.contains(status)
    }

    /// Whether every store and every lookup is decided by the logs alone, with instants
    /// (`max_request: 0`, no spans): the replay of SPEC §3.3 exactly, one candidate each.
    package func decidesEverything(maxRequest: Int64, spans: Bool) -> Bool {
        storesCertain && !lock && (spans || maxRequest == 0)
    }
}
