/// Receives the lines of one input file, in order.
package protocol LineSink {
    /// A complete line without its `\n` (and without a `\r` before it). The bytes are only
    /// valid during the call. Lines count from 1 per file, across gzip members.
    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int)
    /// A line longer than the limit, skipped in bounded memory.
    mutating func oversizedLine(number: Int, length: Int)
    /// `count` more bytes of the file were read from disk (for progress).
    mutating func readBytes(_ count: Int)
    /// Gzip member `member` begins; `firstLine` is the first line holding any of its bytes.
    mutating func memberBegins(_ member: Int, firstLine: Int)
    /// Gzip member `member` ended and passed its CRC and length checks.
    mutating func memberPassed(_ member: Int)
    /// Whether the reader may stop early (checked between chunks, not per line).
    var isDone: Bool { get }
}

extension LineSink {
    package mutating func readBytes(_ count: Int) {}
    package mutating func memberBegins(_ member: Int, firstLine: Int) {}
    package mutating func memberPassed(_ member: Int) {}
    package var isDone: Bool { false }
}
