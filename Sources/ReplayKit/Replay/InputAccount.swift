/// The account of one input file: what was read, parsed and rejected, and why.
public struct InputAccount: Sendable {
    public struct RejectedLine: Sendable, Equatable {
        public var line: Int
        public var reason: String
    }

    /// At most this many rejected lines are listed per file; all are counted.
    public static let listedRejections = 100

    public var path: String
    /// Other paths given for the same file (read once, under `path`).
    public var otherPaths: [String] = []
    public var report = ReadReport()
    public var parsed = 0
    public var rejected = 0
    public var inWindow = 0
    public var rejections: [RejectedLine] = []
    /// The time of the first line that parsed.
    public var firstTime: Int64?

    public init(path: String) { self.path = path }

    /// Counts a rejected line; its reason becomes text only while it is listed.
    mutating func reject(line: Int, because rejection: LineRejection) {
        rejected += 1
        if rejections.count < Self.listedRejections { rejections.append(RejectedLine(line: line, reason: rejection.description)) }
    }
}
