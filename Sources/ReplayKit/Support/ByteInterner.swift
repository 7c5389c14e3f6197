#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string a small number, so that the replay compares and stores
/// numbers instead of strings: cache keys, viewers and subjects. The bytes live in one growing
/// arena; the table is open addressing on a 64-bit hash, with the bytes compared on a hit.
final class ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private var strings: [String?] = []

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 16)
    }

    var count: Int { starts.count }

    /// The number of `bytes`, new or known.
    @inline(__always)
    func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[i]
            if id < 0 { break }
            if hashes[Int(id)] == h && equals(Int(id), bytes) { return id }
            i = (i + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(arena.count)
        lengths.append(bytes.count)
        hashes.append(h)
        strings.append(nil)
        arena.append(contentsOf: bytes)
        slots[i] = id
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    func intern(_ text: String) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The bytes of a number as a String (made once, then kept).
    func string(_ id: Int32) -> String {
        if let s = strings[Int(id)] { return s }
        let start = starts[Int(id)]
        let s = String(decoding: arena[start..<start + lengths[Int(id)]], as: UTF8.self)
        strings[Int(id)] = s
        return s
    }

    /// Whether the bytes of a number begin with `prefix`.
    func hasPrefix(_ id: Int32, _ prefix: [UInt8]) -> Bool {
        let start = starts[Int(id)]
        guard lengths[Int(id)] >= prefix.count else { return false }
        for k in 0..<prefix.count where arena[start + k] != prefix[k] { return false }
        return true
    }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard lengths[id] == bytes.count else { return false }
        let start = starts[id]
        return arena.withUnsafeBytes { a in
            bytes.count == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for id in 0..<starts.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }

    /// A 64-bit multiply-mix hash, eight bytes at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return h
    }
}
