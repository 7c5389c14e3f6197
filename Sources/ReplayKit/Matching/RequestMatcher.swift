/// The per-line path from bytes to a `Request`: split the line into fields, read its time,
/// find the first rule that matches it, and only then build the strings the replay keeps.
/// One per thread.
final class RequestMatcher {
    private let incident: Incident
    private let window: Window
    private let parser: LineParser
    private var timeParser: TimeParser
    private let timeField: Int
    private let statusField: Int
    /// `$request`, or `$request_method` with `$request_uri`.
    private let requestField: Int?
    private let methodField: Int?
    private let uriField: Int?
    private let rules: [CompiledRule]
    private let viewer: BoundTemplate
    private let anonymous: BoundTemplate
    private let cacheKey: BoundTemplate?
    private let cacheStatusField: Variable?
    private let cacheRules: CacheRules?
    private let nodeVariable: Variable?
    private let escape: EscapeMode

    private var captures: [FieldSpan]
    private var scratch: [UInt8] = []
    private var requestLine: RequestLine?
    private var requestLineDone = false
    /// The time of the last line read.
    private(set) var time: Int64 = 0

    struct BindError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    init(incident: Incident, window: Window) throws {
        self.incident = incident
        self.window = window
        let pattern = incident.pattern
        parser = LineParser(pattern: pattern)
        timeParser = TimeParser(format: incident.timeFormat)
        escape = pattern.escape
        guard let t = pattern.index(of: incident.timeFormat.rawValue), let s = pattern.index(of: "status") else {
            throw BindError(message: "the pattern lacks its time or $status")
        }
        timeField = t
        statusField = s
        requestField = pattern.index(of: "request")
        methodField = pattern.index(of: "request_method")
        uriField = pattern.index(of: "request_uri")
        rules = incident.rules.map(CompiledRule.init)
        captures = Array(repeating: .empty, count: max(1, rules.map(\.captureNames.count).max() ?? 1))
        guard let v = BoundTemplate(incident.viewer, pattern: pattern), let a = BoundTemplate(incident.anonymous, pattern: pattern) else {
            throw BindError(message: "the pattern cannot provide the viewer")
        }
        viewer = v
        anonymous = a
        cacheRules = incident.cache
        if let cache = incident.cache {
            cacheKey = BoundTemplate(cache.key, pattern: pattern)
            cacheStatusField = Variable.resolve(cache.status, in: pattern)
        } else {
            cacheKey = nil
            cacheStatusField = nil
        }
        if case .variable(let name) = incident.node { nodeVariable = Variable.resolve(name, in: pattern) } else { nodeVariable = nil }
    }

    /// Parses a line and its time; nil when it fits, else why not.
    @inline(__always)
    func read(_ line: UnsafeRawBufferPointer) -> LineRejection? {
        if let rejection = parser.parse(line) { return rejection }
        let span = parser.spans[timeField]
        guard let t = timeParser.parse(UnsafeRawBufferPointer(rebasing: line[span.start..<span.end])) else {
            return LineRejection(field: "$" + incident.timeFormat.rawValue, byte: span.start, reason: "not a time of that form")
        }
        time = t
        requestLineDone = false
        return nil
    }

    /// The node named by the line's node variable (for `node: $var`).
    func nodeName(_ line: UnsafeRawBufferPointer) -> [UInt8] {
        guard let v = nodeVariable, let span = self.span(v, line) else { return Array("-".utf8) }
        scratch.removeAll(keepingCapacity: true)
        ValueDecoder.decode(UnsafeRawBufferPointer(rebasing: line[span.start..<span.end]), mode: escape, into: &scratch)
        return scratch
    }

