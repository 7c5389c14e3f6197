import ReplaySupport
import ReplayParsing
import ReplayIncident

/// The per-line path from bytes to a `Request`: split the line into fields, read its time,
/// find the first rule that matches it, and only then build the strings the replay keeps.
/// One per thread.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
package final class RequestMatcher {
    private let incident: Incident
    private let window: Window
    /// Per rule, its bug window's bounds (its own, else the run's): plain numbers, as a
    /// `Window` (which keeps its text) was retained and released at every match.
    private let ruleBounds: [(start: Int64, end: Int64)]
    private let parser: LineParser
    private var timeParser: TimeParser
    private let timeField: Int
    /// The time variable's name, as rejections name it (made once).
    private let timeFieldName: String
    private let statusField: Int
    /// `$request`, or `$request_method` with `$request_uri`.
    private let requestField: Int?
    private let methodField: Int?
    private let uriField: Int?
    private let program: RuleProgram
    /// Per rule, whose data its page shows.
    private let ruleSubjects: [SubjectSource]
    private let viewer: BoundTemplate
    private let anonymous: BoundTemplate
    private let cacheKey: BoundTemplate?
    private let cacheStatusField: Variable?
    private let hasCache: Bool
    private let nodeVariable: Variable?
    private let escape: EscapeMode

    /// `$request_time` and `$upstream_response_time`, where the pattern logs them.
    private let tookField: Int?
    private let upstreamField: Int?
    /// `cache.not_stored`: per condition, its variable and its tokens (lower-case bytes).
    private let notStored: [(variable: Variable, tokens: [[UInt8]]?)]
    private let storesCertain: Bool
    private let lock: Bool
    /// Cache statuses by their upper-case bytes: the incident file's lists, then nginx's own
    /// statuses the lists leave out, classed by their nginx meaning (`listed` false).
    private let statusClasses: [(bytes: [UInt8], cls: CacheStatusClass, listed: Bool)]
    /// Each rule's templates as literal segments, and how many rules have matched nothing yet
    /// on this matcher: while some have not, unmatched paths near theirs are counted.
    private let shapes: [[[[UInt8]?]]]
    private var rulesUnmatched: Int
    /// How long after its window a rule's page may still be served from the cache (its tail).
    private let tail: Int64
    private let anonPrefix = Array("anon:".utf8)

    /// The matched rule's captures, by slot.
    private let captures: UnsafeMutablePointer<ByteSpan>
    private var scratch: [UInt8] = []
    private var requestLine: RequestLine?
    private var requestLineDone = false
    /// The time of the last line read.
    package private(set) var time: Int64 = 0
    /// Requests matched per rule, viewers read and absent, cache statuses no list names.
    package private(set) var tally: MatchTally

    struct BindError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    package init(incident: Incident, window: Window) throws {
        self.incident = incident
        var classes: [(bytes: [UInt8], cls: CacheStatusClass, listed: Bool)] = []
        if let cache = incident.cache {
            // refresh first: a status in refresh is served and renders, whatever else lists it.
            for s in cache.refresh.sorted() { classes.append((Array(s.uppercased().utf8), .refresh, true)) }
            for s in cache.served.sorted() where !cache.refresh.contains(s) { classes.append((Array(s.uppercased().utf8), .served, true)) }
            for s in cache.stored.sorted() where !cache.refresh.contains(s) { classes.append((Array(s.uppercased().utf8), .stored, true)) }
            for (s, cls) in CacheStatusMeaning.nginx where !cache.lists(s) { classes.append((Array(s.utf8), cls, false)) }
        }
        statusClasses = classes
        shapes = incident.rules.map(NearPaths.shapes(of:))
        rulesUnmatched = incident.rules.count
        tail = incident.cache?.maxAge ?? Int64.max / 4
        tally = MatchTally(rules: incident.rules.count)
        self.window = window
        ruleBounds = incident.rules.map { rule in
            let w = rule.window ?? window
            return (w.start, w.end)
        }
        let pattern = incident.pattern
        parser = LineParser(pattern: pattern)
        timeParser = TimeParser(format: incident.timeFormat)
        escape = pattern.escape
        guard let t = pattern.index(of: incident.timeFormat.rawValue), let s = pattern.index(of: "status") else {
            throw BindError(message: "the pattern lacks its time or $status")
        }
        timeField = t
        timeFieldName = "$" + incident.timeFormat.rawValue
        statusField = s
        requestField = pattern.index(of: "request")
        methodField = pattern.index(of: "request_method")
        uriField = pattern.index(of: "request_uri")
        program = RuleProgram(incident.rules)
        ruleSubjects = incident.rules.map(\.subject)
        captures = .allocate(capacity: program.slotCount)
        captures.initialize(repeating: .empty, count: program.slotCount)
        guard let v = BoundTemplate(incident.viewer, pattern: pattern), let a = BoundTemplate(incident.anonymous, pattern: pattern) else {
            throw BindError(message: "the pattern cannot provide the viewer")
        }
        viewer = v
        anonymous = a
        hasCache = incident.cache != nil
        if let cache = incident.cache {
            cacheKey = BoundTemplate(cache.key, pattern: pattern)
            cacheStatusField = Variable.resolve(cache.status, in: pattern)
        } else {
            cacheKey = nil
            cacheStatusField = nil
        }
        if case .variable(let name) = incident.node { nodeVariable = Variable.resolve(name, in: pattern) } else { nodeVariable = nil }
        tookField = pattern.index(of: "request_time")
        upstreamField = tookField == nil ? nil : pattern.index(of: "upstream_response_time")
        notStored = (incident.cache?.notStored ?? []).compactMap { c in
            Variable.resolve(c.variable, in: pattern).map { ($0, c.tokens?.map { Array($0.utf8) }) }
        }
        storesCertain = incident.cache?.storesCertain ?? true
        lock = incident.cache?.lock ?? false
    }

    deinit {
        captures.deallocate()
    }

    /// Parses a line and its time; nil when it fits, else why not.
    @inline(__always)
    package func read(_ line: UnsafeRawBufferPointer) -> LineRejection? {
        if let rejection = parser.parse(line) { return rejection }
        let span = parser.span(timeField)
        guard let t = timeParser.parse(span.bytes(in: line)) else {
            return LineRejection(field: timeFieldName, byte: span.start, reason: "not a time of that form")
        }
        time = t
        requestLineDone = false
        return nil
    }

    // MARK: For `replay check` (off the replay's per-line path)

    /// The pattern's variables, as `$name`.
    package var fieldNames: [String] { incident.pattern.fields.map { "$" + $0.name } }

    /// Field `k` of the last line read, as logged.
    package func fieldValue(_ k: Int, _ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let span = parser.span(k)
        return span.bytes(in: line)
    }

    /// The cache status of the last line read, as logged.
    package func cacheStatusValue(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard let v = cacheStatusField, let s = span(v, line) else { return nil }
        return s.bytes(in: line)
    }

    /// The last line read as `$name=value` pairs, values decoded (`--show`: log content).
    package func describe(_ line: UnsafeRawBufferPointer) -> String {
        incident.pattern.fields.indices.map { k in
            var value: [UInt8] = []
            ValueDecoder.decode(fieldValue(k, line), mode: escape, into: &value)
            return "$\(incident.pattern.fields[k].name)=\(IdText.escaped(value))"
        }.joined(separator: " ")
    }

    /// The node named by the line's node variable (for `node: $var`).
    package func withNodeName<T>(_ line: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        scratch.removeAll(keepingCapacity: true)
        if let v = nodeVariable, let span = self.span(v, line), span.count > 0 {
            ValueDecoder.decode(span.bytes(in: line), mode: escape, into: &scratch)
        } else {
            scratch.append(0x2D)
        }
        return scratch.withUnsafeBytes(body)
    }

    /// The request the last line read makes, if a rule matches it: its values copied into
    /// `arena`. Builds no string and numbers nothing, so that parsing threads can run it.
    package func match(_ line: UnsafeRawBufferPointer, arena: inout [UInt8]) -> MatchedRequest? {
        guard let methodSpan = span(.request(.method, 0), line), let pathSpan = span(.request(.path, 0), line) else { return nil }
        let status = parseStatus(parser.span(statusField), line)
        guard let (matched, head) = program.match(status: status, method: methodSpan, path: pathSpan, in: line, captures: captures) else {
            if rulesUnmatched > 0 { countNear(pathSpan, line) }
            return nil
        }
        func keep(_ bytes: [UInt8]) -> ByteSpan {
            let range = ByteSpan(start: arena.count, count: bytes.count)
            arena += bytes
            return range
        }
        var cacheStatus = CacheStatusClass.origin
        var key = ByteSpan.none
        var timing = RequestTiming()
        if let f = tookField { timing.took = RequestTiming.milliseconds(parser.span(f).bytes(in: line)) ?? -1 }
        if let f = upstreamField { timing.upstream = RequestTiming.milliseconds(parser.span(f).bytes(in: line)) ?? -1 }
        if hasCache {
            if let v = cacheStatusField, let s = span(v, line) {
                let (cls, listed) = classify(s, line)
                cacheStatus = cls
                if !listed { tally.unlisted.count(s.bytes(in: line)) }
                if cacheStatus == .served { timing.fresh = isHit(s, line) }
            }
            if cacheStatus == .stored || cacheStatus == .refresh {
                timing.store = declined(line) ? .declined : storesCertain ? .certain : .maybe
            }
            // An origin render (BYPASS, `-`, …) neither reads nor writes the cache: no key.
            if let k = cacheKey, cacheStatus != .origin {
                fill(k, line)
                key = keep(scratch)
            }
        }
        let bounds = ruleBounds[matched]
        let inWindow = time >= bounds.start && time < bounds.end
        // A render outside the window that is not served from the cache exposes nobody: its
        // viewer is not needed.
        var viewerRange = ByteSpan.none
        var isAnonymous = false
        if inWindow || cacheStatus == .served || cacheStatus == .refresh {
            fill(viewer, line)
            isAnonymous = scratch.isEmpty || (scratch.count == 1 && scratch[0] == 0x2D)
            if isAnonymous {
                fill(anonymous, line)
                if scratch.isEmpty { scratch.append(0x2D) }
                viewerRange = keep(anonPrefix)
                viewerRange.count += scratch.count
                arena += scratch
            } else {
                viewerRange = keep(scratch)
            }
        }
        var subjects = MatchedRequest.Subjects.none
        var subject = ByteSpan.none
        // A cache delivery in the page's tail needs its subjects too: a render a hole in the logs
        // may have stored under its key showed them (`Hole`).
        let inTail = (cacheStatus == .served || cacheStatus == .refresh) && time >= bounds.start && time < bounds.end &+ tail
        if inWindow || inTail {
            switch ruleSubjects[matched] {
            case .viewer:
                if !isAnonymous { subjects = .viewer }
            case .capture(let template):
                captured(template, rule: matched, line)
                if !scratch.isEmpty, !scratch.starts(with: anonPrefix) {
                    subjects = .captured
                    subject = keep(scratch)
                }
            case .table(_, let template):
                captured(template, rule: matched, line)
                subjects = .table
                subject = keep(scratch)
            }
        }
        if tally.byRule[matched] == 0 { rulesUnmatched -= 1 }
        tally.byRule[matched] += 1
        if inWindow || inTail {
            tally.inSpan[matched] += 1
        }
        if !viewerRange.isNone {
            tally.viewersRead += 1
            if isAnonymous { tally.viewersAbsent += 1 }
        }
        return MatchedRequest(rule: Int32(matched), head: head, cacheStatus: cacheStatus, key: key, viewer: viewerRange,
                              anonymous: isAnonymous, subjects: subjects, subject: subject, timing: timing)
    }

    /// Whether a `cache.not_stored` condition holds for the last line read.
    private func declined(_ line: UnsafeRawBufferPointer) -> Bool {
        for (variable, tokens) in notStored {
            guard let s = span(variable, line) else { continue }
            let raw = s.bytes(in: line)
            if ValueDecoder.isAbsent(raw) { continue }
            guard let tokens else { return true }
            var value: [UInt8] = []
            ValueDecoder.decode(raw, mode: escape, into: &value)
            // Tokens are split on anything but letters, digits, `-` and `_`, compared without case.
            var start = 0
            for i in 0...value.count {
                let b: UInt8 = i < value.count ? value[i] : 0x20
                let word = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
                if word { continue }
                if i > start {
                    let token = value[start..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
                    if tokens.contains(token) { return true }
                }
                start = i + 1
            }
        }
        return false
    }

    /// Whether a cache status is `HIT` (any case): served from a fresh entry.
    @inline(__always)
    private func isHit(_ s: ByteSpan, _ line: UnsafeRawBufferPointer) -> Bool {
        guard s.count == 3 else { return false }
        return line[s.start] | 0x20 == 0x68 && line[s.start + 1] | 0x20 == 0x69 && line[s.start + 2] | 0x20 == 0x74
    }

    /// Counts an unmatched request's path near the templates of each rule that has matched
    /// nothing yet on this matcher (off the path once every rule has matched).
    private func countNear(_ path: ByteSpan, _ line: UnsafeRawBufferPointer) {
        let bytes = path.bytes(in: line)
        for r in shapes.indices where tally.byRule[r] == 0 {
            tally.near[r].consider(bytes, shapes: shapes[r], scratch: &scratch)
        }
    }

    /// The class of a cache status, compared without case and without allocating, and
    /// whether the incident file lists it (else it is nginx's meaning, or an origin render).
    @inline(__always)
    private func classify(_ span: ByteSpan, _ line: UnsafeRawBufferPointer) -> (CacheStatusClass, Bool) {
        for (bytes, cls, listed) in statusClasses where bytes.count == span.count {
            var k = 0
            while k < bytes.count {
                var b = line[span.start + k]
                if b >= 0x61 && b <= 0x7A { b -= 0x20 }
                if b != bytes[k] { break }
                k += 1
            }
            if k == bytes.count { return (cls, listed) }
        }
        return (.origin, false)
    }

    private func parseStatus(_ span: ByteSpan, _ line: UnsafeRawBufferPointer) -> Int {
        guard span.count == 3 else { return -1 }
        var v = 0
        for i in span.start..<span.end {
            let d = Int(line[i]) - 0x30
            guard d >= 0 && d <= 9 else { return -1 }
            v = v * 10 + d
        }
        return v
    }

    /// Builds a capture template's value into `scratch` (nginx-unescaped, percent-decoded).
    private func captured(_ template: CaptureTemplate, rule: Int, _ line: UnsafeRawBufferPointer) {
        scratch.removeAll(keepingCapacity: true)
        for part in template.parts {
            switch part {
            case .text(let t): scratch += Array(t.utf8)
            case .capture(let name):
                guard let slot = program.captureNames(of: rule).firstIndex(of: name) else { continue }
                let span = captures[slot]
                var raw: [UInt8] = []
                ValueDecoder.decode(span.bytes(in: line), mode: escape, into: &raw)
                scratch += PercentDecoding.decode(raw)
            }
        }
    }

    /// Builds a template's value into `scratch`; an absent (`-`) variable is empty, as in
    /// nginx's cache key.
    @inline(__always)
    private func fill(_ template: BoundTemplate, _ line: UnsafeRawBufferPointer) {
        scratch.removeAll(keepingCapacity: true)
        for part in template.parts {
            switch part {
            case .text(let bytes): scratch += bytes
            case .variable(let v):
                guard let span = span(v, line) else { continue }
                let raw = span.bytes(in: line)
                if case .field = v, ValueDecoder.isAbsent(raw) { continue }
                ValueDecoder.decode(raw, mode: escape, into: &scratch)
            }
        }
    }

    /// Where a variable lies in the line; request parts are split once per line.
    @inline(__always)
    private func span(_ v: Variable, _ line: UnsafeRawBufferPointer) -> ByteSpan? {
        switch v {
        case .field(let i): return parser.span(i)
        case .request(let part, _):
            if !requestLineDone {
                requestLineDone = true
                if let r = requestField {
                    requestLine = RequestLine.split(parser.span(r), in: line)
                } else if let m = methodField, let u = uriField {
                    var parts = RequestLine.uriParts(parser.span(u), in: line)
                    parts.method = parser.span(m)
                    requestLine = parts
                } else {
                    requestLine = nil
                }
            }
            guard let r = requestLine else { return nil }
            switch part {
            case .method: return r.method
            case .uri: return r.uri
            case .path: return r.path
            case .args: return r.args
            case .proto: return r.proto
            }
        }
    }
}
