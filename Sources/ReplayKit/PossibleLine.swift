import ReplayPipeline
import ReplayReporting

/// The one stderr line about possible pairs (SPEC §3.7): both numbers, and the setting that
/// caused most of them with what would settle it.
package enum PossibleLine {
    package static func text(_ result: ReplayResult) -> String? {
        guard !result.possibleExposures.isEmpty else { return nil }
        // People are numbers below `people.count`: marks in an array, not sets of 750 k
        // hashed numbers.
        var confirmed = [Bool](repeating: false, count: result.people.count)
        for e in result.exposures { confirmed[Int(e.subject)] = true }
        var more = 0
        for e in result.possibleExposures where !confirmed[Int(e.subject)] {
            confirmed[Int(e.subject)] = true
            more += 1
        }
        let t = result.totals
        let causes = [(t.possibleFromStores, "cache.stores: uncertain (log $upstream_http_set_cookie and $upstream_http_cache_control, name them in cache.not_stored, and say stores: certain)"),
                      (t.possibleFromTime, result.incident.spans ? "requests' spans (log $upstream_response_time)" : "log.max_request (log $request_time and $upstream_response_time)"),
                      (t.possibleFromLock, "cache.lock"),
                      (t.possibleFromHole, "holes in the logs (damaged members, late lines, silences: nodes[].holes in summary.json)")]
        let main = causes.max { $0.0 < $1.0 }!
        return "replay: \(result.exposures.count) confirmed exposures; \(result.possibleExposures.count) possible pairs, "
            + "\(more) subjects possibly affected and not confirmed; most possible pairs (\(main.0)) come from \(main.1)"
    }
}
