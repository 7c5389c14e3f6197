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
        case "request": return .request
        case "request_method": return .method
        case "server_protocol": return .proto
        // Checked by the time parser when they are the run's time; here only their quotes.
        case "time_local", "time_iso8601": return escape == .default && !quoted ? .text : .anything
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
        case .request: return "not a request line (method, target, protocol)"
        case .method: return "not a method"
        case .proto: return "not a protocol (HTTP/…)"
        case .anything: return ""
        }
    }

    /// The first byte (from the value's start) that breaks the shape, or nil when it fits.
    /// `status` is the line's status, for `.request`.
    @inline(__always)
    func violation(_ v: UnsafeRawBufferPointer, status: Int) -> Int? {
        switch self {
        case .anything: return nil
        case .text: return Self.first(in: v) { $0 == 0x22 }
        case .word: return Self.first(in: v) { $0 == 0x20 || $0 == 0x22 }
        case .bareWord: return Self.first(in: v) { $0 == 0x20 }
        case .digits:
            guard !v.isEmpty else { return 0 }
            return Self.first(in: v) { !Self.isDigit($0) }
        case .status:
            if let bad = Self.first(in: v, where: { !Self.isDigit($0) }) { return bad }
            return v.count == 3 ? nil : min(v.count, 3)
        case .seconds: return Self.seconds(v)
        case .upstreamList:
            if v.count == 1 && v[0] == 0x2D { return nil }
            return Self.first(in: v) { !(Self.isDigit($0) || $0 == 0x2E || $0 == 0x2C || $0 == 0x20 || $0 == 0x3A || $0 == 0x2D) }
        case .address:
            guard !v.isEmpty else { return 0 }
            if v.count >= 5 && v[0] == 0x75 && v[1] == 0x6E && v[2] == 0x69 && v[3] == 0x78 && v[4] == 0x3A { return nil } // unix:
            // IPv4, IPv6, and an IPv6 zone after `%` (letters and digits).
            var zone = false
            return Self.first(in: v) { b in
                if b == 0x25 { zone = true; return false }
                return zone ? !(Self.isLetter(b) || Self.isDigit(b)) : !(Self.isHex(b) || b == 0x2E || b == 0x3A)
            }
        case .cacheStatus:
            if v.count == 1 && v[0] == 0x2D { return nil }
            guard !v.isEmpty else { return 0 }
            return Self.first(in: v) { !(Self.isLetter($0) || $0 == 0x5F) }
        case .method:
            guard !v.isEmpty else { return 0 }
            return Self.first(in: v) { !Self.isMethodByte($0) }
        case .proto: return Self.proto(v, from: 0)
        case .request: return Self.request(v, status: status)
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    @inline(__always) static func isMethodByte(_ b: UInt8) -> Bool { b &- 0x41 < 26 || b == 0x5F || b == 0x2D }

    @inline(__always)
    static func first(in v: UnsafeRawBufferPointer, where bad: (UInt8) -> Bool) -> Int? {
        var i = 0
        while i < v.count {
            if bad(v[i]) { return i }
            i += 1
        }
        return nil
    }

    private static func seconds(_ v: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        while i < v.count && isDigit(v[i]) { i += 1 }
        guard i > 0 else { return 0 }
        if i == v.count { return nil }
        guard v[i] == 0x2E else { return i }
        i += 1
        let fraction = i
        while i < v.count && isDigit(v[i]) { i += 1 }
        guard i > fraction else { return i }
        return i == v.count ? nil : i
    }

    private static func proto(_ v: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let http: [UInt8] = [0x48, 0x54, 0x54, 0x50, 0x2F] // HTTP/
        var i = start
        for b in http {
            guard i < v.count, v[i] == b else { return i }
            i += 1
        }
        guard i < v.count else { return i }
        return first(in: UnsafeRawBufferPointer(rebasing: v[i...])) { !(isDigit($0) || $0 == 0x2E) }.map { $0 + i }
    }

    private static func request(_ v: UnsafeRawBufferPointer, status: Int) -> Int? {
        if v.isEmpty || (v.count == 1 && v[0] == 0x2D) { return nil }
        // A request nginx could not read is logged as the bytes that came.
        if status == 400 || status == 408 || status == 414 || status == 494 { return nil }
        var i = 0
        while i < v.count && isMethodByte(v[i]) { i += 1 }
        guard i > 0 else { return 0 }
        guard i < v.count, v[i] == 0x20 else { return i }
        i += 1
        let target = i
        while i < v.count && v[i] != 0x20 && v[i] != 0x22 { i += 1 }
        guard i > target else { return i }
        if i == v.count { return nil } // HTTP/0.9: no protocol
        guard v[i] == 0x20 else { return i }
        return proto(v, from: i + 1)
    }
}
