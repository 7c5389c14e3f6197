/// One delivery of an exposing render to a viewer who is not its subject (one per subject).
public struct Exposure: Sendable, Equatable {
    /// When the viewer received it (UTC milliseconds).
    public var time: Int64
    public var node: String
    public var rule: Int
    public var subject: String
    public var viewer: String
    public var file: Int
    public var line: Int
    public var fromCache: Bool
    public var renderedAt: Int64
    /// The subject's place among the run's exposed subjects in bytewise order (so that
    /// ordering by it is ordering by the subject), and a number for the viewer, the same for
    /// the same viewer across the run.
    public var subjectRank: Int
    public var viewerNumber: Int

    public init(time: Int64, node: String, rule: Int, subject: String, viewer: String, file: Int, line: Int,
                fromCache: Bool, renderedAt: Int64, subjectRank: Int, viewerNumber: Int) {
        self.time = time
        self.node = node
        self.rule = rule
        self.subject = subject
        self.viewer = viewer
        self.file = file
        self.line = line
        self.fromCache = fromCache
        self.renderedAt = renderedAt
        self.subjectRank = subjectRank
        self.viewerNumber = viewerNumber
    }
}
