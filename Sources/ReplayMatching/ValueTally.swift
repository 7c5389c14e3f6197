import ReplaySupport

/// Counts a few distinct short values (cache statuses no list names) without allocating per
/// line: the first `limit` distinct values are kept, the rest counted together.
package struct ValueTally: Sendable {
    static let limit = 16

    package private(set) var values: [[UInt8]] = []
    package private(set) var counts: [Int] = []
    package private(set) var others = 0
    /// The value counted last: statuses come in runs.
    private var last = 0

    package init() {}

    package mutating func count(_ value: UnsafeRawBufferPointer) {
        if last < values.count, Self.same(values[last], value) {
            counts[last] += 1
            return
        }
        for i in values.indices where Self.same(values[i], value) {
            counts[i] += 1
            last = i
            return
        }
        if values.count < Self.limit {
            values.append(Array(value))
            counts.append(1)
        } else {
            others += 1
        }
    }

    @inline(__always)
    private static func same(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && a.withUnsafeBytes { Bytes.compare($0, b) == 0 }
    }

    /// Adds another tally's counts (from another thread's matcher).
    package mutating func add(_ other: ValueTally) {
        for (value, n) in zip(other.values, other.counts) {
            if let i = values.firstIndex(of: value) { counts[i] += n } else if values.count < Self.limit {
                values.append(value)
                counts.append(n)
            } else {
                others += n
            }
        }
        others += other.others
    }

    /// The values as text (`\xHH` for bytes that are not printable ASCII), with their counts.
    package var entries: [(value: String, count: Int)] {
        zip(values, counts).map { (IdText.escaped($0.0), $0.1) }
    }
}
