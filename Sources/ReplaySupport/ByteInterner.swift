#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string a small number, so that the replay compares and stores
/// numbers instead of strings: cache keys, viewers and subjects. The bytes live in one growing
/// arena, each after its length; the table is open addressing on a 64-bit hash, a slot holding
/// part of the hash, the number and where the bytes are, so that a lookup touches the slot and
/// the bytes and nothing else. Its storage is managed by hand: it sits on the per-line path.
/// One thread at a time.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
public final class ByteInterner {
    private struct Slot {
        /// The hash's upper half; its low bits choose the slot, so that the table grows
        /// without hashing again.
        var tag: UInt32
        /// -1: empty.
        var id: Int32
        /// Where the entry's length (four bytes) and then its bytes are in the arena.
        var start: Int
    }

    private static let empty = Slot(tag: 0, id: -1, start: 0)

    @usableFromInline var arena: UnsafeMutableRawPointer
    private var arenaUsed = 0
    private var arenaCapacity: Int
    /// Per number, where its entry is in the arena.
    @usableFromInline var starts: UnsafeMutablePointer<Int>
    private var startCapacity: Int
    package private(set) var count = 0
    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int

    package init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Self.empty, count: size)
        // The table grows once it is more than half full: at most half the slots plus one.
        startCapacity = size / 2 + 1
        starts = .allocate(capacity: startCapacity)
        arenaCapacity = max(256, capacity * 16)
        arena = .allocate(byteCount: arenaCapacity, alignment: 8)
    }

    deinit {
        slots.deallocate()
        starts.deallocate()
        arena.deallocate()
    }

    /// Asks for what `intern(bytes)` will read first, its slot, without waiting for it: a
    /// look-ahead some lookups before. With `entry`, also the bytes the slot points to (call it
    /// so once the slot itself has been asked for a little before). A hint: it changes nothing.
    @inline(__always)
    package func prefetch(_ bytes: UnsafeRawBufferPointer, entry: Bool) {
        let i = Int(UInt32(truncatingIfNeeded: Self.hash(bytes) >> 32)) & mask
        if entry {
            let slot = slots[i]
            if slot.id >= 0 { Prefetch.line(at: arena + slot.start) }
        } else {
            Prefetch.line(at: slots + i)
        }
    }

    /// Where `bytes` are in the table: their number, or the empty slot where they would go.
    @inline(__always)
    private func find(_ bytes: UnsafeRawBufferPointer, tag: UInt32) -> (id: Int32?, slot: Int) {
        let n = bytes.count
        var i = Int(tag) & mask
        while true {
            let slot = slots[i]
            if slot.id < 0 { return (nil, i) }
            if slot.tag == tag && Int(arena.loadUnaligned(fromByteOffset: slot.start, as: UInt32.self)) == n
                && (n == 0 || Bytes.equal(arena + slot.start + 4, bytes.baseAddress!, count: n)) {
                return (slot.id, i)
            }
            i = (i + 1) & mask
        }
    }

    /// The number of `bytes` if they were interned, else nil (nothing is added).
    package func number(of bytes: UnsafeRawBufferPointer) -> Int32? {
        find(bytes, tag: UInt32(truncatingIfNeeded: Self.hash(bytes) >> 32)).id
    }

    /// The number of `bytes`, new or known.
    @inline(__always)
    package func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let h = Self.hash(bytes)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        let n = bytes.count
        let (known, i) = find(bytes, tag: tag)
        if let known { return known }
        precondition(n < Int(UInt32.max), "a value of 4 GB or more")
        if arenaUsed + 4 + n > arenaCapacity {
            let capacity = max(arenaCapacity * 2, arenaUsed + 4 + n)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            grown.copyMemory(from: arena, byteCount: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = capacity
        }
        arena.storeBytes(of: UInt32(n), toByteOffset: arenaUsed, as: UInt32.self)
        if n > 0 { (arena + arenaUsed + 4).copyMemory(from: bytes.baseAddress!, byteCount: n) }
        precondition(count < startCapacity && count < Int(Int32.max))
        let id = Int32(count)
        starts[count] = arenaUsed
        slots[i] = Slot(tag: tag, id: id, start: arenaUsed)
        arenaUsed += 4 + n
        count += 1
        if count * 2 > mask + 1 { grow() }
        return id
    }

    package func intern(_ text: String) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The bytes of a number.
    @inlinable @inline(__always)
    func bytes(_ id: Int32) -> UnsafeRawBufferPointer {
        let start = starts[Int(id)]
        return UnsafeRawBufferPointer(start: arena + start + 4, count: Int(arena.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
    }

    /// The bytes of a number as a String.
    /// The bytes of a number as text, escaped as ids are written (`IdText`).
    package func string(_ id: Int32) -> String {
        IdText.escaped(bytes(id))
    }

    /// The bytes of a number, for the duration of `body`.
    @inlinable
    public func withBytes<T>(_ id: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        body(bytes(id))
    }

    /// Whether the bytes of `a` come before those of `b` (bytewise, a prefix first).
    @inlinable @inline(__always)
    public func precedes(_ a: Int32, _ b: Int32) -> Bool {
        Bytes.compare(bytes(a), bytes(b)) < 0
    }

    /// Eight bytes from `offset` on, big-endian and padded with zeros: numbers whose order
    /// agrees with the bytes' order wherever two of them differ (offset 0, then 8, …).
    @inlinable @inline(__always)
    public func prefixKey(_ id: Int32, from offset: Int = 0) -> UInt64 {
        let b = bytes(id)
        var key: UInt64 = 0
        for k in offset..<offset + 8 { key = key << 8 | UInt64(k < b.count ? b[k] : 0) }
        return key
    }

    private func grow() {
        let size = (mask + 1) * 2
        let old = slots, oldSize = mask + 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Self.empty, count: size)
        mask = size - 1
        for k in 0..<oldSize where old[k].id >= 0 {
            var i = Int(old[k].tag) & mask
            while slots[i].id >= 0 { i = (i + 1) & mask }
            slots[i] = old[k]
        }
        old.deallocate()
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: size / 2 + 1)
        grown.update(from: starts, count: count)
        starts.deallocate()
        starts = grown
        startCapacity = size / 2 + 1
    }

    /// A 64-bit multiply-mix hash, eight bytes at a time.
    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
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
