import XCTest
@testable import ReplayParsing
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplaySupport

final class RuleProgramTests: XCTestCase {
    var program: RuleProgram!

    override func setUpWithError() throws {
        program = RuleProgram([
        Rule(name: "posts", methods: ["POST"], paths: [try PathTemplate("/account/")], statuses: [200], subject: .viewer, fields: []),
        Rule(name: "pages", methods: ["GET"], paths: [try PathTemplate("/account/"), try PathTemplate("/u/{id}/**")],
             statuses: [200, 304], subject: .viewer, fields: []),
        Rule(name: "heads", methods: ["GET", "HEAD"], paths: [try PathTemplate("/h/*")], statuses: [200], subject: .viewer, fields: []),
        ])
    }

    /// The rule and HEAD flag for `METHOD PATH` with `status`, and the first capture.
    func match(_ method: String, _ path: String, _ status: Int) -> String? {
        var bytes = Array((method + " " + path).utf8)
        var captures = [ByteSpan](repeating: .empty, count: program.slotCount)
        return bytes.withUnsafeMutableBytes { raw -> String? in
            let line = UnsafeRawBufferPointer(raw)
            let m = method.utf8.count
            let found = captures.withUnsafeMutableBufferPointer { c in
                program.match(status: status, method: ByteSpan(start: 0, count: m), path: ByteSpan(start: m + 1, count: line.count - m - 1),
                              in: line, captures: c.baseAddress!)
            }
            guard let found else { return nil }
            let capture = found.rule == 1 && path.hasPrefix("/u/") ? " " + String(decoding: line[captures[0].start..<captures[0].end], as: UTF8.self) : ""
            return "\(found.rule)\(found.head ? " head" : "")" + capture
        }
    }

    func testFirstRuleWhoseStatusMethodAndPathFit() {
        XCTAssertEqual(match("POST", "/account/", 200), "0")
        XCTAssertEqual(match("GET", "/account/", 200), "1")
        XCTAssertEqual(match("GET", "/account/", 304), "1")
        XCTAssertNil(match("POST", "/account/", 304), "a status no rule lists")
        XCTAssertNil(match("PUT", "/account/", 200))
        XCTAssertNil(match("GETX", "/account/", 200))
        XCTAssertNil(match("GET", "/account/", -1))
        XCTAssertNil(match("GET", "/account/", 999))
        XCTAssertEqual(match("GET", "/u/42/a/b", 200), "1 42", "the second path of a rule, with its capture")
    }

    func testHeadRendersAGetRulesPageUnlessTheRuleListsHead() {
        XCTAssertEqual(match("HEAD", "/account/", 200), "1 head")
        XCTAssertEqual(match("HEAD", "/h/x", 200), "2", "a rule that lists HEAD takes it as itself")
        XCTAssertNil(match("HEAD", "/h/", 200))
    }
}
