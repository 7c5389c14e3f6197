import ReplayIncident

/// What nginx's `$upstream_cache_status` values mean, fixed by nginx
/// (`ngx_http_upstream_cache_status` in ngx_http_upstream.c): the incident file's lists
/// (`served`, `stored`, `refresh`) override them; a status they leave out is taken as nginx
/// means it, with a warning; a value nginx never logs makes the run incomplete.
package enum CacheStatusMeaning {
    /// nginx's statuses and their classes. `BYPASS` and `-` (no cache involved) are origin
    /// renders that are not stored.
    package static let nginx: [(String, CacheStatusClass)] = [
        ("HIT", .served), ("STALE", .served), ("UPDATING", .served), ("REVALIDATED", .served),
        ("MISS", .stored), ("EXPIRED", .stored), ("BYPASS", .origin),
    ]

    /// nginx's meaning of a status (compared without case); nil for a value nginx never logs.
    /// `-` and an empty value are origin renders.
    package static func of(_ status: String) -> CacheStatusClass? {
        let upper = status.uppercased()
        if upper == "-" || upper.isEmpty { return .origin }
        return nginx.first { $0.0 == upper }?.1
    }

    /// Whether an unlisted status deserves no word: an origin render by nginx's own meaning.
    package static func isPlainOrigin(_ status: String) -> Bool { of(status) == .origin }

    /// How a class reads in messages.
    package static func describe(_ cls: CacheStatusClass) -> String {
        switch cls {
        case .served: return "served from the cache"
        case .stored: return "rendered and stored"
        case .refresh: return "served, and re-rendered in the background"
        case .origin: return "rendered, not stored"
        }
    }
}
