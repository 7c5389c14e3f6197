/// One delivery of an exposing render to a viewer who is not its subject (one per subject), in
/// the run's numbers: people by their place in `ReplayResult.people` (bytewise order, so that
/// ordering by number is ordering by the bytes), nodes by their place in `ReplayResult.nodes`,
/// files by their place in `ReplayResult.inputs`.
package struct Exposure: Sendable, Equatable {
    /// When the viewer received it (UTC milliseconds).
    package var time: Int64
    package var renderedAt: Int64
    package var line: Int
    package var subject: Int32
    package var viewer: Int32
    package var rule: Int32
    package var file: Int32
    package var node: Int32
    package var fromCache: Bool
    /// 0 for a confirmed exposure; for a possible pair (SPEC §3.7), how many renders the
    /// delivery may have served.
    package var candidates: UInt16

    package init(time: Int64, renderedAt: Int64, line: Int, subject: Int32, viewer: Int32, rule: Int32, file: Int32, node: Int32,
                fromCache: Bool, candidates: UInt16 = 0) {
        self.candidates = candidates
        self.time = time
        self.renderedAt = renderedAt
        self.line = line
        self.subject = subject
        self.viewer = viewer
        self.rule = rule
        self.file = file
        self.node = node
        self.fromCache = fromCache
    }
}
