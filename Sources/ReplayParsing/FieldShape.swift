import ReplaySupport

/// The form a logged variable's value always has in nginx's logs. A line whose field breaks its
/// variable's shape does not fit the pattern (a field too few or too many shifts every value
/// after it): it is rejected, naming the variable and the byte, never the value.
///
/// nginx escapes `"` in every value (`\x22` by default, `\"` with `escape=json`), so no value
/// holds a raw quote; a value holds a space only when its variable can.
enum FieldShape: UInt8 {
    /// Any bytes but a raw quote: an unquoted value of a variable that can hold spaces.
    case text
    /// No space, no raw quote: a variable that cannot hold a space (cookies, hosts, URIs…).
    case word
    /// Digits: `$body_bytes_sent`, `$bytes_sent`, `$request_length`, `$connection`, `$pid`…
    case digits
    /// Three digits: `$status`.
    case status
    /// Digits, a point and digits: `$msec`, `$request_time`.
    case seconds
    /// `-`, or seconds (or statuses) separated by `, ` or ` : `: `$upstream_response_time`,
    /// `$upstream_status`… (one per upstream tried).
    case upstreamList
    /// An address: IPv4, IPv6 or `unix:`: `$remote_addr`, `$server_addr`, `$realip_remote_addr`.
    case address
    /// `-` or letters: `$upstream_cache_status`.
    case cacheStatus
    /// A method, one space, a target without spaces, and optionally one space and `HTTP/…`;
    /// empty or `-` (nginx's forms when it read no request line). Checked with the line's
    /// status: a 400, 408, 414 or 494 logs whatever bytes came.
    case request
    /// The same, quoted: it cannot hold a raw quote.
    case quotedRequest
    /// Upper-case letters, `_` and `-`: `$request_method`.
    case method
    /// `HTTP/` and a version: `$server_protocol`.
    case proto
    /// No space (`escape=none` lets values hold raw quotes).
    case bareWord
    /// Any bytes (`escape=none` lets values hold quotes).
    case anything

    /// The shape of variable `name` (without `$`) in a field quoted or not, under `escape`.
    static func of(_ name: String, quoted: Bool, escape: EscapeMode) -> FieldShape {
        switch name {
        case "status": return .status
        case "body_bytes_sent", "bytes_sent", "request_length", "connection", "connection_requests", "pid",
             "server_port", "remote_port":
            return .digits
        case "msec", "request_time": return .seconds
        case "upstream_response_time", "upstream_connect_time", "upstream_header_time", "upstream_status",
             "upstream_response_length", "upstream_bytes_received", "upstream_bytes_sent":
            return .upstreamList
        case "remote_addr", "server_addr", "realip_remote_addr": return .address
        case "upstream_cache_status": return .cacheStatus
        case "request": return quoted && escape != .none ? .quotedRequest : .request
        case "request_method": return .method
        case "server_protocol": return .proto
        // Checked by the time parser when they are the run's time; a shifted field breaks others too.
        case "time_local", "time_iso8601": return .anything
        default: break
        }
        if escape == .none { return quoted || canHoldSpace(name) ? .anything : .bareWord }
        // A quoted field ends at the first unescaped quote: it cannot hold a raw one.
        if quoted { return .anything }
        if canHoldSpace(name) { return escape == .json ? .anything : .text }
        return .word
    }

    /// Variables whose values may hold spaces: headers, user names and free text.
    private static func canHoldSpace(_ name: String) -> Bool {
        name.hasPrefix("http_") || name.hasPrefix("sent_http_") || name.hasPrefix("upstream_http_")
            || name.hasPrefix("sent_trailer_") || name == "remote_user" || name == "upstream_addr"
    }

    /// What a rejection says of a value of this shape (never the value itself).
    var expectation: String {
        switch self {
        case .text: return "a raw quote inside the value (nginx escapes quotes): the pattern does not fit the line"
        case .word: return "a space or a raw quote inside a value that cannot hold one: the pattern does not fit the line"
        case .bareWord: return "a space inside a value that cannot hold one: the pattern does not fit the line"
        case .digits: return "not a number"
        case .status: return "not a status (three digits)"
        case .seconds: return "not seconds (digits, a point, digits)"
        case .upstreamList: return "not `-` or a list of upstream values"
        case .address: return "not an address"
        case .cacheStatus: return "not a cache status (`-` or letters)"
        case .request, .quotedRequest: return "not a request line (method, target, protocol)"
        case .method: return "not a method"
        case .proto: return "not a protocol (HTTP/…)"
        case .anything: return ""
        }
    }

