/// Lines copied out of the reader's buffer, to be handed to another thread: their bytes one
/// after another, and per line its number, start and length (a negative length marks a line
/// rejected as oversized, of minus that many bytes).
final class LineBatch {
    let storage: UnsafeMutableRawBufferPointer
    private(set) var used = 0
    private(set) var numbers: [Int] = []
    private(set) var starts: [Int] = []
    private(set) var lengths: [Int] = []
    /// Bytes read from disk since the batch before (for progress).
    var readBytes = 0

    init(capacity: Int) {
        storage = .allocate(byteCount: capacity, alignment: 16)
        numbers.reserveCapacity(8192)
        starts.reserveCapacity(8192)
        lengths.reserveCapacity(8192)
    }

    deinit { storage.deallocate() }

    var count: Int { numbers.count }
    var isEmpty: Bool { numbers.isEmpty && readBytes == 0 }

    func fits(_ length: Int) -> Bool { used + length <= storage.count }

    func append(_ line: UnsafeRawBufferPointer, number: Int) {
        if let base = line.baseAddress, line.count > 0 {
            (storage.baseAddress! + used).copyMemory(from: base, byteCount: line.count)
        }
        numbers.append(number)
        starts.append(used)
        lengths.append(line.count)
        used += line.count
    }

    func appendOversized(number: Int, length: Int) {
        numbers.append(number)
        starts.append(used)
        lengths.append(-length)
    }

    func reset() {
        used = 0
        readBytes = 0
        numbers.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
    }

    /// Calls `body` for every line in order, with the length of an oversized one (else nil).
    func forEachLine(_ body: (UnsafeRawBufferPointer, Int, Int?) -> Void) {
        let base = UnsafeRawBufferPointer(storage)
        for i in 0..<numbers.count {
            let length = lengths[i]
            if length < 0 {
                body(UnsafeRawBufferPointer(start: nil, count: 0), numbers[i], -length)
            } else {
                body(UnsafeRawBufferPointer(rebasing: base[starts[i]..<starts[i] + length]), numbers[i], nil)
            }
        }
    }
}
