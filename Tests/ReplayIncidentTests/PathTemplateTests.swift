import XCTest
@testable import ReplayParsing
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplaySupport

final class PathTemplateTests: XCTestCase {
    /// The captures of `path` against `template`, or nil when it does not match.
    func match(_ template: String, _ path: String) throws -> [String]? {
        let t = try PathTemplate(template)
        let program = RuleProgram([Rule(name: "r", methods: ["GET"], paths: [t], statuses: [200], subject: .viewer, fields: [])])
        var bytes = Array(("GET" + path).utf8)
        var captures = [ByteSpan](repeating: .empty, count: program.slotCount)
        return bytes.withUnsafeMutableBytes { raw -> [String]? in
            let line = UnsafeRawBufferPointer(raw)
            let found = captures.withUnsafeMutableBufferPointer { c in
                program.match(status: 200, method: ByteSpan(start: 0, count: 3), path: ByteSpan(start: 3, count: line.count - 3), in: line,
                              captures: c.baseAddress!)
            }
            guard found != nil else { return nil }
            return t.captureNames.indices.map { String(decoding: line[captures[$0].start..<captures[$0].end], as: UTF8.self) }
        }
    }

    func testLiteralPaths() throws {
        XCTAssertEqual(try match("/account/", "/account/"), [])
        XCTAssertNil(try match("/account/", "/account"))
        XCTAssertNil(try match("/account/", "/account/x"))
        XCTAssertNil(try match("/account/", "/accounts/"))
        XCTAssertEqual(try match("/", "/"), [])
        XCTAssertNil(try match("/", "/x"))
    }

    func testCapturesAndWildcards() throws {
        XCTAssertEqual(try match("/sellers/{seller}/profile", "/sellers/s%C3%A41/profile"), ["s%C3%A41"])
        XCTAssertNil(try match("/sellers/{seller}/profile", "/sellers//profile"), "a capture is never empty")
        XCTAssertNil(try match("/sellers/{seller}/profile", "/sellers/a/b/profile"))
        XCTAssertEqual(try match("/u/{id}/*/x", "/u/7/anything/x"), ["7"])
        XCTAssertEqual(try match("/static/**", "/static/"), [])
        XCTAssertEqual(try match("/static/**", "/static"), [])
        XCTAssertEqual(try match("/static/**", "/static/a/b/c.js"), [])
        XCTAssertNil(try match("/static/**", "/statics/a"))
        XCTAssertEqual(try match("/{a}/{b}", "/x/y"), ["x", "y"])
    }

    func testBadTemplates() {
        XCTAssertThrowsError(try PathTemplate("account"))
        XCTAssertThrowsError(try PathTemplate("/a/**/b"))
        XCTAssertThrowsError(try PathTemplate("/a/x{id}"))
        XCTAssertThrowsError(try PathTemplate("/{id}/{id}"))
    }

    func testCaptureTemplates() throws {
        XCTAssertEqual(try CaptureTemplate("{seller}").parts, [.capture("seller")])
        XCTAssertEqual(try CaptureTemplate("shop-{id}").parts, [.text("shop-"), .capture("id")])
        XCTAssertThrowsError(try CaptureTemplate("viewer"))
        XCTAssertThrowsError(try CaptureTemplate("{open"))
    }

    func testPercentDecodingOfCaptures() {
        XCTAssertEqual(PercentDecoding.decode(Array("J%C3%BCrgen%2x".utf8)), Array("Jürgen%2x".utf8))
    }
}
