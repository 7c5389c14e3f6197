import ReplayMatching

/// A log line that one of the rules matched, reduced to numbers: what the replay needs.
package struct Request {
    /// UTC milliseconds.
    package var time: Int64
    /// The input's index and the line number (from 1) in it.
    package var file: Int32
    package var line: Int
    var rule: Int32
    /// A HEAD request to a GET rule's page: renders (and may store), delivers nothing.
    var head: Bool
    var cacheStatus: CacheStatusClass
    /// The interned cache key (-1 without a cache section).
    var key: Int32
    /// The interned viewer (`anon:` and the anonymous value for an anonymous one); -1 for a
    /// line before the window, which can receive no exposing render.
    var viewer: Int32
    /// Whose data a render made by this request shows (interned; only for lines in the
    /// window: a render outside it exposes nobody).
    var subjects: Subjects
    /// Its span, its store's certainty and whether it is a fresh hit (SPEC §3.7).
    var timing: RequestTiming

    package init(time: Int64, file: Int32, line: Int, rule: Int32, head: Bool, cacheStatus: CacheStatusClass,
                 key: Int32, viewer: Int32, subjects: Subjects, timing: RequestTiming = RequestTiming()) {
        self.time = time
        self.file = file
        self.line = line
        self.rule = rule
        self.head = head
        self.cacheStatus = cacheStatus
        self.key = key
        self.viewer = viewer
        self.subjects = subjects
        self.timing = timing
    }
}

extension Request {
    // Its classes as tests of one case each: `==` on the enums of another module was a call
    // through their protocol's witness, several times per request.
    var isOrigin: Bool { if case .origin = cacheStatus { true } else { false } }
    var isStored: Bool { if case .stored = cacheStatus { true } else { false } }
    var isRefresh: Bool { if case .refresh = cacheStatus { true } else { false } }
    /// A stored-status line that may have stored its render (SPEC §3.7).
    var mayStore: Bool {
        switch timing.store {
        case .certain, .maybe: true
        case .none, .declined: false
        }
    }
    var storesCertainly: Bool { if case .certain = timing.store { true } else { false } }
    /// A `not_stored` condition held.
    var declinesStore: Bool { if case .declined = timing.store { true } else { false } }
}
