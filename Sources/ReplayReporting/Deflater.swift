import CZlib

/// zlib's deflate, raw (RFC 1951, no header: ZIP entries carry their own), with the CRC-32 of
/// what it was given: the one place replay calls zlib to compress. Level 1: the XML of a
/// workbook compresses to a tenth at it, and zlib's default level took four times as long
/// (0.47 s against 0.11 s for the bench's 33 MB).
final class Deflater {
    struct Failure: Error { var description: String }

    private var stream = z_stream()
    private let out: UnsafeMutablePointer<UInt8>
    private static let outSize = 1 << 18
    private(set) var crc: UInt32 = 0
    /// Bytes given and bytes made since the last `reset`.
    private(set) var taken: UInt64 = 0
    private(set) var made: UInt64 = 0

    init() throws {
        out = .allocate(capacity: Self.outSize)
        let status = deflateInit2_(&stream, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            out.deallocate()
            throw Failure(description: "zlib cannot start deflating (\(status))")
        }
    }

    deinit {
        deflateEnd(&stream)
        out.deallocate()
    }

    /// A new stream (the next entry).
    func reset() {
        deflateReset(&stream)
        crc = 0
        taken = 0
        made = 0
    }

    /// Compresses `bytes`, handing what comes out to `sink`; with `finish`, ends the stream.
    func deflate(_ bytes: UnsafeRawBufferPointer, finish: Bool = false, into sink: (UnsafeRawBufferPointer) -> Void) throws {
        if let base = bytes.baseAddress, bytes.count > 0 {
            crc = UInt32(truncatingIfNeeded: crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
        }
        taken += UInt64(bytes.count)
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        var status: Int32
        repeat {
            stream.next_out = out
            stream.avail_out = uInt(Self.outSize)
            status = CZlib.deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
            guard status != Z_STREAM_ERROR else { throw Failure(description: "zlib's deflate failed") }
            let produced = Self.outSize - Int(stream.avail_out)
            made += UInt64(produced)
            if produced > 0 { sink(UnsafeRawBufferPointer(start: out, count: produced)) }
        } while stream.avail_out == 0 || (finish && status != Z_STREAM_END)
        stream.next_in = nil
    }
}
