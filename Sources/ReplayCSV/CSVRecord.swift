/// One record of a CSV file as `CSVReader` reads it: its cells' bytes (quotes
/// undone) in a buffer reused from record to record, valid for the duration of the call, so
/// that a large file is read without a String per cell.
package struct CSVRecord {
    let bytes: UnsafeRawBufferPointer
    let ends: UnsafeBufferPointer<Int>

    package var count: Int { ends.count }

    /// The bytes of cell `i`.
    package subscript(_ i: Int) -> UnsafeRawBufferPointer {
        // Safe because `ends` holds the cells' ends in `bytes`, rising, the last at its count.
        UnsafeRawBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
    }

    package func string(_ i: Int) -> String {
        String(decoding: self[i], as: UTF8.self)
    }

    package var strings: [String] { (0..<count).map(string) }

    /// Whether cell `i` holds exactly `value`.
    package func cell(_ i: Int, is value: [UInt8]) -> Bool {
        i < count && self[i].elementsEqual(value)
    }
}
