import ReplayParsing
import ReplayIncident
import ReplaySupport

/// The rules compiled for the per-line path: methods, statuses and path segments as plain
/// values in memory the program owns, so that matching a line counts no references. A rule's
/// captures go to slots: its capture names' places in `captureNames(of:)`.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
final class RuleProgram {
    private struct RuleEntry {
        var statuses: Int
        var methodStart: Int
        var methodCount: Int
        var pathStart: Int
        var pathCount: Int
        /// A HEAD request renders a GET rule's page (nginx's proxy_cache_convert_head).
        var acceptsHead: Bool
    }

    private struct PathEntry {
        var segmentStart: Int
        var segmentCount: Int
    }

    private struct Segment {
        enum Kind: UInt8 { case literal, capture, any, rest }
        var kind: Kind
        var literal: ByteSpan
        var slot: Int
    }

    private static let statusLimit = 600

    private let rules: UnsafeMutableBufferPointer<RuleEntry>
    private let methods: UnsafeMutableBufferPointer<ByteSpan>
    private let paths: UnsafeMutableBufferPointer<PathEntry>
    private let segments: UnsafeMutableBufferPointer<Segment>
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let statuses: UnsafeMutableBufferPointer<Bool>
    private let names: [[String]]
    /// The most slots any rule uses.
    let slotCount: Int

    init(_ source: [Rule]) {
        var ruleEntries: [RuleEntry] = [], methodPieces: [ByteSpan] = [], pathEntries: [PathEntry] = []
        var segmentList: [Segment] = [], byteList: [UInt8] = [], statusTable: [Bool] = []
        var names: [[String]] = []
        func piece(_ b: [UInt8]) -> ByteSpan {
            defer { byteList += b }
            return ByteSpan(start: byteList.count, count: b.count)
        }
        for rule in source {
            var ruleNames: [String] = []
            for p in rule.paths { for n in p.captureNames where !ruleNames.contains(n) { ruleNames.append(n) } }
            names.append(ruleNames)
            let entry = RuleEntry(statuses: statusTable.count, methodStart: methodPieces.count, methodCount: rule.methods.count,
                                  pathStart: pathEntries.count, pathCount: rule.paths.count,
                                  acceptsHead: rule.methods.contains("GET") && !rule.methods.contains("HEAD"))
            statusTable += (0..<Self.statusLimit).map { rule.statuses.contains($0) }
            for m in rule.methods { methodPieces.append(piece(Array(m.utf8))) }
            for p in rule.paths {
                pathEntries.append(PathEntry(segmentStart: segmentList.count, segmentCount: p.segments.count))
                for s in p.segments {
                    switch s {
                    case .literal(let b): segmentList.append(Segment(kind: .literal, literal: piece(b), slot: 0))
                    case .capture(let n): segmentList.append(Segment(kind: .capture, literal: ByteSpan.empty, slot: ruleNames.firstIndex(of: n) ?? 0))
                    case .any: segmentList.append(Segment(kind: .any, literal: ByteSpan.empty, slot: 0))
                    case .rest: segmentList.append(Segment(kind: .rest, literal: ByteSpan.empty, slot: 0))
                    }
                }
            }
            ruleEntries.append(entry)
        }
        func owned<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
            _ = buffer.initialize(from: values)
            // Safe because the buffer was allocated with at least `values.count` elements.
            return UnsafeMutableBufferPointer(rebasing: buffer[0..<values.count])
        }
        rules = owned(ruleEntries)
        methods = owned(methodPieces)
        paths = owned(pathEntries)
        segments = owned(segmentList)
        bytes = owned(byteList)
        statuses = owned(statusTable)
        self.names = names
        slotCount = max(1, names.map(\.count).max() ?? 1)
    }

    deinit {
        for base in [rules.baseAddress.map(UnsafeMutableRawPointer.init), methods.baseAddress.map(UnsafeMutableRawPointer.init),
                     paths.baseAddress.map(UnsafeMutableRawPointer.init), segments.baseAddress.map(UnsafeMutableRawPointer.init),
                     bytes.baseAddress.map(UnsafeMutableRawPointer.init), statuses.baseAddress.map(UnsafeMutableRawPointer.init)] {
            base?.deallocate()
        }
    }

    /// The capture names of rule `rule`, by slot.
    func captureNames(of rule: Int) -> [String] { names[rule] }

    /// The first rule whose status, method and a path match: its index and whether the request
    /// is a HEAD to a GET rule; nil when none does. Fills the rule's capture slots.
    @inline(__always)
    func match(status: Int, method: ByteSpan, path: ByteSpan, in line: UnsafeRawBufferPointer,
               captures: UnsafeMutablePointer<ByteSpan>) -> (rule: Int, head: Bool)? {
        for r in 0..<rules.count {
            let rule = rules[r]
            guard status >= 0 && status < Self.statusLimit && statuses[rule.statuses + status] else { continue }
            var methodFits = false
            for m in rule.methodStart..<rule.methodStart + rule.methodCount where equal(methods[m], method, line) {
                methodFits = true
                break
            }
            let head = !methodFits && rule.acceptsHead && method.count == 4 && line[method.start] == 0x48
                && line[method.start + 1] == 0x45 && line[method.start + 2] == 0x41 && line[method.start + 3] == 0x44
            guard methodFits || head else { continue }
            for p in rule.pathStart..<rule.pathStart + rule.pathCount where matchPath(paths[p], path, line, captures) {
                return (r, head)
            }
        }
        return nil
    }

    @inline(__always)
    private func equal(_ piece: ByteSpan, _ span: ByteSpan, _ line: UnsafeRawBufferPointer) -> Bool {
        guard piece.count == span.count else { return false }
        var k = 0
        while k < piece.count {
            if line[span.start + k] != bytes[piece.start + k] { return false }
            k += 1
        }
        return true
    }

    /// Segment by segment against the path before `?`: `{name}` captures one segment, `*`
    /// matches one segment, `**` any rest (also none).
    @inline(__always)
    private func matchPath(_ entry: PathEntry, _ path: ByteSpan, _ line: UnsafeRawBufferPointer,
                           _ captures: UnsafeMutablePointer<ByteSpan>) -> Bool {
        let end = path.end
        guard path.count > 0, line[path.start] == 0x2F else { return false }
        var pos = path.start + 1
        let last = entry.segmentCount - 1
        for i in 0..<entry.segmentCount {
            let segment = segments[entry.segmentStart + i]
            if segment.kind == .rest { return true }
            var segEnd = pos
            while segEnd < end && line[segEnd] != 0x2F { segEnd += 1 }
            switch segment.kind {
            case .literal:
                guard equal(segment.literal, ByteSpan(start: pos, count: segEnd - pos), line) else { return false }
            case .capture:
                guard segEnd > pos else { return false }
                captures[segment.slot] = ByteSpan(start: pos, count: segEnd - pos)
            case .any:
                guard segEnd > pos else { return false }
            case .rest:
                return true
            }
            if i == last {
                return segEnd == end
            }
            guard segEnd < end else {
                // The path ended; only a following `**` may match nothing.
                return i + 1 == last && segments[entry.segmentStart + last].kind == .rest
            }
            pos = segEnd + 1
        }
        return pos >= end
    }
}
