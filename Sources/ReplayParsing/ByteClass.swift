/// Classes of bytes, as bits of a table read once per byte: the shape checks of logged values
/// (`FieldShape`) test each byte with one load and one mask, without branches per class.
package enum ByteClass {
    package static let digit: UInt16 = 1 << 0
    package static let hexLetter: UInt16 = 1 << 1
    static let letter: UInt16 = 1 << 2
    /// Upper-case letters, `_` and `-`: what a method is made of.
    static let methodByte: UInt16 = 1 << 3
    package static let space: UInt16 = 1 << 4
    static let quote: UInt16 = 1 << 5
    package static let point: UInt16 = 1 << 6
    package static let colon: UInt16 = 1 << 7
    static let comma: UInt16 = 1 << 8
    static let dash: UInt16 = 1 << 9
    static let underscore: UInt16 = 1 << 10
    static let percent: UInt16 = 1 << 11

    /// The classes of each byte value (never freed: one table for the process).
    /// `nonisolated(unsafe)` is safe because the table is written once, by the lazy
    /// initializer (which Swift runs once, thread-safely), and only read after.
    package nonisolated(unsafe) static let table: UnsafePointer<UInt16> = {
        let t = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for b in 0x30...0x39 { t[b] |= digit }
        for b in 0x41...0x46 { t[b] |= hexLetter }
        for b in 0x61...0x66 { t[b] |= hexLetter }
        for b in 0x41...0x5A { t[b] |= letter | methodByte }
        for b in 0x61...0x7A { t[b] |= letter }
        t[0x5F] |= methodByte | underscore
        t[0x2D] |= methodByte | dash
        t[0x20] |= space
        t[0x22] |= quote
        t[0x2E] |= point
        t[0x3A] |= colon
        t[0x2C] |= comma
        t[0x25] |= percent
        return UnsafePointer(t)
    }()

    /// The first of `count` bytes at `v` with none of the classes in `allowed`; `t` is
    /// `table`, which callers on the per-line path keep at hand (a static is read through a
    /// lazy-initialisation check).
    @inline(__always)
    static func firstOutside(_ v: UnsafeRawPointer, _ count: Int, _ allowed: UInt16, _ t: UnsafePointer<UInt16> = table) -> Int? {
        var i = 0
        while i < count {
            if t[Int(v.load(fromByteOffset: i, as: UInt8.self))] & allowed == 0 { return i }
            i += 1
        }
        return nil
    }

    /// The first of `count` bytes at `v` with one of the classes in `forbidden`.
    @inline(__always)
    static func firstInside(_ v: UnsafeRawPointer, _ count: Int, _ forbidden: UInt16, _ t: UnsafePointer<UInt16> = table) -> Int? {
        var i = 0
        while i < count {
            if t[Int(v.load(fromByteOffset: i, as: UInt8.self))] & forbidden != 0 { return i }
            i += 1
        }
        return nil
    }

    /// The first space or quote in `count` bytes at `v`, eight bytes at a time.
    @inline(__always)
    static func firstSpaceOrQuote(_ v: UnsafeRawPointer, _ count: Int) -> Int? {
        var i = 0
        while i + 8 <= count {
            let w = v.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let s = w ^ 0x2020_2020_2020_2020, q = w ^ 0x2222_2222_2222_2222
            let flags = ((s &- 0x0101_0101_0101_0101) & ~s | (q &- 0x0101_0101_0101_0101) & ~q) & 0x8080_8080_8080_8080
            if flags != 0 { return i + flags.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count {
            let b = v.load(fromByteOffset: i, as: UInt8.self)
            if b == 0x20 || b == 0x22 { return i }
            i += 1
        }
        return nil
    }
}
