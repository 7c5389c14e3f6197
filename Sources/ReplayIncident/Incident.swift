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
    /// `log.nodes`: the nodes the logs must come from, as the outputs write their names; nil
    /// when the incident file does not list them (the run then says the fleet was not checked).
    package var nodes: [String]?
    /// How far a line may lag behind its node's newest line, in milliseconds.
    package var reorder: Int64
    /// The longest silence a node's log may have inside the window (and its cache tail) and
    /// still cover it, in milliseconds (`log.gap`, default 10 minutes).
    package var gap: Int64
    /// Whether `log.gap` was set: without it, silences are measured against each node's traffic.
    package var gapGiven = false
    /// How long a request may have lasted when the pattern does not log `$request_time`, in
    /// milliseconds (`log.max_request`, default 2 s; 0: lines are instants).
    package var maxRequest: Int64 = 2_000
    package var viewer: ValueTemplate
    package var anonymous: ValueTemplate
    package var cache: CacheRules?
    package var rules: [Rule]
    package var tables: [String: SubjectTable]
    package var directory: Directory?

    /// Each rule's bug window: its own (`rules[].window`), else `run` (`--window`); nil when a
    /// rule has neither.
    package func ruleWindows(run: Window?) -> [Window]? {
        let windows = rules.map { $0.window ?? run }
        return windows.contains { $0 == nil } ? nil : windows.map { $0! }
    }

    /// The span the run covers: from the earliest window's start to the latest one's end
    /// (SPEC §3.8), written as the run's window; nil when a rule has no window.
    package func runWindow(_ run: Window?) -> Window? {
        guard let windows = ruleWindows(run: run) else { return nil }
        if let run, rules.allSatisfy({ $0.window == nil }) { return run }
        let start = windows.map(\.start).min()!, end = windows.map(\.end).max()!
        let text = run.map { [$0.text] } ?? []
        return Window(start: start, end: end, text: (text + rules.compactMap { $0.window.map { "\($0.text)" } }).joined(separator: ", "))
    }

    /// Whether each request is a span: the pattern logs `$request_time` (SPEC §3.7).
    package var spans: Bool { pattern.index(of: "request_time") != nil }
    /// Whether a store's moment within its span is logged (`$upstream_response_time`).
    package var storeTimes: Bool { spans && pattern.index(of: "upstream_response_time") != nil }
}
