/// One record of a CSV file as `CSVTable.forEachRecord` reads it: its cells' bytes (quotes
/// undone) in a buffer reused from record to record, valid for the duration of the call, so
/// that a large file is read without a String per cell.
public struct CSVRecord {
    let bytes: UnsafeRawBufferPointer
    let ends: UnsafeBufferPointer<Int>

    public var count: Int { ends.count }

    /// The bytes of cell `i`.
    public subscript(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
    }

    public func string(_ i: Int) -> String {
        String(decoding: self[i], as: UTF8.self)
    }

    public var strings: [String] { (0..<count).map(string) }
}
