/// A ZIP archive (APPNOTE 6.3) written front to back into one of the result set's files, as
/// an XLSX workbook is packed: entries one after another, each deflated as its bytes come (its
/// CRC and sizes follow it in a data descriptor), the central directory last. Names are ASCII;
/// every entry is dated 1980-01-01 00:00, so the same content gives the same bytes. No ZIP64:
/// an archive past 4 GiB is refused.
final class ZipArchive {
    struct Failure: Error { var description: String }

    private struct Entry {
        var name: [UInt8]
        var offset: UInt64
        var crc: UInt32
        var compressed: UInt64
        var size: UInt64
    }

    private let file: ResultFile
    private let deflater: Deflater
    private var entries: [Entry] = []
    private var open: Entry?
    private var offset: UInt64 = 0
    /// Bytes waiting to be deflated (the entry's data arrives in small pieces).
    private var pending: [UInt8] = []
    private static let pendingSize = 1 << 16

    init(into file: ResultFile) throws {
        self.file = file
        deflater = try Deflater()
        pending.reserveCapacity(Self.pendingSize + 4096)
    }

    /// Starts an entry (ending the one before). Refused past 4 GiB, before any offset is
    /// narrowed to the 32 bits a ZIP without ZIP64 writes.
    func begin(_ name: String) throws {
        try end()
        guard offset <= UInt64(UInt32.max) else { throw Failure(description: "the workbook is larger than 4 GiB") }
        let bytes = Array(name.utf8)
        var header: [UInt8] = []
        header.le32(0x0403_4b50)
        header.le16(20)             // version needed: 2.0 (deflate)
        header.le16(0x0008)         // sizes and CRC in the data descriptor
        header.le16(8)              // deflated
        header.le16(0)              // 00:00
        header.le16(0x0021)         // 1980-01-01
        header.le32(0)
        header.le32(0)
        header.le32(0)
        header.le16(UInt16(bytes.count))
        header.le16(0)
        header += bytes
        open = Entry(name: bytes, offset: offset, crc: 0, compressed: 0, size: 0)
        put(header)
        deflater.reset()
    }

    /// The open entry's data, in order.
    func write(_ bytes: [UInt8]) throws {
        pending += bytes
        if pending.count >= Self.pendingSize { try flush() }
    }

    func write(_ text: String) throws {
        var text = text
        text.withUTF8 { pending.append(contentsOf: $0) }
        if pending.count >= Self.pendingSize { try flush() }
    }

    /// Adds bytes to the open entry without a copy of their own (the caller's buffer).
    func withPending(_ body: (inout [UInt8]) -> Void) throws {
        body(&pending)
        if pending.count >= Self.pendingSize { try flush() }
    }

    private func flush(finish: Bool = false) throws {
        try pending.withUnsafeBytes { bytes in
            try deflater.deflate(bytes, finish: finish) { put($0) }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Ends the open entry: the rest of its data, then its data descriptor.
    func end() throws {
        guard var entry = open else { return }
        try flush(finish: true)
        entry.crc = deflater.crc
        entry.compressed = deflater.made
        entry.size = deflater.taken
        guard entry.size <= UInt64(UInt32.max), entry.compressed <= UInt64(UInt32.max) else {
            throw Failure(description: "the workbook's part \(String(decoding: entry.name, as: UTF8.self)) is larger than 4 GiB")
        }
        var descriptor: [UInt8] = []
        descriptor.le32(0x0807_4b50)
        descriptor.le32(entry.crc)
        descriptor.le32(UInt32(entry.compressed))
        descriptor.le32(UInt32(entry.size))
        put(descriptor)
        entries.append(entry)
        open = nil
    }

    /// Ends the open entry and writes the central directory.
    func finish() throws {
        try end()
        let start = offset
        // Every offset the directory writes, checked before it is narrowed to 32 bits.
        guard start <= UInt64(UInt32.max), entries.allSatisfy({ $0.offset <= UInt64(UInt32.max) }) else {
            throw Failure(description: "the workbook is larger than 4 GiB")
        }
        var directory: [UInt8] = []
        for e in entries {
            directory.le32(0x0201_4b50)
            directory.le16(20)      // made by: MS-DOS, 2.0
            directory.le16(20)
            directory.le16(0x0008)
            directory.le16(8)
            directory.le16(0)
            directory.le16(0x0021)
            directory.le32(e.crc)
            directory.le32(UInt32(e.compressed))
            directory.le32(UInt32(e.size))
            directory.le16(UInt16(e.name.count))
            directory.le16(0)       // extra
            directory.le16(0)       // comment
            directory.le16(0)       // disk
            directory.le16(0)       // internal attributes
            directory.le32(0)       // external attributes
            directory.le32(UInt32(e.offset))
            directory += e.name
        }
        guard start + UInt64(directory.count) <= UInt64(UInt32.max), entries.count < 0xFFFF else {
            throw Failure(description: "the workbook is larger than 4 GiB")
        }
        put(directory)
        var end: [UInt8] = []
        end.le32(0x0605_4b50)
        end.le16(0)
        end.le16(0)
        end.le16(UInt16(entries.count))
        end.le16(UInt16(entries.count))
        end.le32(UInt32(directory.count))
        end.le32(UInt32(start))
        end.le16(0)
        put(end)
    }

    /// For tests: as if `count` bytes had been written already (a workbook past 4 GiB without
    /// writing one).
    func pretendWritten(_ count: UInt64) {
        offset += count
    }

    private func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { put($0) }
    }

    private func put(_ bytes: UnsafeRawBufferPointer) {
        file.append(bytes)
        offset += UInt64(bytes.count)
    }
}

extension [UInt8] {
    /// Little-endian numbers, as ZIP writes them.
    mutating func le16(_ v: UInt16) {
        append(UInt8(v & 0xFF))
        append(UInt8(v >> 8))
    }

    mutating func le32(_ v: UInt32) {
        le16(UInt16(v & 0xFFFF))
        le16(UInt16(v >> 16))
    }
}
