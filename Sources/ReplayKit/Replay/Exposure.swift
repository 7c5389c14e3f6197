/// One delivery of an exposing render to a viewer who is not its subject (one per subject), in
/// the run's numbers: people by their place in `ReplayResult.people` (bytewise order, so that
/// ordering by number is ordering by the bytes), nodes by their place in `ReplayResult.nodes`,
/// files by their place in `ReplayResult.inputs`.
public struct Exposure: Sendable, Equatable {
    /// When the viewer received it (UTC milliseconds).
    public var time: Int64
    public var renderedAt: Int64
    public var line: Int
    public var subject: Int32
    public var viewer: Int32
    public var rule: Int32
    public var file: Int32
    public var node: Int32
    public var fromCache: Bool

    public init(time: Int64, renderedAt: Int64, line: Int, subject: Int32, viewer: Int32, rule: Int32, file: Int32, node: Int32,
                fromCache: Bool) {
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
