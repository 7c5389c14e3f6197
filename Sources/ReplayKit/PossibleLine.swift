import ReplayPipeline
import ReplayReporting

/// The one stderr line about possible pairs (SPEC §3.7): both numbers, and the setting that
/// caused most of them with what would settle it.
package enum PossibleLine {
    package static func text(_ result: ReplayResult) -> String? {
        guard !result.possibleExposures.isEmpty else { return nil }
        let confirmed = Set(result.exposures.map(\.subject))
        let more = Set(result.possibleExposures.map(\.subject)).subtracting(confirmed).count
        let t = result.totals
        let causes = [(t.possibleFromStores, "cache.stores: uncertain (log $upstream_http_set_cookie and $upstream_http_cache_control, name them in cache.not_stored, and say stores: certain)"),
                      (t.possibleFromTime, result.incident.spans ? "requests' spans (log $upstream_response_time)" : "log.max_request (log $request_time and $upstream_response_time)"),
                      (t.possibleFromLock, "cache.lock")]
        let main = causes.max { $0.0 < $1.0 }!
        return "replay: \(result.exposures.count) confirmed exposures; \(result.possibleExposures.count) possible pairs, "
            + "\(more) subjects possibly affected and not confirmed; most possible pairs (\(main.0)) come from \(main.1)"
    }
}
