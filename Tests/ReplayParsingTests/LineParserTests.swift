import XCTest
@testable import ReplayParsing

final class LineParserTests: XCTestCase {
    static let spec = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" cache=$upstream_cache_status uid=$cookie_uid host=$host"#

    /// Parses `line` and returns the decoded value of every field by variable name.
    func fields(_ line: String, pattern: String = spec, escape: EscapeMode = .default) throws -> [String: String] {
        let p = try LogPattern(pattern, escape: escape)
        let parser = LineParser(pattern: p)
        var bytes = Array(line.utf8)
        return try bytes.withUnsafeMutableBytes { raw -> [String: String] in
            let buffer = UnsafeRawBufferPointer(raw)
            if let rejection = parser.parse(buffer) { throw rejection }
            var out: [String: String] = [:]
            for (i, field) in p.fields.enumerated() {
                let span = parser.span(i)
                var value: [UInt8] = []
                ValueDecoder.decode(UnsafeRawBufferPointer(rebasing: buffer[span.start..<span.end]), mode: escape, into: &value)
                out[field.name] = String(decoding: value, as: UTF8.self)
            }
            return out
        }
    }

    func rejection(_ line: String, pattern: String = spec) throws -> LineRejection? {
        let parser = LineParser(pattern: try LogPattern(pattern))
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBytes { parser.parse(UnsafeRawBufferPointer($0)) }
    }

