import ReplayReading
import ReplayParsing

/// The account of one input file: what was read, parsed and rejected, and why.
package struct InputAccount: Sendable {
    package struct RejectedLine: Sendable, Equatable {
        package var line: Int
        package var reason: String
    }

    /// At most this many rejected lines are listed per file; all are counted.
    package static let listedRejections = 100

    package var path: String
    /// Other paths given for the same file (read once, under `path`).
    package var otherPaths: [String] = []
    package var report = ReadReport()
    package var parsed = 0
    package var rejected = 0
    package var inWindow = 0
    package var rejections: [RejectedLine] = []
    /// The time of the first line that parsed.
    package var firstTime: Int64?
    /// The earliest and the latest time of its parsed lines (`.max` and `.min` while none).
    package var earliest = Int64.max
    package var latest = Int64.min
    /// The node its folder names (under `node: dir`).
    package var folderNode = ""
    /// The span of its lines, or nil when none parsed.
    package var span: (from: Int64, to: Int64)? { earliest <= latest ? (earliest, latest) : nil }
    /// Requests matched per rule (by index).
    package var matchedByRule: [Int] = []
    /// Matched requests whose viewer was read, and those of them whose viewer variable was
    /// absent (`-` or empty).
    package var viewersRead = 0
    package var viewersAbsent = 0

    package init(path: String) { self.path = path }

    package mutating func matched(rule: Int, viewerRead: Bool, anonymous: Bool) {
        if matchedByRule.count <= rule { matchedByRule += Array(repeating: 0, count: rule + 1 - matchedByRule.count) }
        matchedByRule[rule] += 1
        if viewerRead {
            viewersRead += 1
            if anonymous { viewersAbsent += 1 }
        }
    }

    /// Counts a rejected line; its reason becomes text only while it is listed.
    package mutating func reject(line: Int, because rejection: LineRejection) {
        rejected += 1
        if rejections.count < Self.listedRejections { rejections.append(RejectedLine(line: line, reason: rejection.description)) }
    }
}
