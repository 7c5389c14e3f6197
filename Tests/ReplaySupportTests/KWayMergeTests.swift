import XCTest
@testable import ReplaySupport

final class KWayMergeTests: XCTestCase {
    func testMergesSortedListsEqualHeadsInListOrder() {
        let lists: [[Int]] = [[1, 4, 4, 9], [], [2, 4, 10, 11, 12], [0, 4]]
        var merged: [(Int, Int)] = []
        KWayMerge.merge(counts: lists.map(\.count), compare: { a, i, b, j in lists[a][i] - lists[b][j] }, emit: { l, i in
            merged.append((l, lists[l][i]))
        })
        XCTAssertEqual(merged.map(\.1), [0, 1, 2, 4, 4, 4, 4, 9, 10, 11, 12])
        XCTAssertEqual(merged.filter { $0.1 == 4 }.map(\.0), [0, 0, 2, 3], "equal values come out in list order")
    }

    func testInternerOrderAgreesWithBytewiseOrder() {
        var generator = SystemRandomNumberGenerator()
        let interner = ByteInterner(capacity: 16)
        var strings: [[UInt8]] = [[], [0], [0, 0], [0x61], [0x61, 0], Array("anon:10.0.0.1".utf8), Array("anon:10.0.0.12".utf8)]
        for _ in 0..<500 {
            strings.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in UInt8.random(in: 0...3, using: &generator) })
        }
        let ids = strings.map { s in s.withUnsafeBytes { interner.intern($0) } }
        let byInterner = Array(Set(ids)).sorted { a, b in
            let ka = interner.prefixKey(a), kb = interner.prefixKey(b)
            return ka != kb ? ka < kb : interner.precedes(a, b)
        }
        let bytewise = Array(Set(strings)).sorted { $0.lexicographicallyPrecedes($1) }
        XCTAssertEqual(byInterner.map { id in interner.withBytes(id) { Array($0) } }, bytewise)
    }
}
