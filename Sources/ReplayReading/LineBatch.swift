import ReplaySupport

/// Lines copied out of the reader's buffer, to be handed to another thread: their bytes one
/// after another, and per line its number and where its bytes lie, or, for a line rejected as
/// oversized, its length in a field of its own (a length from the input may pass 2 GiB, which
/// a span's 32-bit count cannot hold). Its tables are managed by hand: a
/// line is appended on the inflating thread's per-line path.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
package final class LineBatch {
    private struct Entry {
        var number: Int
        var bytes: ByteSpan
        /// The length of a line rejected as oversized; -1 for a line whose bytes are kept.
        var oversized: Int
    }

    let storage: UnsafeMutableRawBufferPointer
    private(set) var used = 0
    private var entries: UnsafeMutablePointer<Entry>
    private var capacity = 8192
    private(set) var count = 0
    /// Bytes read from disk since the batch before (for progress).
    package var readBytes = 0
    /// The gzip members that begin among this batch's lines.
    package var memberStarts: [MemberStart] = []
    /// Lines a batch holds at the most, whatever their length: empty or short lines must
    /// not grow a batch's tables without bound.
    static let maxLines = 16384

    package init(capacity: Int) {
        storage = .allocate(byteCount: capacity, alignment: 16)
        entries = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
        entries.deallocate()
    }

    var isEmpty: Bool { count == 0 && readBytes == 0 && memberStarts.isEmpty }

    /// Whether one more line of `length` bytes fits (an oversized line takes no bytes).
    func fits(_ length: Int) -> Bool { used + length <= storage.count && count < Self.maxLines }

    @inline(__always)
    private func add(_ entry: Entry) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = grown
            capacity *= 2
        }
        (entries + count).initialize(to: entry)
        count += 1
    }

    func append(_ line: UnsafeRawBufferPointer, number: Int) {
        if let base = line.baseAddress, line.count > 0 {
            (storage.baseAddress! + used).copyMemory(from: base, byteCount: line.count)
        }
        add(Entry(number: number, bytes: ByteSpan(start: used, count: line.count), oversized: -1))
        used += line.count
    }

    func appendOversized(number: Int, length: Int) {
        add(Entry(number: number, bytes: .empty, oversized: max(0, length)))
    }

    func reset() {
        used = 0
        readBytes = 0
        count = 0
        memberStarts.removeAll(keepingCapacity: true)
    }

    /// Calls `body` for every line in order, with the length of an oversized one (else nil).
    package func forEachLine(_ body: (UnsafeRawBufferPointer, Int, Int?) -> Void) {
        let base = UnsafeRawBufferPointer(storage)
        for i in 0..<count {
            let e = entries[i]
            if e.oversized >= 0 {
                body(UnsafeRawBufferPointer(start: nil, count: 0), e.number, e.oversized)
            } else {
                body(e.bytes.bytes(in: base), e.number, nil)
            }
        }
    }
}
