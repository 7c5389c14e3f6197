import XCTest
@testable import ReplaySupport

final class BytesTests: XCTestCase {
    func testFindAgreesWithALinearSearch() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...90, using: &generator)).map { _ in UInt8.random(in: 0x20...0x24, using: &generator) }
            let start = Int.random(in: 0...bytes.count, using: &generator)
            let end = Int.random(in: start...bytes.count, using: &generator)
            for byte: UInt8 in [0x20, 0x22, 0x24, 0x80] {
                let expected = bytes[start..<end].firstIndex(of: byte)
                let found = bytes.withUnsafeBytes { Bytes.find(byte, in: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, from: start, to: end) }
                XCTAssertEqual(found, expected, "\(bytes) \(start)..<\(end) \(byte)")
            }
        }
    }

    func testCompareIsBytewiseWithAPrefixFirst() {
        func compare(_ a: String, _ b: String) -> Int {
            Array(a.utf8).withUnsafeBytes { x in Array(b.utf8).withUnsafeBytes { y in Bytes.compare(x, y) } }
        }
        XCTAssertLessThan(compare("ab", "abc"), 0)
        XCTAssertGreaterThan(compare("b", "abc"), 0)
        XCTAssertEqual(compare("", ""), 0)
        XCTAssertLessThan(compare("Z", "a"), 0)
        XCTAssertGreaterThan(compare("ä", "z"), 0, "UTF-8 bytes, not characters")
    }

    func testCopyOfEveryLength() {
        let source = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
        for n in 0...200 {
            var target = [UInt8](repeating: 0, count: 210)
            source.withUnsafeBytes { s in target.withUnsafeMutableBytes { t in Bytes.copy(to: t.baseAddress! + 3, from: s.baseAddress!, count: n) } }
            XCTAssertEqual(Array(target[3..<3 + n]), Array(source[0..<n]), "\(n) bytes")
            XCTAssertEqual(Array(target[0..<3]) + Array(target[(3 + n)...]), [UInt8](repeating: 0, count: 210 - n), "nothing beside them, \(n)")
        }
    }
}
