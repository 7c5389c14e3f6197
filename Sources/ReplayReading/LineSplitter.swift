#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a stream of bytes into lines with `memchr`, across the pieces it is fed. Owns one
/// buffer of the line limit plus some room; a longer line is skipped, not held. It cannot be
/// copied: the buffer is freed once, with it.
struct LineSplitter: ~Copyable {
    private let buffer: UnsafeMutableRawBufferPointer
    private let spare: Int
    private let maxLineLength: Int
    private var filled = 0
    private var lineStart = 0
    private var skipping = false
    private var skippedLength = 0
    /// Lines completed so far (delivered or rejected as oversized).
    private(set) var lineCount = 0

    init(maxLineLength: Int, spare: Int) {
        self.maxLineLength = maxLineLength
        self.spare = spare
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: maxLineLength + 1 + spare, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Where the next bytes go; at least `spare` bytes long.
    var freeSpace: UnsafeMutableRawBufferPointer {
        // Safe because `filled` never passes the buffer's end.
        UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
    }

    /// Takes `count` bytes just written into `freeSpace` and delivers the lines they complete.
    mutating func commit<Sink: LineSink>(_ count: Int, into sink: inout Sink) {
        guard count > 0 else { return }
        let base = buffer.baseAddress!
        var scan = filled
        filled += count
        while scan < filled, let hit = memchr(base + scan, 0x0A, filled - scan) {
            let end = base.distance(to: UnsafeMutableRawPointer(hit))
            deliver(end: end, into: &sink)
            lineStart = end + 1
            scan = lineStart
        }
        let partial = filled - lineStart
        if skipping {
            skippedLength += partial
            filled = 0; lineStart = 0
        } else if partial > maxLineLength {
            skipping = true
            skippedLength = partial
            filled = 0; lineStart = 0
        } else if buffer.count - filled < spare {
            if partial > 0 { memmove(base, base + lineStart, partial) }
            filled = partial; lineStart = 0
        }
    }

    /// The end of the input: an unterminated last line is still a line.
    mutating func finish<Sink: LineSink>(into sink: inout Sink) {
        if skipping || filled > lineStart { deliver(end: filled, into: &sink) }
        filled = 0; lineStart = 0
    }

    /// The input broke: forgets an unfinished line and says how many bytes it had.
    mutating func abandon() -> Int {
        let dropped = skipping ? skippedLength + filled - lineStart : filled - lineStart
        filled = 0; lineStart = 0; skipping = false
        return dropped
    }

    @inline(__always)
    private mutating func deliver<Sink: LineSink>(end: Int, into sink: inout Sink) {
        lineCount += 1
        let length = end - lineStart
        if skipping {
            sink.oversizedLine(number: lineCount, length: skippedLength + length)
            skipping = false
            skippedLength = 0
            return
        }
        var contentEnd = end
        if contentEnd > lineStart && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        if contentEnd - lineStart > maxLineLength {
            sink.oversizedLine(number: lineCount, length: length)
        } else {
            // Safe because `lineStart` ≤ `contentEnd` ≤ `filled` ≤ the buffer's count.
            sink.line(UnsafeRawBufferPointer(rebasing: buffer[lineStart..<contentEnd]), number: lineCount)
        }
    }
}
