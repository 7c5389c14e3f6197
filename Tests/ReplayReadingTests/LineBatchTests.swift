import XCTest
@testable import ReplayReading

/// An oversized line's length comes from the input and may pass 2 GiB: it is kept in a field
/// of its own, not as a span's negative 32-bit count, which turned 2^31 + 1 into a positive
/// count of 2^31 - 1 (a "line" of 2 GiB read past the batch's storage).
final class LineBatchTests: XCTestCase {
    func testAnOversizedLinePast2GiBKeepsItsLength() {
        let batch = LineBatch(capacity: 64)
        let huge = (1 << 31) + 1
        Array("before".utf8).withUnsafeBytes { batch.append($0, number: 1) }
        batch.appendOversized(number: 2, length: huge)
        Array("after".utf8).withUnsafeBytes { batch.append($0, number: 3) }
        var seen: [(Int, String, Int?)] = []
        batch.forEachLine { bytes, number, oversized in seen.append((number, String(decoding: bytes, as: UTF8.self), oversized)) }
        XCTAssertEqual(seen.map(\.0), [1, 2, 3])
        XCTAssertEqual(seen.map(\.1), ["before", "", "after"])
        XCTAssertEqual(seen.map(\.2), [nil, huge, nil])
    }

    func testAnOversizedLineOf4GiBAndMoreToo() {
        let batch = LineBatch(capacity: 16)
        batch.appendOversized(number: 7, length: (1 << 32) + 5)
        var lengths: [Int?] = []
        batch.forEachLine { _, _, oversized in lengths.append(oversized) }
        XCTAssertEqual(lengths, [(1 << 32) + 5])
    }
}
