/// Parses one log's time values, reusing the last result while the second repeats (most
/// lines of a busy log share their second with the line before).
package struct TimeParser {
    package let format: TimeFormat
    private var lastBytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var lastCount = -1
    private var lastValue: Int64 = 0

    package init(format: TimeFormat) {
        self.format = format
    }

    /// UTC milliseconds, or nil when the value is not a time of the log's form.
    package mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard format != .msec, bytes.count <= 32 else { return format.parse(bytes) }
        var key: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: bytes) }
        if bytes.count == lastCount && key == lastBytes { return lastValue }
        guard let value = format.parse(bytes) else { return nil }
        lastBytes = key
        lastCount = bytes.count
        lastValue = value
        return value
    }
}
