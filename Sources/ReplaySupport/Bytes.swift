#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte comparisons for the per-line path: the short ones (a log pattern's literal text, a
/// viewer id) inline, without a call into libc.
public enum Bytes {
    /// The value of a hex digit (either case), or nil.
    @inline(__always)
    package static func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    @inlinable @inline(__always)
    public static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count n: Int) -> Bool {
        if n > 16 { return memcmp(a, b, n) == 0 }
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// Bytewise order (a prefix first): negative, zero or positive.
    @inlinable @inline(__always)
    public static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    /// Where `byte` first is in base[start..<end]: eight bytes at a time for the first few
    /// words (most fields of a log line are short, and a call costs more than the search),
    /// then `memchr`.
    @inlinable @inline(__always)
    public static func find(_ byte: UInt8, in base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        var p = start
        var words = 0
        while p + 8 <= end {
            if words == 4 {
                guard let hit = memchr(base + p, Int32(byte), end - p) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
            let v = base.loadUnaligned(fromByteOffset: p, as: UInt64.self) ^ pattern
            // A zero byte of v is a match; the lowest flagged byte is the first true one.
            let flags = (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
            if flags != 0 { return p + flags.trailingZeroBitCount / 8 }
            p += 8
            words += 1
        }
        while p < end {
            if base.load(fromByteOffset: p, as: UInt8.self) == byte { return p }
            p += 1
        }
        return nil
    }

    /// Copies `n` bytes: short ones by words, inline (a call costs more than the copy), long
    /// ones with `memcpy`. The ranges must not overlap.
    @inlinable @inline(__always)
    public static func copy(to target: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count n: Int) {
        if n >= 8 && n <= 64 {
            var i = 0
            while i + 8 <= n {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i += 8
            }
            if i < n {
                // The last eight bytes, overlapping what is copied already.
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
            }
        } else if n < 8 {
            for i in 0..<n { target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self) }
        } else {
            memcpy(target, source, n)
        }
    }
}