    /// The first byte (from the value's start) that breaks the shape, or nil when it fits.
    /// `status` is the line's status, for `.request`. Reads `count` bytes at `v` (a field's
    /// span, inside its line: safe because the parser made the span from that line).
    @inline(__always)
    func violation(_ v: UnsafeRawPointer, count: Int, status: Int, classes t: UnsafePointer<UInt16> = ByteClass.table) -> Int? {
        typealias C = ByteClass
        switch self {
        case .anything: return nil
        case .text: return C.firstInside(v, count, C.quote, t)
        case .word: return C.firstSpaceOrQuote(v, count)
        case .bareWord: return C.firstInside(v, count, C.space, t)
        case .digits:
            guard count > 0 else { return 0 }
            return C.firstOutside(v, count, C.digit, t)
        case .status:
            if count == 3 && Self.isDigit(v.load(as: UInt8.self)) && Self.isDigit(v.load(fromByteOffset: 1, as: UInt8.self))
                && Self.isDigit(v.load(fromByteOffset: 2, as: UInt8.self)) { return nil }
            if let bad = C.firstOutside(v, count, C.digit, t) { return bad }
            return min(count, 3)
        case .seconds: return Self.seconds(v, count)
        case .upstreamList:
            return C.firstOutside(v, count, C.digit | C.point | C.comma | C.space | C.colon | C.dash, t)
        case .address:
            guard count > 0 else { return 0 }
            guard let stop = C.firstOutside(v, count, C.digit | C.hexLetter | C.point | C.colon, t) else { return nil }
            if count >= 5 && v.loadUnaligned(as: UInt32.self) == 0x78696E75 && v.load(fromByteOffset: 4, as: UInt8.self) == 0x3A { return nil } // unix:
            // An IPv6 zone after `%`: letters and digits.
            guard v.load(fromByteOffset: stop, as: UInt8.self) == 0x25, stop > 0 else { return stop }
            return C.firstOutside(v + stop + 1, count - stop - 1, C.letter | C.digit, t).map { $0 + stop + 1 }
        case .cacheStatus:
            if count == 1 && v.load(as: UInt8.self) == 0x2D { return nil }
            guard count > 0 else { return 0 }
            return C.firstOutside(v, count, C.letter | C.underscore, t)
        case .method:
            guard count > 0 else { return 0 }
            return C.firstOutside(v, count, C.methodByte, t)
        case .proto: return Self.proto(v, from: 0, count, t)
        case .request: return Self.request(v, count, status: status, quoted: false, t)
        case .quotedRequest: return Self.request(v, count, status: status, quoted: true, t)
        }
    }

    /// The same, for a buffer (tests and tools).
    func violation(_ v: UnsafeRawBufferPointer, status: Int) -> Int? {
        guard let base = v.baseAddress else { return violation(UnsafeRawPointer(bitPattern: 1)!, count: 0, status: status) }
        return violation(base, count: v.count, status: status)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    private static func seconds(_ v: UnsafeRawPointer, _ count: Int) -> Int? {
        var i = 0
        while i < count && isDigit(v.load(fromByteOffset: i, as: UInt8.self)) { i += 1 }
        guard i > 0 else { return 0 }
        if i == count { return nil }
        guard v.load(fromByteOffset: i, as: UInt8.self) == 0x2E else { return i }
        i += 1
        let fraction = i
        while i < count && isDigit(v.load(fromByteOffset: i, as: UInt8.self)) { i += 1 }
        guard i > fraction else { return i }
        return i == count ? nil : i
    }

    /// `HTTP/` and digits and points from `start` to the end.
    private static func proto(_ v: UnsafeRawPointer, from start: Int, _ count: Int, _ t: UnsafePointer<UInt16>) -> Int? {
        // The usual ones in one compare: HTTP/1.1, HTTP/1.0, HTTP/2.0.
        if count - start == 8 {
            let w = v.loadUnaligned(fromByteOffset: start, as: UInt64.self)
            if w == 0x312E_312F_5054_5448 || w == 0x302E_312F_5054_5448 || w == 0x302E_322F_5054_5448 { return nil }
        }
        guard count - start >= 5 else { return start }
        let http: [UInt8] = [0x48, 0x54, 0x54, 0x50, 0x2F] // HTTP/
        for k in 0..<5 where v.load(fromByteOffset: start + k, as: UInt8.self) != http[k] { return start + k }
        let i = start + 5
        guard i < count else { return i }
        return ByteClass.firstOutside(v + i, count - i, ByteClass.digit | ByteClass.point, t).map { $0 + i }
    }

    /// A quoted request ends at the first unescaped quote: its target needs no scan for one.
    private static func request(_ v: UnsafeRawPointer, _ count: Int, status: Int, quoted: Bool, _ t: UnsafePointer<UInt16>) -> Int? {
        if count == 0 || (count == 1 && v.load(as: UInt8.self) == 0x2D) { return nil }
        // A request nginx could not read is logged as the bytes that came.
        if status == 400 || status == 408 || status == 414 || status == 494 { return nil }
        let i0 = ByteClass.firstOutside(v, count, ByteClass.methodByte, t) ?? count
        guard i0 > 0 else { return 0 }
        var i = i0
        guard i < count, v.load(fromByteOffset: i, as: UInt8.self) == 0x20 else { return i }
        i += 1
        let target = i
        // The target ends at the next space (memchr); it holds no raw quote.
        let end = Bytes.find(0x20, in: v, from: i, to: count) ?? count
        if !quoted, let quote = ByteClass.firstInside(v + target, end - target, ByteClass.quote, t) { return target + quote }
        guard end > target else { return end }
        if end == count { return nil } // HTTP/0.9: no protocol
        return proto(v, from: end + 1, count, t)
    }
}