    func testCompilesVariablesAndText() throws {
        let p = try LogPattern(#"${remote_addr}-x [$time_local] "$request""#)
        XCTAssertEqual(p.prefix, [])
        XCTAssertEqual(p.fields.map(\.name), ["remote_addr", "time_local", "request"])
        XCTAssertEqual(p.fields.map(\.quoted), [false, false, true])
        XCTAssertEqual(p.fields[0].following, Array("-x [".utf8))
        XCTAssertThrowsError(try LogPattern("$a$b"))
        XCTAssertThrowsError(try LogPattern("no variables"))
        XCTAssertEqual(try LogPattern("combined").fields.map(\.name),
                       ["remote_addr", "remote_user", "time_local", "request", "status", "body_bytes_sent", "http_referer", "http_user_agent"])
        XCTAssertEqual(try LogPattern("main").fields.last?.name, "http_x_forwarded_for")
    }

    func testEscapedQuoteAndBackslashInsideUserAgent() throws {
        let f = try fields(#"1.2.3.4 - - [25/Dec/2015:11:50:03 -0800] "GET /a HTTP/1.1" 200 5 "-" "Mozilla \x22quoted\x22 C:\x5Cpath" cache=HIT uid=7 host=shop"#)
        XCTAssertEqual(f["http_user_agent"], #"Mozilla "quoted" C:\path"#)
        XCTAssertEqual(f["upstream_cache_status"], "HIT")
        XCTAssertEqual(f["cookie_uid"], "7")
    }

    func testUserAgentCannotBecomeOtherFields() throws {
        let f = try fields(#"1.2.3.4 - - [25/Dec/2015:11:50:03 -0800] "GET /a HTTP/1.1" 200 5 "-" "evil uid=1 cache=HIT host=x" cache=MISS uid=alice host=shop"#)
        XCTAssertEqual(f["http_user_agent"], "evil uid=1 cache=HIT host=x")
        XCTAssertEqual(f["upstream_cache_status"], "MISS")
        XCTAssertEqual(f["cookie_uid"], "alice")
        XCTAssertEqual(f["host"], "shop")
        // Even an escaped quote followed by the next field's text stays inside the value.
        let g = try fields(#"1.2.3.4 - - [25/Dec/2015:11:50:03 -0800] "GET /a HTTP/1.1" 200 5 "-" "x\x22 cache=HIT uid=1 host=evil" cache=MISS uid=alice host=shop"#)
        XCTAssertEqual(g["http_user_agent"], #"x" cache=HIT uid=1 host=evil"#)
        XCTAssertEqual(g["cookie_uid"], "alice")
    }

    func testUTF8EscapedBytesEitherCase() throws {
        let f = try fields(#"1.2.3.4 - J\xC3\xA4ger [25/Dec/2015:11:50:03 -0800] "GET /a HTTP/1.1" 200 5 "-" "M\xc3\xbcller" cache=HIT uid=7 host=shop"#)
        XCTAssertEqual(f["remote_user"], "Jäger")
        XCTAssertEqual(f["http_user_agent"], "Müller")
    }

    func testJSONEscapeMode() throws {
        let pattern = #"{"t":"$time_iso8601","r":"$request","s":$status,"ua":"$http_user_agent","uid":"$cookie_uid"}"#
        let line = #"{"t":"2015-12-25T11:50:03-08:00","r":"GET /a HTTP/1.1","s":200,"ua":"say \"hi\" \\ \u00e4 \ud83d\ude00 tab\t","uid":"bob"}"#
        let f = try fields(line, pattern: pattern, escape: .json)
        XCTAssertEqual(f["http_user_agent"], "say \"hi\" \\ ä 😀 tab\t")
        XCTAssertEqual(f["cookie_uid"], "bob")
        XCTAssertEqual(f["status"], "200")
    }

    func testLinesThatDoNotFitAreRejectedWithFieldAndByte() throws {
        XCTAssertEqual(try rejection(""), LineRejection(field: "line", byte: 0, reason: "empty line"))
        let r = try rejection(#"1.2.3.4 - - [25/Dec/2015:11:50:03 -0800] "GET /a HTTP/1.1" 200"#)
        XCTAssertEqual(r?.field, "$status")
        XCTAssertEqual(r?.byte, 59, "where the status begins")
        let q = try rejection(#"1.2.3.4 - - [25/Dec/2015:11:50:03 -0800] "GET /a HTTP/1.1 200 5"#)
        XCTAssertEqual(q?.field, "$request")
        let p = try rejection(#"x"#, pattern: #"[$time_local] $status"#)
        XCTAssertEqual(p?.field, "line")
        XCTAssertEqual(p?.byte, 0)
    }

    /// Lines built from random values, escaped as nginx escapes them, parse back to the values.
    func testRandomValuesRoundTripThroughNginxEscaping() throws {
        var rng = SplitMix64(seed: 20151225)
        let pattern = #"[$time_local] "$request" $status "$http_user_agent" "$http_referer" uid=$cookie_uid"#
        for mode in [EscapeMode.default, .json] {
            let p = try LogPattern(pattern, escape: mode)
            let parser = LineParser(pattern: p)
            for _ in 0..<2000 {
                let request = randomBytes(&rng, maxLength: 40)
                let agent = randomBytes(&rng, maxLength: 80)
                let referer = randomBytes(&rng, maxLength: 20)
                let uid = (0..<Int(rng.next() % 12 + 1)).map { _ in UInt8(0x61 + rng.next() % 26) }
                var line = Array("[25/Dec/2015:11:50:03 -0800] \"".utf8)
                // Status 400: nginx logs whatever bytes came as the request (any shape).
                line += NginxEscaping.escape(request, mode: mode) + Array("\" 400 \"".utf8)
                line += NginxEscaping.escape(agent, mode: mode) + Array("\" \"".utf8)
                line += NginxEscaping.escape(referer, mode: mode) + Array("\" uid=".utf8) + uid
                try line.withUnsafeBytes { buffer in
                    if let r = parser.parse(buffer) { XCTFail("\(mode) rejected: \(r)"); throw r }
                    func value(_ i: Int) -> [UInt8] {
                        var out: [UInt8] = []
                        let s = parser.span(i)
                        ValueDecoder.decode(UnsafeRawBufferPointer(rebasing: buffer[s.start..<s.end]), mode: mode, into: &out)
                        return out
                    }
                    // nginx logs an empty value as `-` in the default mode.
                    func logged(_ v: [UInt8]) -> [UInt8] { v.isEmpty && mode == .default ? [0x2D] : v }
                    XCTAssertEqual(value(1), logged(request))
                    XCTAssertEqual(value(3), logged(agent))
                    XCTAssertEqual(value(4), logged(referer))
                    XCTAssertEqual(value(5), uid)
                }
            }
        }
    }

    func randomBytes(_ rng: inout SplitMix64, maxLength: Int) -> [UInt8] {
        let n = Int(rng.next() % UInt64(maxLength + 1))
        // Biased towards the bytes that matter: quotes, backslashes, spaces, `x`, digits.
        let interesting: [UInt8] = [0x22, 0x5C, 0x20, 0x78, 0x30, 0x41, 0x7B, 0x0A, 0x00, 0xC3, 0xA4, 0x75]
        return (0..<n).map { _ in
            rng.next() % 2 == 0 ? interesting[Int(rng.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: rng.next())
        }
    }
}

/// A small seeded generator, so that a failure repeats.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// nginx's escaping of variable values in access logs (ngx_http_log_escape and the JSON mode).
enum NginxEscaping {
    static func escape(_ value: [UInt8], mode: EscapeMode) -> [UInt8] {
        if value.isEmpty && mode == .default { return [0x2D] }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in value {
            switch mode {
            case .default:
                if b == 0x22 || b == 0x5C || b < 0x20 || b > 0x7E {
                    out += [0x5C, 0x78, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                } else { out.append(b) }
            case .json:
                switch b {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x08: out += [0x5C, 0x62]
                case 0x0C: out += [0x5C, 0x66]
                case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                default: out.append(b)
                }
            case .none:
                out.append(b)
            }
        }
        return out
    }
}
