/// What a line's cache status means for the replay.
package enum CacheStatusClass: UInt8, Sendable {
    /// Rendered by the origin and not stored (no cache section, BYPASS, a status in no list).
    case origin
    /// Rendered by the origin and stored under its key.
    case stored
    /// Served from the cache.
    case served
    /// Served from the cache while re-rendered in the background for this viewer.
    case refresh
}
