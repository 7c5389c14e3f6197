import XCTest
@testable import ReplaySupport
@testable import ReplayParsing
@testable import ReplayIncident
@testable import ReplayPipeline

/// The shapes of logged values (README: "Values and their shapes"), each accepting what nginx
/// writes and refusing what a shifted field puts there.
final class FieldShapeTests: XCTestCase {
    func violation(_ name: String, _ value: String, quoted: Bool = false, escape: EscapeMode = .default, status: Int = 200) -> Int? {
        let bytes = Array(value.utf8)
        return bytes.withUnsafeBytes { FieldShape.of(name, quoted: quoted, escape: escape).violation($0, status: status) }
    }

    func testWhatNginxWritesFits() {
        XCTAssertNil(violation("status", "200"))
        XCTAssertNil(violation("body_bytes_sent", "0"))
        XCTAssertNil(violation("msec", "1451073001.123"))
        XCTAssertNil(violation("request_time", "0.004"))
        XCTAssertNil(violation("upstream_response_time", "0.001, 0.250 : 0.003"))
        XCTAssertNil(violation("upstream_response_time", "-"))
        XCTAssertNil(violation("remote_addr", "10.2.157.210"))
        XCTAssertNil(violation("remote_addr", "2001:db8::1"))
        XCTAssertNil(violation("remote_addr", "fe80::1%eth0"))
        XCTAssertNil(violation("remote_addr", "unix:"))
        XCTAssertNil(violation("upstream_cache_status", "MISS"))
        XCTAssertNil(violation("upstream_cache_status", "-"))
        XCTAssertNil(violation("request", "GET /account/?a=1 HTTP/1.1", quoted: true))
        XCTAssertNil(violation("request", "GET /", quoted: true), "HTTP/0.9 has no protocol")
        XCTAssertNil(violation("request", "", quoted: true), "nginx read no request line")
        XCTAssertNil(violation("request", "\\x16\\x03\\x01", quoted: true, status: 400), "a bad request logs the bytes that came")
        XCTAssertNil(violation("request_method", "PROPFIND"))
        XCTAssertNil(violation("server_protocol", "HTTP/2.0"))
        XCTAssertNil(violation("cookie_uid", "u00199"))
        XCTAssertNil(violation("http_user_agent", "Mozilla/5.0 (X11)", quoted: true))
        XCTAssertNil(violation("http_user_agent", "Mozilla/5.0 (X11)"), "a header can hold spaces, quoted or not")
        XCTAssertNil(violation("time_local", "25/Dec/2015:11:50:00 -0800"))
        XCTAssertNil(violation("http_user_agent", #"say \"hi\""#, quoted: true, escape: .json))
    }

    func testAShiftedFieldDoesNot() {
        XCTAssertEqual(violation("status", "200 512"), 3, "two fields in one: the byte where it breaks")
        XCTAssertEqual(violation("status", "20"), 2)
        XCTAssertEqual(violation("body_bytes_sent", "\"-\""), 0)
        XCTAssertEqual(violation("msec", "1451073001"), nil, "whole seconds are seconds")
        XCTAssertEqual(violation("msec", "1451073001.x"), 11)
        XCTAssertEqual(violation("remote_addr", "-"), 0)
        XCTAssertEqual(violation("cookie_uid", #""u01""#), 0, "a raw quote: nginx escapes quotes")
        XCTAssertEqual(violation("cookie_uid", "u01 cache=HIT"), 3, "a space where the value cannot hold one")
        XCTAssertEqual(violation("request", "GET /a b HTTP/1.1", quoted: true), 7)
        XCTAssertEqual(violation("request", "get /a HTTP/1.1", quoted: true), 0)
        XCTAssertEqual(violation("upstream_cache_status", "HIT uid=u1"), 3)
        XCTAssertEqual(violation("http_user_agent", #"a "b"#), 2, "unquoted, a raw quote means the fields are off")
    }

    func testNodeNamesThatLookLikeDates() {
        for name in ["2024-03-05", "20240305", "2024-03", "19", "7", "2024_03_05", "2024.03.05", "2015"] {
            XCTAssertTrue(NodeSource.looksLikeDate(name), name)
        }
        for name in ["edge1", "edge-sjc", "a19", "2024-03-05-edge", "3019"] {
            XCTAssertFalse(NodeSource.looksLikeDate(name), name)
        }
    }

    func testIdsThatAreNotUTF8StayApart() {
        XCTAssertEqual(IdText.escaped(Array("u00199".utf8)), "u00199")
        XCTAssertEqual(IdText.escaped(Array("Müller".utf8)), "Müller")
        XCTAssertEqual(IdText.escaped([0x61, 0xFF]), "a\\xFF")
        XCTAssertEqual(IdText.escaped([0x61, 0xFE]), "a\\xFE")
        XCTAssertEqual(IdText.escaped(Array("a\\b".utf8)), "a\\x5Cb", "a backslash is escaped, so that a\\xFF written by hand stays apart")
        XCTAssertNotEqual(IdText.escaped(Array("a\\xFF".utf8)), IdText.escaped([0x61, 0xFF]))
        XCTAssertEqual(IdText.escaped([0xC3, 0xA4, 0xC3]), "ä\\xC3", "a cut character")
    }

    /// Controls and bidirectional controls never reach an output raw, and read back exactly.
    func testControlsAndBidirectionalControlsAreWrittenAsEscapes() {
        XCTAssertEqual(IdText.escaped(Array("a\u{0}b\nc\u{7F}".utf8)), "a\\x00b\\x0Ac\\x7F")
        XCTAssertEqual(IdText.escaped(Array("user\u{202E}gpj.exe".utf8)), "user\\x{202E}gpj.exe")
        XCTAssertEqual(IdText.escaped(Array("\u{61C}\u{200F}\u{2066}".utf8)), "\\x{61C}\\x{200F}\\x{2066}")
        XCTAssertEqual(IdText.escaped(Array("\u{2014}\u{2028}".utf8)), "\u{2014}\u{2028}", "other E2 characters are as they are")
        XCTAssertEqual(IdText.safe("C:\\dir\tname\u{202E}"), "C:\\dir\\x09name\\x{202E}", "a value keeps its backslash")
        for id: [UInt8] in [Array("a\u{0}b\u{202E}c\\x{202E}".utf8), [0x61, 0xFF, 0x5C, 0x0A], Array("CORP\\alice".utf8)] {
            XCTAssertEqual(IdText.unescaped(IdText.escaped(id)), id, "\(IdText.escaped(id)) reads back")
        }
    }

    func testDirNTakesTheFolderAbove() throws {
        XCTAssertEqual(try LogInput.folderName(of: "logs/edge1/2015-12-25/x.gz", located: "logs/edge1/2015-12-25/x.gz", levels: 2), "edge1")
        XCTAssertEqual(try LogInput.folderName(of: "./logs/edge1/19/x.gz", located: "./logs/edge1/19/x.gz", levels: 2), "edge1")
        XCTAssertThrowsError(try LogInput.folderName(of: "19/x.gz", located: "19/x.gz", levels: 2)) {
            XCTAssertTrue("\($0)".contains("log.node is dir:2, but this path has fewer than 2 folders"))
        }
    }
}