    /// The request the last line read makes, if a rule matches it.
    func match(_ line: UnsafeRawBufferPointer, file: Int, lineNumber: Int, sequence: Int) -> Request? {
        guard let methodSpan = span(.request(.method, 0), line), let pathSpan = span(.request(.path, 0), line) else { return nil }
        let status = parseStatus(parser.spans[statusField], line)
        var matched = -1
        var head = false
        for (index, rule) in rules.enumerated() where rule.accepts(status: status) {
            let m = rule.methodMatch(methodSpan, in: line)
            guard m != 0, rule.matchPath(pathSpan, in: line, captures: &captures) else { continue }
            matched = index
            head = m == 2
            break
        }
        guard matched >= 0 else { return nil }
        var cacheStatus = CacheStatusClass.origin
        var key: [UInt8] = []
        if let cache = cacheRules {
            let statusText = String(decoding: value(cacheStatusField.map { BoundTemplate.Part.variable($0) }, line), as: UTF8.self).uppercased()
            if cache.refresh.contains(statusText) { cacheStatus = .refresh }
            else if cache.served.contains(statusText) { cacheStatus = .served }
            else if cache.stored.contains(statusText) { cacheStatus = .stored }
            if let k = cacheKey { key = evaluate(k, line) }
        }
        var viewerBytes = evaluate(viewer, line)
        let isAnonymous = viewerBytes.isEmpty || viewerBytes == [0x2D]
        if isAnonymous {
            var anon = evaluate(anonymous, line)
            if anon.isEmpty { anon = [0x2D] }
            viewerBytes = Array("anon:".utf8) + anon
        }
        let viewerID = String(decoding: viewerBytes, as: UTF8.self)
        var subjects: [String] = []
        if window.contains(time) {
            switch rules[matched].rule.subject {
            case .viewer:
                if !isAnonymous { subjects = [viewerID] }
            case .capture(let template):
                let s = captured(template, rule: rules[matched], line)
                if !s.isEmpty { subjects = [s] }
            case .table(let name, let template):
                let k = captured(template, rule: rules[matched], line)
                subjects = incident.tables[name]?.subjects[k] ?? []
            }
            subjects.removeAll { $0.hasPrefix("anon:") }
        }
        return Request(time: time, sequence: sequence, file: file, line: lineNumber, rule: matched, head: head,
                       cacheStatus: cacheStatus, cacheKey: key, viewer: viewerID, anonymous: isAnonymous, subjects: subjects)
    }

    private func parseStatus(_ span: FieldSpan, _ line: UnsafeRawBufferPointer) -> Int {
        guard span.count == 3 else { return -1 }
        var v = 0
        for i in span.start..<span.end {
            let d = Int(line[i]) - 0x30
            guard d >= 0 && d <= 9 else { return -1 }
            v = v * 10 + d
        }
        return v
    }

    private func captured(_ template: CaptureTemplate, rule: CompiledRule, _ line: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        for part in template.parts {
            switch part {
            case .text(let t): out += Array(t.utf8)
            case .capture(let name):
                guard let slot = rule.captureNames.firstIndex(of: name) else { continue }
                let span = captures[slot]
                var raw: [UInt8] = []
                ValueDecoder.decode(UnsafeRawBufferPointer(rebasing: line[span.start..<span.end]), mode: escape, into: &raw)
                out += PercentDecoding.decode(raw)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func evaluate(_ template: BoundTemplate, _ line: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        for part in template.parts { out += value(part, line) }
        return out
    }

    /// A part's decoded bytes; an absent (`-`) variable is empty, as in nginx's cache key.
    private func value(_ part: BoundTemplate.Part?, _ line: UnsafeRawBufferPointer) -> [UInt8] {
        switch part {
        case .text(let bytes)?: return bytes
        case .variable(let v)?:
            guard let span = span(v, line) else { return [] }
            let raw = UnsafeRawBufferPointer(rebasing: line[span.start..<span.end])
            if case .field = v, ValueDecoder.isAbsent(raw) { return [] }
            var out: [UInt8] = []
            ValueDecoder.decode(raw, mode: escape, into: &out)
            return out
        case nil: return []
        }
    }

    /// Where a variable lies in the line; request parts are split once per line.
    @inline(__always)
    private func span(_ v: Variable, _ line: UnsafeRawBufferPointer) -> FieldSpan? {
        switch v {
        case .field(let i): return parser.spans[i]
        case .request(let part, _):
            if !requestLineDone {
                requestLineDone = true
                if let r = requestField {
                    requestLine = RequestLine.split(parser.spans[r], in: line)
                } else if let m = methodField, let u = uriField {
                    var parts = RequestLine.uriParts(parser.spans[u], in: line)
                    parts.method = parser.spans[m]
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
