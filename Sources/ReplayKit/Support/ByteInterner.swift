#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string a small number, so that the replay compares and stores
/// numbers instead of strings: cache keys, viewers and subjects. The bytes live in one growing
/// arena; the table is open addressing on a 64-bit hash, with the bytes compared on a hit.
/// Its storage is managed by hand: it sits on the per-line path. One thread at a time.
final class ByteInterner {
    private struct Entry {
        var start: Int
        var length: Int
        var hash: UInt64
    }

    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaUsed = 0
    private var arenaCapacity: Int
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity: Int
    private(set) var count = 0
    private var slots: UnsafeMutablePointer<Int32>
    private var mask: Int
    private var strings: [String?] = []

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        // The table grows once it is more than half full: at most half the slots plus one.
        entryCapacity = size / 2 + 1
        entries = .allocate(capacity: entryCapacity)
        arenaCapacity = max(256, capacity * 16)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
        arena.deallocate()
    }

    /// The number of `bytes`, new or known.
    @inline(__always)
    func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[i]
            if id < 0 { break }
            let e = entries[Int(id)]
            if e.hash == h && e.length == bytes.count
                && (bytes.count == 0 || Bytes.equal(arena + e.start, bytes.baseAddress!, count: bytes.count)) { return id }
            i = (i + 1) & mask
        }
        if arenaUsed + bytes.count > arenaCapacity {
            let capacity = max(arenaCapacity * 2, arenaUsed + bytes.count)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = capacity
        }
        if bytes.count > 0 { (arena + arenaUsed).update(from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        precondition(count < entryCapacity)
        let id = Int32(count)
        entries[count] = Entry(start: arenaUsed, length: bytes.count, hash: h)
        arenaUsed += bytes.count
        count += 1
        slots[i] = id
        if count * 2 > mask + 1 { grow() }
        return id
    }

    func intern(_ text: String) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The bytes of a number as a String (made once, then kept).
    func string(_ id: Int32) -> String {
        if strings.count < count { strings += Array(repeating: nil, count: count - strings.count) }
        if let s = strings[Int(id)] { return s }
        let e = entries[Int(id)]
        let s = String(decoding: UnsafeBufferPointer(start: arena + e.start, count: e.length), as: UTF8.self)
        strings[Int(id)] = s
        return s
    }

    /// The bytes of a number, for the duration of `body`.
    func withBytes<T>(_ id: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let e = entries[Int(id)]
        return body(UnsafeRawBufferPointer(start: arena + e.start, count: e.length))
    }

    /// Whether the bytes of `a` come before those of `b` (bytewise, a prefix first).
    @inline(__always)
    func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let ea = entries[Int(a)], eb = entries[Int(b)]
        let c = memcmp(arena + ea.start, arena + eb.start, min(ea.length, eb.length))
        return c != 0 ? c < 0 : ea.length < eb.length
    }

    /// The first eight bytes, big-endian and padded with zeros: a number whose order agrees
    /// with the bytes' order wherever two of them differ.
    @inline(__always)
    func prefixKey(_ id: Int32) -> UInt64 {
        let e = entries[Int(id)]
        var key: UInt64 = 0
        for k in 0..<8 { key = key << 8 | UInt64(k < e.length ? arena[e.start + k] : 0) }
        return key
    }

    private func grow() {
        let size = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        mask = size - 1
        let grown = UnsafeMutablePointer<Entry>.allocate(capacity: size / 2 + 1)
        grown.update(from: entries, count: count)
        entries.deallocate()
        entries = grown
        entryCapacity = size / 2 + 1
        for id in 0..<count {
            var i = Int(truncatingIfNeeded: entries[id].hash) & mask
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
