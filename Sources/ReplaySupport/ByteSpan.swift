/// Where some bytes lie in a buffer — a line, a batch's storage, an arena, a program's text —
/// as an offset and a count. It owns nothing and points at nothing: `bytes(in:)` views the
/// bytes of the buffer it was taken from, without copying, so that a span stays valid when the
/// buffer moves (an arena that grows) and costs eight bytes wherever it is kept.
///
/// Every slice replay takes of a buffer by offsets goes through `bytes(in:)`. Offsets fit in
/// 32 bits: a line is at most 1 GiB (`--max-line`), and a batch or an arena holds at most one
/// such line plus a few megabytes.
public struct ByteSpan: Equatable, Hashable, Sendable {
    @usableFromInline var offset: Int32
    @usableFromInline var length: Int32

    @inlinable @inline(__always)
    public init(start: Int, count: Int) {
        // Checked, in release builds too: an offset or a length past 32 bits stops the program
        // rather than making a span that points elsewhere (a compare each, off the hot loop's
        // critical path).
        offset = Int32(start)
        length = Int32(count)
    }

    /// No bytes, at the start.
    public static let empty = ByteSpan(start: 0, count: 0)
    /// No value at all (an absent viewer, no cache key), apart from an empty one.
    public static let none = ByteSpan(start: 0, count: -1)

    @inlinable @inline(__always) public var isNone: Bool { length < 0 }
    @inlinable @inline(__always) public var start: Int { Int(offset) }
    @inlinable @inline(__always) public var count: Int {
        get { Int(length) }
        set { length = Int32(newValue) }
    }
    @inlinable @inline(__always) public var end: Int { Int(offset) + Int(length) }

    /// The bytes the span marks in `buffer`, the buffer it was taken from.
    ///
    /// Safe because the span was made of offsets into this buffer, which holds them: checked in
    /// debug builds; in release builds the per-line path does not pay for it.
    @inlinable @inline(__always)
    public func bytes(in buffer: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        assert(length >= 0 && offset >= 0 && end <= buffer.count, "a span outside its buffer")
        guard let base = buffer.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + Int(offset), count: Int(length))
    }

    /// The bytes the span marks in `array`, for the duration of `body`.
    @inlinable @inline(__always)
    public func withBytes<T>(in array: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try array.withUnsafeBytes { try body(bytes(in: $0)) }
    }
}
