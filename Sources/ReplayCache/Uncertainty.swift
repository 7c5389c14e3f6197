import ReplayIncident

/// What the logs leave open about a node's cache (SPEC §3.7), as the incident file states it.
package struct Uncertainty: Sendable, Equatable {
    /// Every delivery has one candidate, found as SPEC §3.3 says: stores certain, no lock, and
    /// lines as instants (`max_request: 0`, no spans).
    package var exact: Bool
    /// How long a request may have lasted when the pattern logs no `$request_time`.
    package var maxRequest: Int64
    /// The pattern logs `$request_time` (and maybe `$upstream_response_time`).
    package var spans: Bool
    package var lock: Bool
    /// How long after a cache delivery's line a store before its lookup may still be logged:
    /// `max_request`, or with spans `log.reorder` (a request longer than that is counted late).
    package var horizon: Int64
    /// `cache.max_age`: an entry older than this is served no more.
    package var maxAge: Int64?

    /// SPEC §3.3 exactly.
    package static let none = Uncertainty(exact: true, maxRequest: 0, spans: false, lock: false, horizon: 0, maxAge: nil)

    package init(exact: Bool, maxRequest: Int64, spans: Bool, lock: Bool, horizon: Int64, maxAge: Int64?) {
        self.exact = exact
        self.maxRequest = maxRequest
        self.spans = spans
        self.lock = lock
        self.horizon = horizon
        self.maxAge = maxAge
    }

    package init(incident: Incident) {
        guard let cache = incident.cache else {
            self = .none
            return
        }
        let spans = incident.spans
        self.init(exact: cache.decidesEverything(maxRequest: incident.maxRequest, spans: spans) && !spans,
                  maxRequest: spans ? 0 : incident.maxRequest, spans: spans, lock: cache.lock,
                  horizon: spans ? incident.reorder : incident.maxRequest, maxAge: cache.maxAge)
    }
}
