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
    /// Requests matched per rule (by index).
    public var matchedByRule: [Int] = []
    /// Matched requests whose viewer was read, and those of them whose viewer variable was
    /// absent (`-` or empty).
    public var viewersRead = 0
    public var viewersAbsent = 0

    public init(path: String) { self.path = path }

    mutating func matched(rule: Int, viewerRead: Bool, anonymous: Bool) {
        if matchedByRule.count <= rule { matchedByRule += Array(repeating: 0, count: rule + 1 - matchedByRule.count) }
        matchedByRule[rule] += 1
        if viewerRead {
            viewersRead += 1
            if anonymous { viewersAbsent += 1 }
        }
    }

    /// Counts a rejected line; its reason becomes text only while it is listed.
    mutating func reject(line: Int, because rejection: LineRejection) {
        rejected += 1
        if rejections.count < Self.listedRejections { rejections.append(RejectedLine(line: line, reason: rejection.description)) }
    }
}
