import ReplayReading
import ReplayParsing
import ReplayMatching
import ReplayCache
import ReplaySupport

/// A batch of lines as a parsing thread leaves them for the replay thread, in order: per line
/// its number and fate (rejected with a reason, parsed, parsed and matched), its time, its
/// node's name (for `node: $var`) and what a rule matched, the values copied into an arena.
final class ParsedBatch {
    enum Fate: UInt8 {
        case rejected
        case parsed
        case matched
    }

    var numbers: [Int] = []
    var fates: [Fate] = []
    var times: [Int64] = []
    var nodeNames: [ByteSpan] = []
    /// Per line: the index of its match or rejection reason (-1 for neither).
    var details: [Int32] = []
    var matches: [MatchedRequest] = []
    /// Per match, its request as the numbering thread made it.
    var requests: [Request] = []
    /// Per rejected line, why (its text is made only for the lines a file's account lists).
    var rejections: [LineRejection] = []
    /// The gzip members that begin in this batch's lines, as the reader marked them.
    var memberStarts: [MemberStart] = []
    var arena: [UInt8] = []
    var readBytes = 0

    init() {
        numbers.reserveCapacity(8192)
        fates.reserveCapacity(8192)
        times.reserveCapacity(8192)
        details.reserveCapacity(8192)
        arena.reserveCapacity(1 << 18)
    }

    func reset() {
        numbers.removeAll(keepingCapacity: true)
        fates.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        nodeNames.removeAll(keepingCapacity: true)
        details.removeAll(keepingCapacity: true)
        matches.removeAll(keepingCapacity: true)
        requests.removeAll(keepingCapacity: true)
        rejections.removeAll(keepingCapacity: true)
        memberStarts.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        readBytes = 0
    }

    /// Parses and matches every line of `lines` with `matcher` (one per thread).
    func fill(from lines: LineBatch, matcher: RequestMatcher, byVariable: Bool) {
        reset()
        readBytes = lines.readBytes
        memberStarts.append(contentsOf: lines.memberStarts)
        lines.forEachLine { bytes, number, oversized in
            numbers.append(number)
            if let oversized {
                fates.append(.rejected)
                times.append(0)
                details.append(Int32(rejections.count))
                rejections.append(.oversized(length: oversized))
                if byVariable { nodeNames.append(.none) }
                return
            }
            if let rejection = matcher.read(bytes) {
                fates.append(.rejected)
                times.append(0)
                details.append(Int32(rejections.count))
                rejections.append(rejection)
                if byVariable { nodeNames.append(.none) }
                return
            }
            times.append(matcher.time)
            if byVariable {
                let start = arena.count
                matcher.withNodeName(bytes) { arena.append(contentsOf: $0) }
                nodeNames.append(ByteSpan(start: start, count: arena.count - start))
            }
            if let m = matcher.match(bytes, arena: &arena) {
                fates.append(.matched)
                details.append(Int32(matches.count))
                matches.append(m)
            } else {
                fates.append(.parsed)
                details.append(-1)
            }
        }
    }
}
